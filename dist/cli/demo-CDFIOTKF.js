#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-A7VSC7N4.js";
import "./chunk-U3Y75ICW.js";
import "./chunk-FSCJXDV7.js";
import "./chunk-X3X2ABNS.js";
import "./chunk-XUSYBR6C.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-F2FGS7XD.js";
import "./chunk-GUBEYVVL.js";
import "./chunk-RGREAWII.js";
import "./chunk-B5TLF75Y.js";
import "./chunk-RA5F3TUE.js";
import "./chunk-K7J2WI6U.js";
import "./chunk-M472FMX5.js";
import "./chunk-EOPVNFTD.js";
import "./chunk-GFAMLBDD.js";
import "./chunk-R63SZ2NQ.js";
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
  demoCommand
};
