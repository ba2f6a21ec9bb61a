import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-5K3UZ3HE.js";
import {
  requestCommand
} from "./chunk-PG2L5HKC.js";
import {
  approveCommand
} from "./chunk-Z7PSQRR2.js";
import {
  expireCommand
} from "./chunk-KDBP7HEH.js";
import {
  mergeCommand
} from "./chunk-P3OKQOZI.js";
import "./chunk-XC7LFRFC.js";
import {
  doctorCommand
} from "./chunk-26DRKHZP.js";
import "./chunk-DTMOW7I4.js";
import "./chunk-UD7W3HBG.js";
import {
  planCommand
} from "./chunk-GENRGFR7.js";
import {
  reconcileCommand
} from "./chunk-GICD4MOU.js";
import "./chunk-TXMUVSFW.js";
import "./chunk-AB7NYEEN.js";
import "./chunk-UN5JN3HY.js";
import "./chunk-TO6F3KAY.js";
import {
  validateCommand
} from "./chunk-ZICMF7NI.js";
import "./chunk-OPLCWD3W.js";
import {
  codeownersCommand
} from "./chunk-HVTMTFTM.js";
import "./chunk-VRS45COX.js";
import {
  initCommand
} from "./chunk-ZSTDVM3X.js";
import "./chunk-UJ23BS5R.js";
import {
  auditCommand
} from "./chunk-Y6BZMH52.js";
import {
  statusCommand
} from "./chunk-XAI4TGQJ.js";
import "./chunk-3MVIUKJA.js";
import "./chunk-ZIDJILCD.js";
import "./chunk-RJPKLY3J.js";
import "./chunk-5MLDBXRP.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-OQGWABVP.js";
import "./chunk-SN2O2HEL.js";
import "./chunk-AKVCDDTI.js";
import "./chunk-77CNMPMP.js";
import "./chunk-RPORFTNC.js";
import "./chunk-FQZU7CBE.js";
import "./chunk-LDG3JN25.js";
import "./chunk-WY24FGW5.js";
import "./chunk-HEZKBJE2.js";
import "./chunk-DFG6E3KN.js";
import "./chunk-2M6QR42H.js";
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
