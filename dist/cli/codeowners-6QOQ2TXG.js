#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  codeownersCommand
} from "./chunk-EZCMK5JL.js";
import "./chunk-UYZCFKXI.js";
import "./chunk-LSXK5KG3.js";
import "./chunk-V7ERLXNP.js";
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
  codeownersCommand
};
