#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  provision,
  reconcileCommand
} from "./chunk-UDTW76IS.js";
import "./chunk-RGREAWII.js";
import "./chunk-YBUDWQCD.js";
import "./chunk-EKIKGZBI.js";
import "./chunk-BGAQRP4H.js";
import "./chunk-G6TYMY42.js";
import "./chunk-HMSUNFMZ.js";
import "./chunk-R64KUAPR.js";
import "./chunk-6FSCZ75R.js";
import "./chunk-XQ3GJJ42.js";
import "./chunk-GYK2YQMT.js";
import "./chunk-MWPZKGVJ.js";
import "./chunk-4K3XNE56.js";
import "./chunk-6J4V7PVO.js";
import "./chunk-FZG3WQQ5.js";
import "./chunk-MEJTM6IP.js";
import "./chunk-3UBAAKNO.js";
import "./chunk-LC3XKIL7.js";
export {
  provision,
  reconcileCommand
};
