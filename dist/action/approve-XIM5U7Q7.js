import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  approveCommand
} from "./chunk-KQRKOXH7.js";
import "./chunk-6UUFFT2M.js";
import "./chunk-H62NAHU4.js";
import "./chunk-XC7LFRFC.js";
import "./chunk-B5YZVZOI.js";
import "./chunk-RMOVPBED.js";
import "./chunk-RUCZPMLL.js";
import "./chunk-NH7KFWFC.js";
import "./chunk-KDCOSSMB.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-FDKBOI5E.js";
import "./chunk-CUYCPMPS.js";
import "./chunk-7COIZ6RX.js";
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
  approveCommand
};
