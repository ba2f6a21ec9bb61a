#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-2FXERDFS.js";
import "./chunk-HB5KX727.js";
import "./chunk-LGHFGEJG.js";
import "./chunk-YWCXMLA6.js";
import "./chunk-6QPZNO4X.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-F2FGS7XD.js";
import "./chunk-UDTW76IS.js";
import "./chunk-RGREAWII.js";
import "./chunk-UVKQDGUE.js";
import "./chunk-QMQVYIAY.js";
import "./chunk-ME7H7VTO.js";
import "./chunk-YBUDWQCD.js";
import "./chunk-GVQDFGKK.js";
import "./chunk-4TZREQ2F.js";
import "./chunk-2MCX3QYS.js";
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
  demoCommand
};
