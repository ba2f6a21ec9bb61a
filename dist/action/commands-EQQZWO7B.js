import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-2R7R7XR4.js";
import {
  requestCommand
} from "./chunk-DRJQN3PU.js";
import {
  approveCommand
} from "./chunk-MFMHL265.js";
import {
  expireCommand
} from "./chunk-4QZOSPVL.js";
import {
  mergeCommand
} from "./chunk-BXE5ZV6J.js";
import "./chunk-XC7LFRFC.js";
import {
  doctorCommand
} from "./chunk-ZJXAAO7B.js";
import "./chunk-DTMOW7I4.js";
import "./chunk-UD7W3HBG.js";
import {
  planCommand
} from "./chunk-SQ4SLQXY.js";
import {
  reconcileCommand
} from "./chunk-YQZYFT3L.js";
import "./chunk-TXMUVSFW.js";
import "./chunk-7NXBXBTV.js";
import "./chunk-UN5JN3HY.js";
import "./chunk-TO6F3KAY.js";
import {
  validateCommand
} from "./chunk-FJXTZSCA.js";
import "./chunk-P7ZQEJRS.js";
import {
  codeownersCommand
} from "./chunk-COVROITR.js";
import "./chunk-JSYAHS7N.js";
import {
  initCommand
} from "./chunk-BGXLCU22.js";
import "./chunk-OBDKTAUF.js";
import {
  auditCommand
} from "./chunk-IC2OWFR6.js";
import {
  statusCommand
} from "./chunk-G6C5UIEO.js";
import "./chunk-Z3IHP4KL.js";
import "./chunk-ZIDJILCD.js";
import "./chunk-6U3FWK5B.js";
import "./chunk-G4KNAFGZ.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-TD36ZSTF.js";
import "./chunk-SN2O2HEL.js";
import "./chunk-NCNEFQNQ.js";
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
