#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  initCommand
} from "./chunk-EOPVNFTD.js";
import "./chunk-GFAMLBDD.js";
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
  initCommand
};
