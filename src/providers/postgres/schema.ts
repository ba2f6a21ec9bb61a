import type { JsonSchema } from '../../core/yaml-value.js';
import { ENV_NAME, providerSettings } from '../common-schema.js';

export const settings = providerSettings(
  'postgres',
  'A PostgreSQL server where access is membership in a database role (GRANT role TO user).',
  {
    connection_env: {
      ...ENV_NAME,
      description: 'Name of the environment variable holding the connection URL (postgres://…). Secrets never live in git.',
    },
  },
  ['connection_env'],
);

export const grant: JsonSchema = {
  type: 'object',
  description: 'What a grant of this role gives at a postgres provider.',
  additionalProperties: false,
  required: ['role'],
  properties: {
    role: {
      description: 'The database role the grantee becomes a member of, e.g. orders_read.',
      type: 'string',
      pattern: '^[a-z_][a-z0-9_$]{0,62}$',
    },
    terminate_sessions: {
      description: 'On revoke, also end the grantee\'s open sessions so the access stops at once (default false).',
      type: 'boolean',
    },
  },
};
