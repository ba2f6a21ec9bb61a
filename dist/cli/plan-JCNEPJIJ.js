#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  planCommand
} from "./chunk-J5HG6TWG.js";
import "./chunk-Y4EZ4CMZ.js";
import "./chunk-OW77SQQN.js";
import "./chunk-SYGJAFQC.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-ZMROOH3A.js";
import "./chunk-XUC3AZPG.js";
import "./chunk-TC26ECAY.js";
import "./chunk-XMS526PT.js";
import "./chunk-Q4EWESKB.js";
import "./chunk-WDKGYMZA.js";
import "./chunk-N3YKJD3I.js";
import "./chunk-JP4WULFN.js";
import "./chunk-R64KUAPR.js";
import "./chunk-JFKUPE7P.js";
import "./chunk-CKX4GWUA.js";
import "./chunk-C52JJD6D.js";
import "./chunk-MWPZKGVJ.js";
import "./chunk-4K3XNE56.js";
import "./chunk-6J4V7PVO.js";
import "./chunk-FZG3WQQ5.js";
import "./chunk-MEJTM6IP.js";
import "./chunk-P6HFGWWX.js";
import "./chunk-LUMG572G.js";
import "./chunk-LC3XKIL7.js";
export {
  planCommand
};
