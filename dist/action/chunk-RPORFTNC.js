import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  ENV_NAME,
  providerSettings
} from "./chunk-HEZKBJE2.js";
import {
  __export
} from "./chunk-LU25FTH7.js";

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
  settings,
  grant,
  schema_exports
};
