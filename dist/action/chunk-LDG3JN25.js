import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  ENV_NAME,
  providerSettings
} from "./chunk-HEZKBJE2.js";
import {
  __export
} from "./chunk-LU25FTH7.js";

// src/providers/github-team/schema.ts
var schema_exports = {};
__export(schema_exports, {
  grant: () => grant,
  settings: () => settings
});
var settings = providerSettings(
  "github-team",
  "A GitHub organization where access is membership in a team.",
  {
    org: {
      description: "The GitHub organization that owns the teams.",
      type: "string",
      pattern: "^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"
    },
    token_env: {
      ...ENV_NAME,
      description: "Name of the environment variable holding a GitHub App installation token with members:write (GITHUB_TOKEN cannot manage teams)."
    },
    api_url_env: {
      ...ENV_NAME,
      description: "Optional: name of the environment variable holding the API base URL (GitHub Enterprise Server)."
    }
  },
  ["org", "token_env"]
);
var grant = {
  type: "object",
  description: "What a grant of this role gives at a github-team provider.",
  additionalProperties: false,
  required: ["team"],
  properties: {
    team: {
      description: "The team slug, e.g. prod-admins.",
      type: "string",
      pattern: "^[a-z0-9][a-z0-9._-]{0,99}$"
    },
    role: {
      description: "Team role given: member (default) or maintainer.",
      enum: ["member", "maintainer"]
    },
    exclusive: {
      description: "grantops owns this team entirely: members without a grant are removed as drift and reported (default false).",
      type: "boolean"
    }
  }
};

export {
  settings,
  grant,
  schema_exports
};
