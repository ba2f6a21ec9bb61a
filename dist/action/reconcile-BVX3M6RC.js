import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  provision,
  reconcileCommand
} from "./chunk-OTAHXSHX.js";
import "./chunk-ZUK2C4QX.js";
import "./chunk-R7H24Q66.js";
import "./chunk-XC7LFRFC.js";
import "./chunk-Q3QGBXOK.js";
import "./chunk-K6S4243X.js";
import "./chunk-6TY7UCWN.js";
import "./chunk-UJPWKRDB.js";
import "./chunk-F3PBQCFD.js";
import "./chunk-RZREFPUH.js";
import "./chunk-FUUSIJLI.js";
import "./chunk-KDCOSSMB.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-YYQAEIUN.js";
import "./chunk-CUYCPMPS.js";
import "./chunk-DDUBVJXL.js";
import "./chunk-77CNMPMP.js";
import "./chunk-RPORFTNC.js";
import "./chunk-FQZU7CBE.js";
import "./chunk-LDG3JN25.js";
import "./chunk-WY24FGW5.js";
import "./chunk-HEZKBJE2.js";
import "./chunk-AEA6CW7H.js";
import "./chunk-KLQUP7ME.js";
import "./chunk-LU25FTH7.js";
export {
  provision,
  reconcileCommand
};
