#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  escapeText
} from "./chunk-LUMG572G.js";

// src/cli/progress.ts
var NO_PROGRESS = () => {
};
var StatusLine = class {
  constructor(write, columns = () => void 0) {
    this.write = write;
    this.columns = columns;
  }
  write;
  columns;
  shown = 0;
  show(text) {
    if (text === "") return this.clear();
    const width = Math.max(10, (this.columns() || 80) - 1);
    const line = text.length > width ? `${text.slice(0, width - 1)}\u2026` : text;
    this.write(`\r${line}${" ".repeat(Math.max(0, this.shown - line.length))}`);
    this.shown = line.length;
  }
  clear() {
    if (this.shown === 0) return;
    this.write(`\r${" ".repeat(this.shown)}\r`);
    this.shown = 0;
  }
};
var TIMING = { after: 800, every: 250 };
async function withProgress(progress, label, work, timing = TIMING) {
  const started = Date.now();
  let ticked = false;
  const tick = setInterval(() => {
    const ms = Date.now() - started;
    if (ms < timing.after) return;
    ticked = true;
    progress(`${label()} (${Math.floor(ms / 1e3)}s)`);
  }, timing.every);
  tick.unref();
  try {
    return await work();
  } finally {
    clearInterval(tick);
    if (ticked) progress("");
  }
}
function ledgerWithProgress(ledger, progress, timing = TIMING) {
  if (progress === NO_PROGRESS) return ledger;
  const ref = escapeText(ledger.ref, 60);
  return {
    ref: ledger.ref,
    commit: ledger.commit,
    grants: (opts) => withProgress(
      progress,
      () => `reading the grants on ${ref}\u2026`,
      () => ledger.grants(opts),
      timing
    ),
    history: (onCommit) => {
      let read = 0;
      return withProgress(
        progress,
        () => `reading the history of ${ref}: ${read} commits with grant changes\u2026`,
        () => ledger.history((c) => {
          read++;
          return onCommit(c);
        }),
        timing
      );
    },
    descendsFrom: (commit) => ledger.descendsFrom(commit)
  };
}

export {
  NO_PROGRESS,
  StatusLine,
  ledgerWithProgress
};
