import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  codeownersCommand
} from "./chunk-2FVERKME.js";
import "./chunk-NY4ACVCR.js";
import "./chunk-MYGFCPXS.js";
import "./chunk-5CDPNGCY.js";
import "./chunk-L2WRRIKU.js";
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
  codeownersCommand
};
