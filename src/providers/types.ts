import type { ProviderConfig } from '../core/policy/types.js';
import type { Provider, ProviderLog } from '../core/provider.js';
import type { ProviderSchemas } from './schemas.js';

/** What a provider is given to build itself: its policy entry, the environment, and I/O seams. */
export interface ProviderDeps {
  env: Readonly<Record<string, string | undefined>>;
  /** All roles that use this provider: their grant settings are the targets it looks at. */
  targets: readonly { role: string; target: Record<string, unknown> }[];
  /**
   * Keys `<role>/<login>` of every grant of this provider's roles that grantops has ever landed
   * (from the git ledger). Targets that cannot record who granted what (GitHub teams, AWS
   * assignments) treat exactly these people's access as grantops-managed, so access given by
   * hand to anyone else is never listed or revoked.
   */
  managed?: ReadonlySet<string>;
  /**
   * Where the provider tells the operator what it noticed (drift in an exclusive team, a rate
   * limit it waited out): the commands pass their stderr. A provider never writes to the
   * process's own streams; without a sink, such lines are dropped.
   */
  log?: ProviderLog;
  /** Injected for tests (GitHub): the fetch Octokit uses. */
  fetch?: typeof fetch;
  /**
   * The access repository's directory: relative paths in provider settings (a `command`'s
   * program) are resolved against it. Default: the current directory.
   */
  repoDir?: string;
}

export interface ProviderFactory extends ProviderSchemas {
  type: string;
  create(config: ProviderConfig, deps: ProviderDeps): Provider | Promise<Provider>;
}
