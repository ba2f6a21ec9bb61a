import type { JsonSchema } from '../core/yaml-value.js';
import * as awsIdentityCenter from './aws-identity-center/schema.js';
import * as command from './command/schema.js';
import * as githubTeam from './github-team/schema.js';
import * as postgres from './postgres/schema.js';

/** What each provider type accepts in `providers.<name>` (settings) and `roles.<name>.grant`. */
export interface ProviderSchemas {
  settings: JsonSchema;
  grant: JsonSchema;
}

/** The settings schemas of every provider type, by type name. Pure data: the core reads it. */
export const providerSchemas: Record<string, ProviderSchemas> = {
  postgres,
  'github-team': githubTeam,
  'aws-identity-center': awsIdentityCenter,
  command,
};
