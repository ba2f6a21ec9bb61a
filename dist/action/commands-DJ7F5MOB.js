import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-NMH63HOC.js";
import {
  requestCommand
} from "./chunk-ANKYZZG4.js";
import {
  approveCommand
} from "./chunk-P2KCE7SA.js";
import {
  expireCommand
} from "./chunk-NX7K2RQU.js";
import {
  mergeCommand
} from "./chunk-CVLIDGW7.js";
import "./chunk-XC7LFRFC.js";
import {
  doctorCommand
} from "./chunk-DIH4VSPX.js";
import "./chunk-DTMOW7I4.js";
import "./chunk-UD7W3HBG.js";
import {
  planCommand
} from "./chunk-EHSV73WC.js";
import {
  reconcileCommand
} from "./chunk-XCY7H7PW.js";
import "./chunk-TXMUVSFW.js";
import "./chunk-IPIGPXKD.js";
import "./chunk-UN5JN3HY.js";
import "./chunk-TO6F3KAY.js";
import {
  validateCommand
} from "./chunk-VRNELP6P.js";
import "./chunk-W5WLWHJX.js";
import {
  codeownersCommand
} from "./chunk-ONOT2LTM.js";
import "./chunk-SCOCR3OY.js";
import {
  initCommand
} from "./chunk-2UWNKOOR.js";
import "./chunk-I42T4DFI.js";
import {
  auditCommand
} from "./chunk-CM2JL7YX.js";
import {
  statusCommand
} from "./chunk-JBTS3DMA.js";
import "./chunk-MLYYIZAE.js";
import "./chunk-ZIDJILCD.js";
import "./chunk-ADFABMPM.js";
import "./chunk-5MLDBXRP.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-MKGQPIIX.js";
import "./chunk-SN2O2HEL.js";
import "./chunk-Q2MZNMNM.js";
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
