#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-PDJUXURF.js";
import {
  expireCommand
} from "./chunk-734GCLPB.js";
import {
  doctorCommand
} from "./chunk-BFZV6VGJ.js";
import {
  planCommand
} from "./chunk-ZHLZTNTB.js";
import {
  reconcileCommand
} from "./chunk-77G3MS3L.js";
import {
  requestCommand
} from "./chunk-55PSKHHV.js";
import {
  approveCommand
} from "./chunk-DYNBFIL6.js";
import {
  mergeCommand
} from "./chunk-3EHRYLAD.js";
import "./chunk-MBHDA3L7.js";
import {
  auditCommand
} from "./chunk-GXM6V4RC.js";
import "./chunk-VRIJWFZX.js";
import "./chunk-SYGJAFQC.js";
import "./chunk-2TCH2WJD.js";
import "./chunk-SW2S37HF.js";
import "./chunk-FW2WYDRN.js";
import "./chunk-FNVVKEHN.js";
import "./chunk-VMJLJP6R.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-UPJEN7IH.js";
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
} from "./chunk-ROH4RORL.js";
import "./chunk-W3OPTJO3.js";
import "./chunk-5GSE7XHR.js";
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
