#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);

// src/providers/common-schema.ts
function providerSettings(type, description, properties, required) {
  return {
    type: "object",
    description,
    additionalProperties: false,
    required: ["type", ...required],
    properties: {
      type: { description: "The provider type.", const: type },
      description: {
        description: "What this provider is, for people reading the policy.",
        type: "string"
      },
      login: {
        description: 'Template turning a GitHub login into this provider\'s identity. `{login}` is the lower-case GitHub login, e.g. "{login}" or "{login}@example.com".',
        type: "string",
        pattern: "\\{login\\}",
        maxLength: 200
      },
      users: {
        description: "Per-user overrides of the login template: GitHub login (lower case) \u2192 identity at this provider.",
        type: "object",
        propertyNames: { pattern: "^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$" },
        additionalProperties: { type: "string", minLength: 1, maxLength: 200 }
      },
      ...properties
    }
  };
}
var ENV_NAME = {
  type: "string",
  pattern: "^[A-Z_][A-Z0-9_]*$",
  maxLength: 128
};

export {
  providerSettings,
  ENV_NAME
};
