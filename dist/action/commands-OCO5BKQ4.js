import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-PGAFV6BN.js";
import {
  expireCommand
} from "./chunk-BRDJP73Z.js";
import {
  doctorCommand
} from "./chunk-RC4XUSJO.js";
import {
  planCommand
} from "./chunk-MEYC2WFK.js";
import {
  reconcileCommand
} from "./chunk-HKPGYQX6.js";
import {
  requestCommand
} from "./chunk-YLRIGCM4.js";
import {
  approveCommand
} from "./chunk-N7TPH52F.js";
import {
  mergeCommand
} from "./chunk-O2JSMITQ.js";
import "./chunk-4W7E3K2F.js";
import {
  auditCommand
} from "./chunk-OOLC5MJS.js";
import "./chunk-UW5DH4SH.js";
import "./chunk-R7H24Q66.js";
import "./chunk-OT77CHOJ.js";
import "./chunk-KPBPZKB7.js";
import "./chunk-ZMUX3FSB.js";
import "./chunk-JA6BUSJN.js";
import "./chunk-DNXJ7DRY.js";
import "./chunk-XC7LFRFC.js";
import "./chunk-ZW5OJX3H.js";
import "./chunk-CJB666U3.js";
import "./chunk-S3XQZOQF.js";
import {
  validateCommand
} from "./chunk-RCWTCR6W.js";
import "./chunk-MDF4GXS3.js";
import {
  codeownersCommand
} from "./chunk-2FVERKME.js";
import "./chunk-NY4ACVCR.js";
import {
  initCommand
} from "./chunk-C2Z5D7JC.js";
import "./chunk-MYGFCPXS.js";
import {
  statusCommand
} from "./chunk-PXHWB3CA.js";
import "./chunk-U7CR3ZJM.js";
import "./chunk-VFLQQPCH.js";
import "./chunk-RZREFPUH.js";
import "./chunk-T5DEZ7P3.js";
import "./chunk-KDCOSSMB.js";
import "./chunk-ZKAXKIEA.js";
import "./chunk-5CDPNGCY.js";
import "./chunk-CUYCPMPS.js";
import "./chunk-L2WRRIKU.js";
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
