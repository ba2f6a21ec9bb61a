#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-AZWSNM2T.js";
import "./chunk-JBIJWK2F.js";
import "./chunk-D5ZNUHMJ.js";
import "./chunk-6W7KW6JK.js";
import "./chunk-RGBWLN5P.js";
import "./chunk-MQBTOJHQ.js";
import "./chunk-CCCNZSFH.js";
import "./chunk-QBMTJZH5.js";
import "./chunk-VRIJWFZX.js";
import "./chunk-SYGJAFQC.js";
import "./chunk-SW2S37HF.js";
import "./chunk-FW2WYDRN.js";
import "./chunk-FNVVKEHN.js";
import "./chunk-VMJLJP6R.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-6EYPXEHR.js";
import "./chunk-X4SEJDSL.js";
import "./chunk-F3ITQUNV.js";
import "./chunk-JI3R5O74.js";
import "./chunk-ZF7XZ7YC.js";
import "./chunk-SSM4XTNP.js";
import "./chunk-LJXKLJEH.js";
import "./chunk-PH6N5URA.js";
import "./chunk-J7UJICQV.js";
import "./chunk-QTHOO66Z.js";
import "./chunk-WDKGYMZA.js";
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
  demoCommand
};
