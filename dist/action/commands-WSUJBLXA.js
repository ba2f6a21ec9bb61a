import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-FMM6SJZ7.js";
import {
  expireCommand
} from "./chunk-XZENNZNK.js";
import {
  doctorCommand
} from "./chunk-E3GGOKHE.js";
import {
  planCommand
} from "./chunk-5CNUPRRV.js";
import {
  reconcileCommand
} from "./chunk-W6OVIIP5.js";
import {
  requestCommand
} from "./chunk-ZHCK7SWG.js";
import {
  approveCommand
} from "./chunk-KQRKOXH7.js";
import {
  mergeCommand
} from "./chunk-6UUFFT2M.js";
import "./chunk-H62NAHU4.js";
import {
  auditCommand
} from "./chunk-PALJJOCS.js";
import "./chunk-UW5DH4SH.js";
import "./chunk-R7H24Q66.js";
import "./chunk-OT77CHOJ.js";
import "./chunk-KPBPZKB7.js";
import "./chunk-ZMUX3FSB.js";
import "./chunk-JA6BUSJN.js";
import "./chunk-DNXJ7DRY.js";
import "./chunk-XC7LFRFC.js";
import "./chunk-MMHSGNGS.js";
import "./chunk-CJB666U3.js";
import "./chunk-S3XQZOQF.js";
import {
  validateCommand
} from "./chunk-JAG4ZVRD.js";
import "./chunk-B5YZVZOI.js";
import {
  codeownersCommand
} from "./chunk-TO7ZQ4QN.js";
import "./chunk-RMOVPBED.js";
import {
  initCommand
} from "./chunk-L4EIXSQO.js";
import "./chunk-NGLTU43L.js";
import {
  statusCommand
} from "./chunk-IO2QA5LY.js";
import "./chunk-ADHB3WVN.js";
import "./chunk-RUCZPMLL.js";
import "./chunk-RZREFPUH.js";
import "./chunk-NH7KFWFC.js";
import "./chunk-KDCOSSMB.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-FDKBOI5E.js";
import "./chunk-CUYCPMPS.js";
import "./chunk-7COIZ6RX.js";
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
