import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  LEDGER_OPTIONS,
  ledgerFromArgs,
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
export {
  LEDGER_OPTIONS,
  ledgerFromArgs,
  statusCommand
};
