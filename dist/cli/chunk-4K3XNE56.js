#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  ENV_NAME,
  providerSettings
} from "./chunk-MEJTM6IP.js";
import {
  __export
} from "./chunk-LC3XKIL7.js";

// src/core/duration.ts
var SHORT = /^(?:(\d{1,4})w)?(?:(\d{1,5})d)?(?:(\d{1,6})h)?(?:(\d{1,7})m)?(?:(\d{1,9})s)?$/;
var ISO = /^P(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,7})M)?(?:(\d{1,9})S)?)?$/;
var UNIT_SECONDS = [7 * 86400, 86400, 3600, 60, 1];
var DURATION_EXAMPLES = "30m, 2h, 1h30m, 1d or ISO 8601 such as PT2H";
function parseDuration(text) {
  const t = text.trim();
  if (t === "" || t === "P" || t.endsWith("T")) return null;
  const m = SHORT.exec(t) ?? ISO.exec(t);
  if (!m) return null;
  let seconds = 0;
  let any = false;
  for (let i = 0; i < UNIT_SECONDS.length; i++) {
    const part = m[i + 1];
    if (part === void 0) continue;
    any = true;
    seconds += Number(part) * UNIT_SECONDS[i];
  }
  return any ? seconds : null;
}
function formatDuration(seconds) {
  if (seconds <= 0) return "0m";
  let rest = Math.floor(seconds);
  const out = [];
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1]
  ]) {
    const n = Math.floor(rest / size);
    if (n > 0) out.push(`${n}${unit}`);
    rest -= n * size;
  }
  return out.join("");
}

// src/providers/command/schema.ts
var schema_exports = {};
__export(schema_exports, {
  grant: () => grant,
  settings: () => settings
});
var settings = providerSettings(
  "command",
  "Your own executable for any other system (Terraform, kubectl, Vault). It is run with argv only, never through a shell: `<command\u2026> grant|revoke|list`, with the grant as JSON on stdin.",
  {
    command: {
      description: 'The program and its fixed arguments, as a list, e.g. ["./bin/vault-access"]. Never a shell string.',
      type: "array",
      minItems: 1,
      items: { type: "string", minLength: 1, maxLength: 1e3 }
    },
    timeout: {
      description: "How long one call may run before it and everything it started are stopped and the call reported as failed: 30s, 2m, PT1M (default 60s).",
      type: "string"
    },
    env: {
      description: "Names of environment variables passed through to the command; besides PATH nothing else is (not even HOME). Unset names are skipped.",
      type: "array",
      items: ENV_NAME
    },
    native_expiry: {
      description: "The command ends the access by itself at `expires_at` (e.g. a Vault lease with that TTL), so the target stops access even if grantops does not run (default false).",
      type: "boolean"
    }
  },
  ["command"]
);
var grant = {
  type: "object",
  description: "Free-form settings handed to the command as `grant` in its JSON input: strings, numbers and booleans.",
  additionalProperties: { type: ["string", "number", "boolean"] }
};

export {
  DURATION_EXAMPLES,
  parseDuration,
  formatDuration,
  settings,
  grant,
  schema_exports
};
