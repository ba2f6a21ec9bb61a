#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-JGLMG3PM.js";
import {
  requestCommand
} from "./chunk-6CYIIVOL.js";
import {
  approveCommand
} from "./chunk-B6FW3WB2.js";
import {
  expireCommand
} from "./chunk-ONCLMJ65.js";
import {
  mergeCommand
} from "./chunk-DOIMUQJA.js";
import "./chunk-AEYEIEEU.js";
import {
  doctorCommand
} from "./chunk-ECRB5NQ3.js";
import "./chunk-4UFIR5RJ.js";
import "./chunk-F2FGS7XD.js";
import {
  planCommand
} from "./chunk-B4HXDEPP.js";
import {
  reconcileCommand
} from "./chunk-QHCFTTCN.js";
import "./chunk-RGREAWII.js";
import "./chunk-AV53WNKD.js";
import "./chunk-346FUDTM.js";
import "./chunk-LJEX3IY7.js";
import {
  validateCommand
} from "./chunk-AEYNPNCH.js";
import "./chunk-BDRR53CR.js";
import {
  codeownersCommand
} from "./chunk-CQYURKIA.js";
import "./chunk-PK76IP4X.js";
import {
  initCommand
} from "./chunk-UCJ3B4RE.js";
import "./chunk-R3KWQLAP.js";
import {
  auditCommand
} from "./chunk-ZN36CND4.js";
import {
  statusCommand
} from "./chunk-5UHAZQTY.js";
import "./chunk-Y5KKVRCX.js";
import "./chunk-G6TYMY42.js";
import "./chunk-4N2S5RBW.js";
import "./chunk-R64KUAPR.js";
import "./chunk-KSJ6QN67.js";
import "./chunk-XQ3GJJ42.js";
import "./chunk-FLWIUCMF.js";
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
