#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  APP_KEY_SECRET,
  doctorCommand,
  secretsNamed
} from "./chunk-BFZV6VGJ.js";
import "./chunk-2TCH2WJD.js";
import "./chunk-FW2WYDRN.js";
import "./chunk-VMJLJP6R.js";
import "./chunk-X4SEJDSL.js";
import "./chunk-AS4FJDT4.js";
import "./chunk-UYZCFKXI.js";
import "./chunk-LSXK5KG3.js";
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
  APP_KEY_SECRET,
  doctorCommand,
  secretsNamed
};
