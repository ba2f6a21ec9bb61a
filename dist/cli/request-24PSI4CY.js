#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  requestCommand
} from "./chunk-6CYIIVOL.js";
import "./chunk-DOIMUQJA.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-BDRR53CR.js";
import "./chunk-PK76IP4X.js";
import "./chunk-G6TYMY42.js";
import "./chunk-4N2S5RBW.js";
import "./chunk-R64KUAPR.js";
import "./chunk-KSJ6QN67.js";
import "./chunk-XQ3GJJ42.js";
import "./chunk-FLWIUCMF.js";
import "./chunk-MWPZKGVJ.js";
import "./chunk-4K3XNE56.js";
import "./chunk-6J4V7PVO.js";
import "./chunk-FZG3WQQ5.js";
import "./chunk-MEJTM6IP.js";
import "./chunk-3UBAAKNO.js";
import "./chunk-LC3XKIL7.js";
export {
  requestCommand
};
