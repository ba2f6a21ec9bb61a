import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-E7YPDKB5.js";
import {
  expireCommand
} from "./chunk-MFQSCBQC.js";
import {
  doctorCommand
} from "./chunk-RC4XUSJO.js";
import {
  planCommand
} from "./chunk-HTHC6YGR.js";
import {
  reconcileCommand
} from "./chunk-H4QBTHHS.js";
import {
  requestCommand
} from "./chunk-I4TGZTVC.js";
import {
  approveCommand
} from "./chunk-YXORKTTE.js";
import {
  mergeCommand
} from "./chunk-ZYPSBA4K.js";
import "./chunk-4W7E3K2F.js";
import {
  auditCommand
} from "./chunk-OEY72LEB.js";
import "./chunk-UW5DH4SH.js";
import "./chunk-R7H24Q66.js";
import "./chunk-OT77CHOJ.js";
import "./chunk-KPBPZKB7.js";
import "./chunk-ZMUX3FSB.js";
import "./chunk-JA6BUSJN.js";
import "./chunk-DNXJ7DRY.js";
import "./chunk-XC7LFRFC.js";
import "./chunk-6A2B54D3.js";
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
} from "./chunk-Q36TELAT.js";
import "./chunk-OWNVG5RX.js";
import "./chunk-2ZI7UELM.js";
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
