import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-5K3UZ3HE.js";
import "./chunk-PG2L5HKC.js";
import "./chunk-Z7PSQRR2.js";
import "./chunk-KDBP7HEH.js";
import "./chunk-P3OKQOZI.js";
import "./chunk-XC7LFRFC.js";
import "./chunk-UD7W3HBG.js";
import "./chunk-GICD4MOU.js";
import "./chunk-TXMUVSFW.js";
import "./chunk-AB7NYEEN.js";
import "./chunk-OPLCWD3W.js";
import "./chunk-HVTMTFTM.js";
import "./chunk-VRS45COX.js";
import "./chunk-ZSTDVM3X.js";
import "./chunk-UJ23BS5R.js";
import "./chunk-Y6BZMH52.js";
import "./chunk-XAI4TGQJ.js";
import "./chunk-3MVIUKJA.js";
import "./chunk-ZIDJILCD.js";
import "./chunk-RJPKLY3J.js";
import "./chunk-5MLDBXRP.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-OQGWABVP.js";
import "./chunk-SN2O2HEL.js";
import "./chunk-AKVCDDTI.js";
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
  demoCommand
};
