#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);

// src/core/forge.ts
var EXPIRY_PREFIX = "grantops/expire/";
function expiryBranch(role, login, landingCommit) {
  return `${EXPIRY_PREFIX}${role}/${login.toLowerCase()}/${landingCommit.slice(0, 12).toLowerCase()}`;
}
function parseExpiryBranch(branch) {
  const m = /^grantops\/expire\/([a-z0-9][a-z0-9_-]{0,62})\/([a-z0-9-]{1,39})\/([0-9a-f]{12})$/.exec(
    branch
  );
  return m ? { role: m[1], login: m[2], landing: m[3] } : null;
}
var FORGE_KINDS = ["github", "local"];

export {
  EXPIRY_PREFIX,
  expiryBranch,
  parseExpiryBranch,
  FORGE_KINDS
};
