#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-BWDGPFBN.js";
import {
  expireCommand
} from "./chunk-TT7A75CJ.js";
import {
  doctorCommand
} from "./chunk-D5VWNUJL.js";
import {
  planCommand
} from "./chunk-J5HG6TWG.js";
import {
  reconcileCommand
} from "./chunk-Y4EZ4CMZ.js";
import {
  requestCommand
} from "./chunk-4KRAOK5C.js";
import {
  approveCommand
} from "./chunk-TWOAKY77.js";
import {
  mergeCommand
} from "./chunk-KOUFMF54.js";
import "./chunk-OW77SQQN.js";
import {
  auditCommand
} from "./chunk-7KZB6CF5.js";
import "./chunk-VRIJWFZX.js";
import "./chunk-SYGJAFQC.js";
import "./chunk-2TCH2WJD.js";
import "./chunk-SW2S37HF.js";
import "./chunk-FW2WYDRN.js";
import "./chunk-FNVVKEHN.js";
import "./chunk-VMJLJP6R.js";
import "./chunk-AEYEIEEU.js";
import "./chunk-3CI3LVYR.js";
import "./chunk-X4SEJDSL.js";
import "./chunk-E4ILH7MR.js";
import {
  validateCommand
} from "./chunk-HLTEICRM.js";
import "./chunk-ZMROOH3A.js";
import {
  codeownersCommand
} from "./chunk-RK572NT3.js";
import "./chunk-XUC3AZPG.js";
import {
  initCommand
} from "./chunk-L2ZJHHS4.js";
import "./chunk-UDBGS26X.js";
import {
  statusCommand
} from "./chunk-TC26ECAY.js";
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
