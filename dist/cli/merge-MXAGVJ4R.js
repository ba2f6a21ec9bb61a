#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  DIRECTORY_OPTIONS,
  decideOn,
  mergeCommand,
  mergeCommandWith
} from "./chunk-UXOEFJFH.js";
import "./chunk-CCCNZSFH.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-F3ITQUNV.js";
import "./chunk-ZF7XZ7YC.js";
import "./chunk-GEX4BSP5.js";
import "./chunk-QMNYZ6U4.js";
import "./chunk-JP4WULFN.js";
import "./chunk-R64KUAPR.js";
import "./chunk-OGZGPGLR.js";
import "./chunk-CKX4GWUA.js";
import "./chunk-OH37MZEK.js";
import "./chunk-MWPZKGVJ.js";
import "./chunk-4K3XNE56.js";
import "./chunk-6J4V7PVO.js";
import "./chunk-FZG3WQQ5.js";
import "./chunk-MEJTM6IP.js";
import "./chunk-P6HFGWWX.js";
import "./chunk-LUMG572G.js";
import "./chunk-LC3XKIL7.js";
export {
  DIRECTORY_OPTIONS,
  decideOn,
  mergeCommand,
  mergeCommandWith
};
