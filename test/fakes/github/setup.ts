import type { ProviderConfig } from '../../../src/core/policy/types.js';
import {
  githubTeamProvider,
  GitHubTeamProvider,
} from '../../../src/providers/github-team/provider.js';
import type { Access } from '../../../src/core/provider.js';
import { createFakeGitHub, type FakeGitHub } from './index.js';

/**
 * A ready-made organization for provider tests: `acme` with team `prod-admins`, the grantops
 * GitHub App's token, and a github-team provider built by the real factory over the fake.
 */

export const TOKEN = 'ghs_fakeInstallationToken0123456789';
export const TOKEN_ENV = 'GRANTOPS_APP_TOKEN';
export const ROLE = 'github-prod-admin';

export interface TeamWorld {
  gh: FakeGitHub;
  config: ProviderConfig;
  provider: GitHubTeamProvider;
  /** Lines the provider logged through its sink (drift, rate-limit notices). */
  log: string[];
  /** The access a grant of ROLE gives `login` (identity = login). */
  access(login: string, target?: Record<string, unknown>): Access;
}

export interface TeamWorldOptions {
  /** `<login>` of ROLE grants grantops has landed (deps.managed). */
  managed?: string[];
  /** ROLE's grant settings (default `{ team: 'prod-admins' }`). */
  target?: Record<string, unknown>;
  /** Other roles of the same provider. */
  extraTargets?: { role: string; target: Record<string, unknown> }[];
  /** Extra `<role>/<login>` keys in deps.managed. */
  extraManaged?: string[];
  /** A GitHub Enterprise Server API root, given through api_url_env. */
  apiUrl?: string;
  settings?: Record<string, unknown>;
}

export async function teamWorld(options: TeamWorldOptions = {}): Promise<TeamWorld> {
  const gh = createFakeGitHub(options.apiUrl ? { origin: options.apiUrl } : {});
  gh.addToken(TOKEN, 'grantops-acme[bot]');
  gh.store.addOrg('acme');
  gh.store.addTeam('acme', 'prod-admins');
  const target = options.target ?? { team: 'prod-admins' };
  const config: ProviderConfig = {
    name: 'acme-github',
    type: 'github-team',
    settings: {
      type: 'github-team',
      org: 'acme',
      token_env: TOKEN_ENV,
      ...(options.apiUrl ? { api_url_env: 'ACME_GHES_URL' } : {}),
      ...options.settings,
    },
    origin: { file: 'policies/github.yaml', at: { line: 3, column: 3 } },
  };
  const log: string[] = [];
  const provider = await githubTeamProvider.create(config, {
    env: { [TOKEN_ENV]: TOKEN, ...(options.apiUrl ? { ACME_GHES_URL: options.apiUrl } : {}) },
    targets: [{ role: ROLE, target }, ...(options.extraTargets ?? [])],
    managed: new Set([
      ...(options.managed ?? []).map((l) => `${ROLE}/${l}`),
      ...(options.extraManaged ?? []),
    ]),
    fetch: gh.fetch,
    log: (line) => log.push(line),
  });
  if (!(provider instanceof GitHubTeamProvider)) throw new Error('expected a GitHubTeamProvider');
  return {
    gh,
    config,
    provider,
    log,
    access: (login, t = target) => ({ role: ROLE, login, identity: login, target: t }),
  };
}

/** GitHub's view of `login` in acme/`team`. */
export function stateOf(gh: FakeGitHub, login: string, team = 'prod-admins') {
  return gh.store.membership(gh.store.mustTeam('acme', team), login);
}
