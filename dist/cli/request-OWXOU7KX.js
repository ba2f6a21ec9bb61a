#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  requestCommand,
  requestCommandWith
} from "./chunk-3WX6YVA3.js";
import "./chunk-UXOEFJFH.js";
import "./chunk-CCCNZSFH.js";
import "./chunk-SW2S37HF.js";
import "./chunk-FW2WYDRN.js";
import "./chunk-FNVVKEHN.js";
import "./chunk-VMJLJP6R.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-X4SEJDSL.js";
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
  requestCommand,
  requestCommandWith
};
