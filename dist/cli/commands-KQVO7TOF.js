#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-A7VSC7N4.js";
import {
  requestCommand
} from "./chunk-U3Y75ICW.js";
import {
  approveCommand
} from "./chunk-FSCJXDV7.js";
import {
  expireCommand
} from "./chunk-X3X2ABNS.js";
import {
  mergeCommand
} from "./chunk-XUSYBR6C.js";
import "./chunk-AEYEIEEU.js";
import {
  doctorCommand
} from "./chunk-YAFDSLEU.js";
import "./chunk-4UFIR5RJ.js";
import "./chunk-F2FGS7XD.js";
import {
  planCommand
} from "./chunk-BLXLKVN4.js";
import {
  reconcileCommand
} from "./chunk-GUBEYVVL.js";
import "./chunk-RGREAWII.js";
import "./chunk-B5TLF75Y.js";
import "./chunk-346FUDTM.js";
import "./chunk-LJEX3IY7.js";
import {
  validateCommand
} from "./chunk-7XISQI4C.js";
import "./chunk-RA5F3TUE.js";
import {
  codeownersCommand
} from "./chunk-K7J2WI6U.js";
import "./chunk-M472FMX5.js";
import {
  initCommand
} from "./chunk-EOPVNFTD.js";
import "./chunk-GFAMLBDD.js";
import {
  auditCommand
} from "./chunk-R63SZ2NQ.js";
import {
  statusCommand
} from "./chunk-UZD36WJG.js";
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

// src/commands/index.ts
var commands = {
  validate: validateCommand(),
  codeowners: codeownersCommand,
  init: initCommand,
  status: statusCommand,
  audit: auditCommand,
  plan: planCommand(),
  reconcile: reconcileCommand(),
  request: requestCommand,
  approve: approveCommand,
  merge: mergeCommand,
  expire: expireCommand,
  demo: demoCommand(),
  doctor: doctorCommand()
};
export {
  commands
};
