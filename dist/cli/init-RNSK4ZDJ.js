#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  initCommand
} from "./chunk-L2ZJHHS4.js";
import "./chunk-UDBGS26X.js";
import "./chunk-CKX4GWUA.js";
import "./chunk-C52JJD6D.js";
import "./chunk-MWPZKGVJ.js";
import "./chunk-4K3XNE56.js";
import "./chunk-6J4V7PVO.js";
import "./chunk-FZG3WQQ5.js";
import "./chunk-MEJTM6IP.js";
import "./chunk-P6HFGWWX.js";
import "./chunk-LUMG572G.js";
import "./chunk-LC3XKIL7.js";
export {
  initCommand
};
