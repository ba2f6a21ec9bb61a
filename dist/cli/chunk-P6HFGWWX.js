#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  escapePath
} from "./chunk-LUMG572G.js";

// src/core/problem.ts
function problem(path, at, code, message) {
  const p = { path, line: at ? at.line : null, code, message };
  if (at) p.column = at.column;
  return p;
}
var INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
function formatProblem(p) {
  const path = escapePath(p.path, 200);
  const where = p.line === null ? path : `${path}:${p.line}${p.column ? `:${p.column}` : ""}`;
  return `${where}: ${p.code}: ${p.message}`;
}

// src/core/errors.ts
var GrantopsError = class extends Error {
  constructor(code, message, problems = []) {
    super(message);
    this.code = code;
    this.problems = problems;
    this.name = new.target.name;
  }
  code;
  problems;
  exitCode = 2;
  /** The message followed by one line per problem. */
  describe() {
    return [this.message, ...this.problems.map((p) => `  ${formatProblem(p)}`)].join("\n");
  }
};
var UsageError = class extends GrantopsError {
  constructor(message) {
    super("E_USAGE", message);
  }
};
var ConfigError = class extends GrantopsError {
  constructor(message, problems = [], code = "E_CONFIG") {
    super(code, message, problems);
  }
};
var ExternalError = class extends GrantopsError {
  constructor(code, message) {
    super(code, message);
  }
};

export {
  problem,
  INVISIBLE,
  formatProblem,
  GrantopsError,
  UsageError,
  ConfigError,
  ExternalError
};
