import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditCommand } from '../../src/commands/audit.js';
import { mergeCommandWith } from '../../src/commands/merge.js';
import { planCommand } from '../../src/commands/plan.js';
import { reconcileCommand } from '../../src/commands/reconcile.js';
import { statusCommand } from '../../src/commands/status.js';
import { formatTrailers } from '../../src/core/trailers.js';
import { ALARM_LABEL } from '../../src/github/alarm.js';
import { VERDICTS_REF } from '../../src/git/verdicts.js';
import { stateOf } from '../fakes/github/setup.js';
import { accessWorld, APP_SLUG, type AccessWorld } from '../fakes/github/world.js';
import type { Repo } from '../fakes/github/repo.js';
import { cliWith } from './cli.js';

/**
 * The reconcile workflow on the fake GitHub, for attacks on the landing authority: every run is
 * the CLI in a fresh checkout of a repository of `acme` (acme/access unless told), with
 * `refs/grantops/*` fetched first and pushed back after, as `.github/workflows/reconcile.yml`
 * does. Access is the github-team provider on the same fake (teams prod-admins, prod-owners).
 */

export const GRANT = 'duration: 2h\nreason: INC-4821 rotate the deploy keys\n';
export const VERIFY_OP = 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls';
export const pathOf = (login: string, role = 'prod-admin') => `grants/${role}/${login}.yaml`;

/** Roles over the github-team provider; `approvers` is the dba group's list. */
export function policies(dba = '[carol, dave]'): Record<string, string> {
  return {
    'policies/people.yaml': `admins: ['@acme/security']
groups:
  oncall: [alice, bob, mallory]
  dba: ${dba}
`,
    'policies/roles.yaml': `providers:
  acme-github:
    type: github-team
    org: acme
    token_env: GRANTOPS_APP_TOKEN
roles:
  prod-admin:
    description: Admin on production repositories
    provider: acme-github
    grant: { team: prod-admins }
    max_duration: 8h
    requesters: [oncall]
    approvers: [dba]
    approvals: 1
`,
    'grants/.gitkeep': '',
  };
}

/** Trailers as grantops writes them, naming `approvers`: what a forger types. */
export const trailers = (login: string, approvers: string[], role = 'prod-admin') =>
  formatTrailers({
    grants: [{ action: 'granted', path: pathOf(login, role), role, requester: login }],
    approvedBy: approvers,
  });

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the command's JSON
  out: any;
  calls: AccessWorld['gh']['calls'];
  dir: string;
}

export interface AuthorityWorld {
  w: AccessWorld;
  git(dir: string, ...args: string[]): string;
  /** A fresh clone of `repo`'s main with the refs earlier runs pushed. */
  checkout(repo?: Repo): string;
  /** `grantops <command>` in a fresh checkout of `repo`, as the workflow runs it. */
  grantops(
    command: string,
    argv?: string[],
    options?: { repo?: Repo; env?: Record<string, string>; format?: 'json' | 'text' },
  ): Promise<Run>;
  /** grantops merges request `n` (of `repo`); returns the landing commit. */
  merge(n: number, repo?: Repo): Promise<string>;
  /** The admin presses the merge button; the squash message is the pull request's body. */
  buttonMerge(n: number, login?: string): Promise<string>;
  member(login: string): ReturnType<typeof stateOf>;
  alarmIssues(): AccessWorld['repo']['issues'];
  verdictFiles(dir: string): string[];
  cleanup(): void;
}

export function authorityWorld(files: Record<string, string> = policies()): AuthorityWorld {
  const w = accessWorld({ files });
  w.gh.store.addTeam('acme', 'prod-admins');
  w.gh.store.addTeam('acme', 'prod-owners');
  const dirs: string[] = [];
  const git = (dir: string, ...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const checkout = (repo: Repo = w.repo) => {
    const dir = mkdtempSync(join(tmpdir(), 'grantops-attack-'));
    dirs.push(dir);
    execFileSync('git', ['clone', '--quiet', '--branch', 'main', repo.git.dir, dir]);
    git(dir, 'fetch', '--quiet', '--no-tags', 'origin', '+refs/grantops/*:refs/grantops/*');
    return dir;
  };
  const world: AuthorityWorld = {
    w,
    git,
    checkout,
    async grantops(command, argv = [], o = {}) {
      const repo = o.repo ?? w.repo;
      const dir = checkout(repo);
      const before = w.gh.calls.length;
      const seams = { fetch: w.gh.fetch, gitUrl: repo.git.dir };
      const r = await cliWith(
        {
          env: {
            GITHUB_REPOSITORY: `acme/${repo.name}`,
            GRANTOPS_APP_TOKEN: w.appToken,
            GRANTOPS_APP_SLUG: APP_SLUG,
            GRANTOPS_APP_PRIVATE_KEY: w.privateKey,
            ...o.env,
          },
          commands: {
            reconcile: reconcileCommand(seams),
            plan: planCommand(seams),
            merge: mergeCommandWith(seams),
            status: statusCommand,
            audit: auditCommand,
          },
        },
        dir,
        command,
        '--repo',
        dir,
        '--now',
        w.gh.store.timestamp(),
        '--format',
        o.format ?? 'json',
        ...argv,
      );
      if (git(dir, 'for-each-ref', 'refs/grantops/').trim())
        git(dir, 'push', '--quiet', '--force', 'origin', 'refs/grantops/*:refs/grantops/*');
      let out: unknown = null;
      if ((o.format ?? 'json') === 'json') {
        try {
          out = JSON.parse(r.stdout);
        } catch {
          throw new Error(
            `grantops ${command} printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`,
          );
        }
      }
      return { ...r, out, calls: w.gh.calls.slice(before), dir };
    },
    async merge(n, repo = w.repo) {
      const r = await world.grantops('merge', [String(n), '--forge', 'github'], { repo });
      if (r.code !== 0) throw new Error(`merge failed:\n${r.stdout}\n${r.stderr}`);
      return r.out.merged[0].commit as string;
    },
    async buttonMerge(n, login = 'owner') {
      w.repo.settings.squash_merge_commit_message = 'PR_BODY';
      await w.client(login).rest.pulls.merge({
        owner: 'acme',
        repo: 'access',
        pull_number: n,
        merge_method: 'squash',
      });
      return w.main();
    },
    member: (login) => stateOf(w.gh, login),
    alarmIssues: () =>
      w.repo.issues.filter(
        (i) => !i.pull && i.state === 'open' && i.labels.some((l) => l.name === ALARM_LABEL),
      ),
    verdictFiles: (dir) =>
      git(dir, 'ls-tree', '-r', '--name-only', VERDICTS_REF).trim().split('\n').filter(Boolean),
    cleanup() {
      w.cleanup();
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
  return world;
}

export const verifications = (r: Run) => r.calls.filter((c) => c.operation === VERIFY_OP);
export const teamWrites = (r: Run) =>
  r.calls.filter((c) => c.method !== 'GET' && c.path.includes('/teams/'));
