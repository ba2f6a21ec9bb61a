import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  provision
} from "./chunk-H4QBTHHS.js";
import {
  FORGE_OPTION
} from "./chunk-4W7E3K2F.js";
import {
  LEDGER_OPTIONS
} from "./chunk-Q36TELAT.js";

// src/commands/plan.ts
function planCommand(seams = {}) {
  return {
    name: "plan",
    summary: "Show what reconcile would change at every provider, and why. Changes nothing.",
    usage: "grantops plan [--ref REF] [--directory github|FILE] [--forge github|local]",
    formats: ["text", "json"],
    options: { ...LEDGER_OPTIONS, ...FORGE_OPTION },
    run: (ctx, args) => provision(ctx, args, seams, "plan")
  };
}

export {
  planCommand
};
