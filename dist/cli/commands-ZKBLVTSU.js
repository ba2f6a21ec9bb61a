#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  demoCommand
} from "./chunk-2FXERDFS.js";
import {
  requestCommand
} from "./chunk-HB5KX727.js";
import {
  approveCommand
} from "./chunk-LGHFGEJG.js";
import {
  expireCommand
} from "./chunk-YWCXMLA6.js";
import {
  mergeCommand
} from "./chunk-6QPZNO4X.js";
import "./chunk-AEYEIEEU.js";
import {
  doctorCommand
} from "./chunk-XXSVP24C.js";
import "./chunk-4UFIR5RJ.js";
import "./chunk-F2FGS7XD.js";
import {
  planCommand
} from "./chunk-4WENCCHJ.js";
import {
  reconcileCommand
} from "./chunk-UDTW76IS.js";
import "./chunk-RGREAWII.js";
import "./chunk-UVKQDGUE.js";
import "./chunk-346FUDTM.js";
import "./chunk-LJEX3IY7.js";
import {
  validateCommand
} from "./chunk-DBDN44QV.js";
import "./chunk-QMQVYIAY.js";
import {
  codeownersCommand
} from "./chunk-ME7H7VTO.js";
import "./chunk-YBUDWQCD.js";
import {
  initCommand
} from "./chunk-GVQDFGKK.js";
import "./chunk-4TZREQ2F.js";
import {
  auditCommand
} from "./chunk-2MCX3QYS.js";
import {
  statusCommand
} from "./chunk-EKIKGZBI.js";
import "./chunk-BGAQRP4H.js";
import "./chunk-G6TYMY42.js";
import "./chunk-HMSUNFMZ.js";
import "./chunk-R64KUAPR.js";
import "./chunk-6FSCZ75R.js";
import "./chunk-XQ3GJJ42.js";
import "./chunk-GYK2YQMT.js";
import "./chunk-MWPZKGVJ.js";
import "./chunk-4K3XNE56.js";
import "./chunk-6J4V7PVO.js";
import "./chunk-FZG3WQQ5.js";
import "./chunk-MEJTM6IP.js";
import "./chunk-3UBAAKNO.js";
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
