import { ConfigError } from '../core/errors.js';
import type { ProviderConfig } from '../core/policy/types.js';
import { problem, quote } from '../core/problem.js';
import { describeError } from '../core/apply-plan.js';
import type { Provider } from '../core/provider.js';
import type { ProviderScope, UnavailableProvider } from '../core/provisioner.js';
import { providerSchemas } from './schemas.js';
import type { ProviderDeps, ProviderFactory } from './types.js';

/**
 * A factory whose code loads on first use. Only reconcile and plan build providers; every other
 * command (validate above all, on every pull request) starts without loading the AWS SDK, the
 * PostgreSQL client or Octokit.
 */
function lazy(type: string, load: () => Promise<ProviderFactory>): ProviderFactory {
  return {
    type,
    ...providerSchemas[type]!,
    create: async (config, deps) => (await load()).create(config, deps),
  };
}

/**
 * Every provider type grantops ships, by the `type` a policy names. A plain map: adding a
 * provider is one folder and one line here (and its schemas in schemas.ts).
 */
export const providerFactories: Readonly<Record<string, ProviderFactory>> = {
  postgres: lazy('postgres', async () => (await import('./postgres/provider.js')).postgresProvider),
  command: lazy('command', async () => (await import('./command/provider.js')).commandProvider),
  // Team membership through the GitHub API.
  'github-team': lazy(
    'github-team',
    async () => (await import('./github-team/provider.js')).githubTeamProvider,
  ),
  // Account assignments of permission sets in AWS IAM Identity Center.
  'aws-identity-center': lazy(
    'aws-identity-center',
    async () => (await import('./aws-identity-center/provider.js')).awsIdentityCenterProvider,
  ),
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
    const message = `Provider ${quote(config.name)} has unknown type ${quote(config.type)}. Known types: ${known}. Set its type to one of them.`;
    const where = problem(config.origin.file, config.origin.at, 'E_PROVIDER_TYPE', message);
    throw new ConfigError(message, [where]);
  }
  return factory.create(config, deps);
}

/** What every provider of one run shares: the environment and the I/O seams. */
export type SharedDeps = Omit<ProviderDeps, 'targets' | 'managed'>;

/**
 * Builds the provider of each scope. One that cannot be built (an unknown type, a missing
 * secret) is returned as unavailable with the reason, so the run reports it and goes on.
 */
export async function buildProviders(
  scopes: readonly ProviderScope[],
  deps: SharedDeps,
  factories: Readonly<Record<string, ProviderFactory>> = providerFactories,
): Promise<Map<string, Provider | UnavailableProvider>> {
  const out = new Map<string, Provider | UnavailableProvider>();
  for (const { config, targets, managed } of scopes) {
    try {
      out.set(config.name, await createProvider(config, { ...deps, targets, managed }, factories));
    } catch (err) {
      out.set(config.name, {
        unavailable: describeError(err),
        configError: err instanceof ConfigError,
      });
    }
  }
  return out;
}

/** Releases every built provider's connections; a failure to close changes nothing done. */
export async function closeProviders(
  providers: ReadonlyMap<string, Provider | UnavailableProvider>,
): Promise<void> {
  await Promise.all(
    [...providers.values()].map((p) =>
      'unavailable' in p ? undefined : p.close?.().catch(() => undefined),
    ),
  );
}
