import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  renderDecision,
  validateCommand
} from "./chunk-WRJM2O5L.js";
import "./chunk-OP6LLICM.js";
import "./chunk-JSYAHS7N.js";
import "./chunk-ID5T5SYZ.js";
import "./chunk-5MLDBXRP.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-TD36ZSTF.js";
import "./chunk-SN2O2HEL.js";
import "./chunk-NCNEFQNQ.js";
import "./chunk-77CNMPMP.js";
import "./chunk-RPORFTNC.js";
import "./chunk-FQZU7CBE.js";
import "./chunk-LDG3JN25.js";
import "./chunk-WY24FGW5.js";
import "./chunk-HEZKBJE2.js";
import "./chunk-DFG6E3KN.js";
import "./chunk-2M6QR42H.js";
import "./chunk-LU25FTH7.js";
export {
  renderDecision,
  validateCommand
};
