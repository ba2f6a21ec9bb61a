import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  initCommand
} from "./chunk-2UWNKOOR.js";
import "./chunk-I42T4DFI.js";
import "./chunk-SN2O2HEL.js";
import "./chunk-Q2MZNMNM.js";
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
  initCommand
};
