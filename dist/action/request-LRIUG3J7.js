import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  requestCommand
} from "./chunk-ANKYZZG4.js";
import "./chunk-CVLIDGW7.js";
import "./chunk-XC7LFRFC.js";
import "./chunk-W5WLWHJX.js";
import "./chunk-SCOCR3OY.js";
import "./chunk-ZIDJILCD.js";
import "./chunk-ADFABMPM.js";
import "./chunk-5MLDBXRP.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-MKGQPIIX.js";
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
  requestCommand
};
