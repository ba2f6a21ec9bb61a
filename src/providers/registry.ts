import { ConfigError } from '../core/errors.js';
import type { ProviderConfig } from '../core/policy/types.js';
import { problem, quote } from '../core/problem.js';
import { awsIdentityCenterProvider } from './aws-identity-center/provider.js';
import { commandProvider } from './command/provider.js';
import { githubTeamProvider } from './github-team/provider.js';
import { postgresProvider } from './postgres/provider.js';
import type { Provider, ProviderDeps, ProviderFactory } from './types.js';

/**
 * Every provider type grantops ships, by the `type` a policy names. A plain map: adding a
 * provider is one folder and one line here (and its schemas in schemas.ts).
 */
export const providerFactories: Readonly<Record<string, ProviderFactory>> = {
  postgres: postgresProvider,
  command: commandProvider,
  // Team membership through the GitHub API.
  'github-team': githubTeamProvider,
  // Account assignments of permission sets in AWS IAM Identity Center.
  'aws-identity-center': awsIdentityCenterProvider,
};

/**
 * Builds the provider a policy entry describes. `factories` is a seam for tests and the demo
 * (e.g. a memory provider); grantops itself always uses the shipped map.
 */
export async function createProvider(
  config: ProviderConfig,
  deps: ProviderDeps,
  factories: Readonly<Record<string, ProviderFactory>> = providerFactories,
): Promise<Provider> {
  const factory = Object.hasOwn(factories, config.type) ? factories[config.type] : undefined;
  if (!factory) {
    const known = Object.keys(factories).sort().join(', ');
    const message = `Provider ${quote(config.name)} has unknown type ${quote(config.type)}. Known types: ${known}.`;
    const where = problem(config.origin.file, config.origin.at, 'E_PROVIDER_TYPE', message);
    throw new ConfigError(message, [where]);
  }
  return factory.create(config, deps);
}
