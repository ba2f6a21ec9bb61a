#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  planCommand
} from "./chunk-BLXLKVN4.js";
import "./chunk-GUBEYVVL.js";
import "./chunk-RGREAWII.js";
import "./chunk-M472FMX5.js";
import "./chunk-UZD36WJG.js";
import "./chunk-REZJJ6TZ.js";
import "./chunk-G6TYMY42.js";
import "./chunk-OO3MYIJD.js";
import "./chunk-R64KUAPR.js";
import "./chunk-EPG446XM.js";
import "./chunk-XQ3GJJ42.js";
import "./chunk-JZNY5N4S.js";
import "./chunk-MWPZKGVJ.js";
import "./chunk-4K3XNE56.js";
import "./chunk-6J4V7PVO.js";
import "./chunk-FZG3WQQ5.js";
import "./chunk-MEJTM6IP.js";
import "./chunk-3UBAAKNO.js";
import "./chunk-LC3XKIL7.js";
export {
  planCommand
};
