import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  GitHubForge
} from "./chunk-TX5KJ537.js";
import "./chunk-OT77CHOJ.js";
import "./chunk-KPBPZKB7.js";
import "./chunk-ZMUX3FSB.js";
import "./chunk-JA6BUSJN.js";
import "./chunk-DNXJ7DRY.js";
import "./chunk-XC7LFRFC.js";
import "./chunk-CJB666U3.js";
import "./chunk-AEA6CW7H.js";
import "./chunk-KLQUP7ME.js";
import "./chunk-LU25FTH7.js";
export {
  GitHubForge
};
