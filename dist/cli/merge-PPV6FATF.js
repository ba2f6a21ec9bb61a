#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  DIRECTORY_OPTIONS,
  decideOn,
  mergeCommand,
  mergeCommandWith
} from "./chunk-3EHRYLAD.js";
import "./chunk-MBHDA3L7.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-CF25Z6GK.js";
import "./chunk-UYZCFKXI.js";
import "./chunk-5GSE7XHR.js";
import "./chunk-V4LXNA3V.js";
import "./chunk-JP4WULFN.js";
import "./chunk-R64KUAPR.js";
import "./chunk-V7ERLXNP.js";
import "./chunk-CKX4GWUA.js";
import "./chunk-FZ7HWEFT.js";
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
