import type { ProviderSchemas } from '../core/policy/types.js';
import * as awsIdentityCenter from './aws-identity-center/schema.js';
import * as command from './command/schema.js';
import * as githubTeam from './github-team/schema.js';
import * as postgres from './postgres/schema.js';

/** What each provider type accepts in `providers.<name>` (settings) and `roles.<name>.grant`. */
export type { ProviderSchemas };

/** The settings schemas of every provider type, by type name: data the commands pass to the core. */
export const providerSchemas: Record<string, ProviderSchemas> = {
  postgres,
  'github-team': githubTeam,
  'aws-identity-center': awsIdentityCenter,
  command,
};
