#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  codeownersCommand
} from "./chunk-JI3R5O74.js";
import "./chunk-ZF7XZ7YC.js";
import "./chunk-LJXKLJEH.js";
import "./chunk-OGZGPGLR.js";
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
  codeownersCommand
};
