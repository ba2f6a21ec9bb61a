import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  ENV_NAME,
  providerSettings
} from "./chunk-HEZKBJE2.js";
import {
  __export
} from "./chunk-LU25FTH7.js";

// src/providers/postgres/schema.ts
var schema_exports = {};
__export(schema_exports, {
  grant: () => grant,
  settings: () => settings
});
var settings = providerSettings(
  "postgres",
  "A PostgreSQL server where access is membership in a database role (GRANT role TO user).",
  {
    connection_env: {
      ...ENV_NAME,
      description: "Name of the environment variable holding the connection URL: postgres://user:password@host:5432/db for a server, or pglite:///absolute/dir (pglite://memory) for the embedded database. Secrets never live in git."
    }
  },
  ["connection_env"]
);
var grant = {
  type: "object",
  description: "What a grant of this role gives at a postgres provider.",
  additionalProperties: false,
  required: ["role"],
  properties: {
    role: {
      description: "The database role the grantee becomes a member of, e.g. orders_read.",
      type: "string",
      pattern: "^[a-z_][a-z0-9_$]{0,62}$"
    },
    terminate_sessions: {
      description: "On revoke, also end every open session of the grantee on the server (all of the user's sessions, in every database, not only those using this role), so the access stops at once; a session that ran SET ROLE otherwise keeps the role. Needs pg_signal_backend (default false).",
      type: "boolean"
    }
  }
};

export {
  settings,
  grant,
  schema_exports
};
