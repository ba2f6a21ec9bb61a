#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  loadPolicySources,
  readPoliciesAt
} from "./chunk-V7ERLXNP.js";
import {
  providerSchemas
} from "./chunk-FZ7HWEFT.js";
import {
  ConfigError
} from "./chunk-P6HFGWWX.js";

// src/wiring/policy.ts
async function policiesAt(repo, rev) {
  return valid(rev, await readPoliciesAt(repo, rev, providerSchemas));
}
function policiesFor(rev, sources, roles) {
  return valid(rev, loadPolicySources(sources, providerSchemas, { roles }));
}
function valid(rev, { policy, problems }) {
  if (problems.length) {
    throw new ConfigError(
      `The policies at ${rev} are invalid (${problems.length} problem${problems.length > 1 ? "s" : ""}); an admin must fix them before any request can be decided:`,
      problems,
      "E_POLICY_INVALID"
    );
  }
  return policy;
}

export {
  policiesAt,
  policiesFor
};
