#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-AB4KWFD7.js";
import {
  expireCommand
} from "./chunk-WI5G6ZZN.js";
import {
  doctorCommand
} from "./chunk-BFZV6VGJ.js";
import {
  planCommand
} from "./chunk-YHJ5GUHG.js";
import {
  reconcileCommand
} from "./chunk-UND632LZ.js";
import {
  requestCommand
} from "./chunk-K3L63EMD.js";
import {
  approveCommand
} from "./chunk-AVLSXYI4.js";
import {
  mergeCommand
} from "./chunk-OWWATLJU.js";
import "./chunk-MBHDA3L7.js";
import {
  auditCommand
} from "./chunk-E6Q5O4MO.js";
import "./chunk-VRIJWFZX.js";
import "./chunk-SYGJAFQC.js";
import "./chunk-2TCH2WJD.js";
import "./chunk-SW2S37HF.js";
import "./chunk-FW2WYDRN.js";
import "./chunk-FNVVKEHN.js";
import "./chunk-VMJLJP6R.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-EE5VJLMP.js";
import "./chunk-X4SEJDSL.js";
import "./chunk-AS4FJDT4.js";
import {
  validateCommand
} from "./chunk-EGAZ3ICL.js";
import "./chunk-CF25Z6GK.js";
import {
  codeownersCommand
} from "./chunk-EZCMK5JL.js";
import "./chunk-UYZCFKXI.js";
import {
  initCommand
} from "./chunk-RVVNRE27.js";
import "./chunk-LSXK5KG3.js";
import {
  statusCommand
} from "./chunk-QWM7E6NR.js";
import "./chunk-YNGEDVSR.js";
import "./chunk-PGS3D6SS.js";
import "./chunk-WDKGYMZA.js";
import "./chunk-V4LXNA3V.js";
import "./chunk-JP4WULFN.js";
import "./chunk-R64KUAPR.js";
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
