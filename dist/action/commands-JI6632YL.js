import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-72EEW3TG.js";
import {
  expireCommand
} from "./chunk-DIFOPA4L.js";
import {
  doctorCommand
} from "./chunk-OVBE2TMI.js";
import {
  planCommand
} from "./chunk-YRUUKDIG.js";
import {
  reconcileCommand
} from "./chunk-OTAHXSHX.js";
import {
  requestCommand
} from "./chunk-2VQCIHAY.js";
import {
  approveCommand
} from "./chunk-QXGSATZN.js";
import {
  mergeCommand
} from "./chunk-DLL5GAPL.js";
import "./chunk-ZUK2C4QX.js";
import {
  auditCommand
} from "./chunk-KITJ3II3.js";
import "./chunk-UW5DH4SH.js";
import "./chunk-R7H24Q66.js";
import "./chunk-OT77CHOJ.js";
import "./chunk-KPBPZKB7.js";
import "./chunk-ZMUX3FSB.js";
import "./chunk-JA6BUSJN.js";
import "./chunk-DNXJ7DRY.js";
import "./chunk-XC7LFRFC.js";
import "./chunk-VXXAZDLO.js";
import "./chunk-CJB666U3.js";
import "./chunk-PIEX6OHS.js";
import {
  validateCommand
} from "./chunk-XEEJELDL.js";
import "./chunk-Q3QGBXOK.js";
import {
  codeownersCommand
} from "./chunk-BFUQAQ22.js";
import "./chunk-K6S4243X.js";
import {
  initCommand
} from "./chunk-NOICDVJC.js";
import "./chunk-7DYAB52F.js";
import {
  statusCommand
} from "./chunk-6TY7UCWN.js";
import "./chunk-UJPWKRDB.js";
import "./chunk-F3PBQCFD.js";
import "./chunk-RZREFPUH.js";
import "./chunk-FUUSIJLI.js";
import "./chunk-KDCOSSMB.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-YYQAEIUN.js";
import "./chunk-CUYCPMPS.js";
import "./chunk-DDUBVJXL.js";
import "./chunk-77CNMPMP.js";
import "./chunk-RPORFTNC.js";
import "./chunk-FQZU7CBE.js";
import "./chunk-LDG3JN25.js";
import "./chunk-WY24FGW5.js";
import "./chunk-HEZKBJE2.js";
import "./chunk-AEA6CW7H.js";
import "./chunk-KLQUP7ME.js";
import "./chunk-LU25FTH7.js";

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
