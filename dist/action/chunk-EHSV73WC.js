import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  provision
} from "./chunk-XCY7H7PW.js";
import {
  LEDGER_OPTIONS
} from "./chunk-JBTS3DMA.js";

// src/commands/plan.ts
function planCommand(seams = {}) {
  return {
    name: "plan",
    summary: "Show what reconcile would change at every provider, and why. Changes nothing.",
    usage: "grantops plan [--ref REF] [--directory github|FILE]",
    formats: ["text", "json"],
    options: LEDGER_OPTIONS,
    run: (ctx, args) => provision(ctx, args, seams, "plan")
  };
}

export {
  planCommand
};
