#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  GitHubForge
} from "./chunk-252HKRR4.js";
import "./chunk-2TCH2WJD.js";
import "./chunk-SW2S37HF.js";
import "./chunk-FW2WYDRN.js";
import "./chunk-FNVVKEHN.js";
import "./chunk-VMJLJP6R.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-X4SEJDSL.js";
import "./chunk-P6HFGWWX.js";
import "./chunk-LUMG572G.js";
import "./chunk-LC3XKIL7.js";
export {
  GitHubForge
};
