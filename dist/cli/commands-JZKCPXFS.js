#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-75VW6QKY.js";
import {
  expireCommand
} from "./chunk-WB5UR6DB.js";
import {
  doctorCommand
} from "./chunk-LFKHOGXK.js";
import {
  planCommand
} from "./chunk-G7BHYJDR.js";
import {
  reconcileCommand
} from "./chunk-5FGL4PTN.js";
import {
  requestCommand
} from "./chunk-3WX6YVA3.js";
import {
  approveCommand
} from "./chunk-5765K3O7.js";
import {
  mergeCommand
} from "./chunk-UXOEFJFH.js";
import "./chunk-CCCNZSFH.js";
import {
  auditCommand
} from "./chunk-DVQMUBVS.js";
import "./chunk-VRIJWFZX.js";
import "./chunk-SYGJAFQC.js";
import "./chunk-2TCH2WJD.js";
import "./chunk-SW2S37HF.js";
import "./chunk-FW2WYDRN.js";
import "./chunk-FNVVKEHN.js";
import "./chunk-VMJLJP6R.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-D3EPXYZY.js";
import "./chunk-X4SEJDSL.js";
import "./chunk-AS4FJDT4.js";
import {
  validateCommand
} from "./chunk-M2KKKVTD.js";
import "./chunk-F3ITQUNV.js";
import {
  codeownersCommand
} from "./chunk-JI3R5O74.js";
import "./chunk-ZF7XZ7YC.js";
import {
  initCommand
} from "./chunk-SSM4XTNP.js";
import "./chunk-LJXKLJEH.js";
import {
  statusCommand
} from "./chunk-JLA36PGM.js";
import "./chunk-B2B3LCHP.js";
import "./chunk-GEX4BSP5.js";
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
