import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Real git repositories in temp dirs for ledger tests. Every commit has explicit committer and
 * author dates, so windows can be asserted to the second; merges can be made hours after the
 * branch commit, to tell a merge's own time from the requester's.
 */
export class GitRepo {
  private constructor(readonly dir: string) {}

  static create(opts: { bare?: boolean } = {}): GitRepo {
    const dir = mkdtempSync(join(tmpdir(), 'grantops-git-'));
    const repo = new GitRepo(dir);
    repo.git(['init', '-q', '-b', 'main', ...(opts.bare ? ['--bare'] : [])]);
    repo.git(['config', 'user.name', 'Test']);
    repo.git(['config', 'user.email', 'test@example.com']);
    repo.git(['config', 'commit.gpgsign', 'false']);
    return repo;
  }

  /** An existing repository (one `grantops init` made), with the same test identity. */
  static open(dir: string): GitRepo {
    const repo = new GitRepo(dir);
    repo.git(['config', 'user.name', 'Test']);
    repo.git(['config', 'user.email', 'test@example.com']);
    repo.git(['config', 'commit.gpgsign', 'false']);
    return repo;
  }

  git(args: readonly string[], env: Record<string, string> = {}): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  write(path: string, content: string | Buffer): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  remove(path: string): this {
    this.git(['rm', '-q', '--', path]);
    return this;
  }

  /** Commits everything staged or changed with the given committer time (author time too, unless given). */
  commit(message: string, at: string, opts: { authorAt?: string; author?: string } = {}): string {
    this.git(['add', '-A']);
    this.git(
      ['commit', '-q', '--allow-empty', '-m', message],
      dates(at, opts.authorAt, opts.author),
    );
    return this.head();
  }

  head(ref = 'HEAD'): string {
    return this.git(['rev-parse', ref]).trim();
  }

  checkout(branch: string, opts: { create?: boolean } = {}): this {
    this.git(['checkout', '-q', ...(opts.create ? ['-b'] : []), branch]);
    return this;
  }

  /** A `--no-ff` merge of `branch` into the current branch, committed at `at`. */
  merge(branch: string, message: string, at: string): string {
    this.git(['merge', '-q', '--no-ff', '-m', message, branch], dates(at));
    return this.head();
  }

  /** A squash merge: one ordinary commit on the current branch with the branch's changes. */
  squash(branch: string, message: string, at: string): string {
    this.git(['merge', '-q', '--squash', branch]);
    return this.commit(message, at);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** git's raw date format: exact, whatever git's date parser thinks of ISO strings. */
const raw = (iso: string) => `@${Math.floor(new Date(iso).getTime() / 1000)} +0000`;

function dates(at: string, authorAt = at, author?: string): Record<string, string> {
  const env: Record<string, string> = {
    GIT_COMMITTER_DATE: raw(at),
    GIT_AUTHOR_DATE: raw(authorAt),
  };
  if (author)
    Object.assign(env, { GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: `${author}@example.com` });
  return env;
}

/** Policies for ledger tests: db-read (max 8h), db-write (max 2h, params), both for oncall. */
export const TEST_PEOPLE = `admins: ['@acme/security']
groups:
  oncall: [alice, bob, erin]
  dba: [carol, dave]
`;

export function testRoles(readMax = '8h'): string {
  return `providers:
  db:
    type: command
    command: ['./bin/db-access']
roles:
  db-read:
    description: Read-only SQL
    provider: db
    grant: { role: read }
    max_duration: ${readMax}
    requesters: [oncall]
    approvers: [dba]
    approvals: 1
  db-write:
    description: Read-write SQL
    provider: db
    grant: { role: write }
    max_duration: 2h
    requesters: [oncall]
    approvers: [dba]
    approvals: 1
    params:
      type: object
      properties:
        schema: { enum: [orders, billing] }
      additionalProperties: false
`;
}

/** A repo whose first commit holds the test policies. */
export function accessRepo(at = '2026-01-01T00:00:00Z', readMax = '8h'): GitRepo {
  const repo = GitRepo.create();
  repo.write('policies/people.yaml', TEST_PEOPLE).write('policies/roles.yaml', testRoles(readMax));
  repo.commit('Policies', at);
  return repo;
}

export function grantYaml(
  duration: string,
  reason = 'INC-1 investigate slow queries',
  extra = '',
): string {
  return `duration: ${duration}\nreason: ${reason}\n${extra}`;
}
