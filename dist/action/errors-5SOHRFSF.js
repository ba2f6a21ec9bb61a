import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  githubError,
  statusOf
} from "./chunk-CJB666U3.js";
import "./chunk-AEA6CW7H.js";
import "./chunk-KLQUP7ME.js";
import "./chunk-LU25FTH7.js";
export {
  githubError,
  statusOf
};
