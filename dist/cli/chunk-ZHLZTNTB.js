#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  provision
} from "./chunk-77G3MS3L.js";
import {
  FORGE_OPTION
} from "./chunk-MBHDA3L7.js";
import {
  LEDGER_OPTIONS
} from "./chunk-ROH4RORL.js";

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
