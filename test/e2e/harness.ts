import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expireCommandWith } from '../../src/commands/expire.js';
import { mergeCommandWith } from '../../src/commands/merge.js';
import { accessWorld, APP_SLUG, type AccessWorld } from '../fakes/github/world.js';
import type { RecordedCall } from '../fakes/github/index.js';
import { cliWith, type CliRun } from '../helpers/cli.js';
import type { Gate } from './gate.js';

/**
 * The CLI end to end against the fake GitHub, as the workflows run it: `--forge github`, the
 * App's installation token from the environment, the real Octokit over the fake's fetch, and a
 * fresh checkout of main for every run (actions/checkout with fetch-depth 0). People act on the
 * repository through the world's helpers with their own tokens.
 *
 * acme/access holds these policies on main: oncall (alice, bob, mallory) may ask for db-read
 * (one approval) and db-write (two); dba (carol and the team @acme/db-admins: carol, dave)
 * approves. The team is known only with `--directory github`.
 */

export const POLICIES = {
  'policies/people.yaml': `admins: ['@acme/security']
groups:
  oncall: [alice, bob, mallory]
  dba: [carol, '@acme/db-admins']
`,
  'policies/roles.yaml': `providers:
  db:
    type: command
    command: ['./bin/db-access']
roles:
  db-read:
    description: Read-only SQL
    provider: db
    grant: { role: read }
    max_duration: 8h
    requesters: [oncall]
    approvers: [dba]
    approvals: 1
    reason: { min_length: 10, pattern: '^(INC|CHG)-[0-9]+' }
  db-write:
    description: Read-write SQL
    provider: db
    grant: { role: write }
    max_duration: 2h
    requesters: [oncall]
    approvers: [dba]
    approvals: 2
`,
  'grants/.gitkeep': '',
};

export const REASON = 'INC-4821 slow checkout queries';
export const grantYaml = (duration = '2h', reason = REASON) =>
  `duration: ${duration}\nreason: ${reason}\n`;
export const grantPath = (role: string, login: string) => `grants/${role}/${login}.yaml`;

/** The fake's clock starts here; expire runs move it past the windows. */
export const T0 = '2026-01-05T09:00:00Z';
export const hoursAfterT0 = (h: number) =>
  new Date(Date.parse(T0) + h * 3600_000).toISOString().replace('.000Z', 'Z');

/** The directory flags that make @acme/db-admins known, read with the App's token. */
export const TEAMS = ['--directory', 'github', '--token-env', 'GRANTOPS_APP_TOKEN'];

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, stdio: 'ignore' });

/** The codes of a waiting request's problems, and its messages as one text. */
export const codes = (w: { problems: { code: string }[] } | undefined) =>
  (w?.problems ?? []).map((p) => p.code);
export const messages = (w: { problems: { message: string }[] } | undefined) =>
  (w?.problems ?? []).map((p) => p.message).join('\n');

export const MERGE_OP = 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge';

interface Waiting {
  request: string;
  author: string | null;
  problems: { path: string; line: number | null; code: string; message: string }[];
}

export interface RunResult extends CliRun {
  /** The `--now` the run was given. */
  now: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- merge's and expire's shapes
  out: any;
}

export class GitHubE2E {
  readonly w: AccessWorld;
  private readonly dirs: string[] = [];
  private shared: string | null = null;
  /** Replaces the fetch the CLI uses, e.g. to act between two of its calls. */
  fetch: typeof fetch;

  constructor(options: { compliant?: boolean } = {}) {
    this.w = accessWorld({ files: POLICIES, ...options });
    this.fetch = this.w.gh.fetch;
  }

  /**
   * Runs `act` once, just before the first request `METHOD path` matching `match` reaches GitHub:
   * someone acting between two of grantops' calls (a push between the decision and the merge).
   */
  before(match: RegExp, act: () => void | Promise<void>): void {
    const next = this.fetch;
    let done = false;
    this.fetch = async (input, init) => {
      const request = new Request(input, init);
      const key = `${request.method} ${new URL(request.url).pathname}`;
      if (!done && match.test(key)) {
        done = true;
        await act();
      }
      return next(request);
    };
  }

  get gh() {
    return this.w.gh;
  }

  /** The environment of the workflows' jobs (the App's token from create-github-app-token). */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      GITHUB_REPOSITORY: 'acme/access',
      GRANTOPS_APP_TOKEN: this.w.appToken,
      GRANTOPS_APP_SLUG: APP_SLUG,
      ...extra,
    };
  }

  /**
   * The workflow's checkout (actions/checkout, fetch-depth 0) with main as GitHub has it now.
   * Runs one after another reuse one clone, brought up to date by a fetch; `fresh` gives a
   * run its own clone, as runs on separate runners have.
   */
  checkout(fresh = false): string {
    if (fresh) {
      const dir = mkdtempSync(join(tmpdir(), 'grantops-e2e-'));
      this.dirs.push(dir);
      git(dir, 'clone', '--quiet', '--branch', 'main', this.w.repo.git.dir, dir);
      return dir;
    }
    if (!this.shared) {
      this.shared = this.w.localDir;
      // Detached, so the fetch below may move main as a new checkout of it would.
      git(this.shared, 'checkout', '--quiet', '--detach');
    }
    git(this.shared, 'fetch', '--quiet', 'origin', '+refs/heads/main:refs/heads/main');
    return this.shared;
  }

  /** `grantops <command> … --forge github --format json` at `now`, in the checkout. */
  async run(
    command: 'merge' | 'expire',
    now: string,
    argv: string[] = [],
    options: { env?: Record<string, string>; gates?: Gate[]; fresh?: boolean } = {},
  ): Promise<RunResult> {
    const { env = this.env(), gates = [], fresh = false } = options;
    const dir = this.checkout(fresh);
    const shared: typeof fetch = (input, init) => this.fetch(input, init);
    const seams = {
      fetch: gates.reduce((next, gate) => gate.wrap(next), shared),
      gitUrl: this.w.repo.git.dir,
    };
    const r = await cliWith(
      { env, commands: { merge: mergeCommandWith(seams), expire: expireCommandWith(seams) } },
      dir,
      command,
      ...argv,
      '--forge',
      'github',
      '--now',
      now,
      '--format',
      'json',
    );
    try {
      return { ...r, now, out: r.stdout ? JSON.parse(r.stdout) : null };
    } catch {
      throw new Error(`grantops ${command} printed no JSON:\n${r.stdout}\n${r.stderr}`);
    }
  }

  /** `merge --all` at the fake's clock. */
  mergeAll(argv: string[] = [], env?: Record<string, string>): Promise<RunResult> {
    return this.run('merge', this.now(), ['--all', ...argv], env ? { env } : {});
  }

  /** A commit by `login` on the head of pull request `n`, pushed by `pusher` (default: login). */
  pushTo(n: number, login: string, files: Record<string, string | null>, pusher = login): string {
    const pull = this.w.repo.pull(n)!;
    const target = pull.head.repo;
    const sha = this.w.commit(login, pull.headSha, files, { repo: target });
    this.w.push(pusher, pull.head.ref, sha, target);
    return sha;
  }

  /**
   * Requests by alice, bob and mallory (as many as `durations`) for db-read, each approved by
   * carol and merged by one `merge --all`. Returns the landings.
   */
  async landGrants(durations: string[]) {
    const logins = ['alice', 'bob', 'mallory'].slice(0, durations.length);
    for (const [i, login] of logins.entries()) {
      const n = await this.w.openRequest(login, `request/db-read/${login}`, {
        [grantPath('db-read', login)]: grantYaml(durations[i]),
      });
      await this.w.review('carol', n);
    }
    const r = await this.mergeAll();
    if (r.code !== 0 || r.out.merged.length !== logins.length)
      throw new Error(`merge did not land the grants:\n${r.stdout}\n${r.stderr}`);
    return logins.map((login, i) => ({
      login,
      path: grantPath('db-read', login),
      landing: r.out.merged[i].commit as string,
    }));
  }

  /** The fake's clock now (it moves one second per reading). */
  now(): string {
    return this.w.gh.store.timestamp();
  }

  /**
   * `merge --all` that must merge nothing: exit 1, main unchanged, no merge call made, every
   * named request still open. Returns the waiting entries by pull request number.
   */
  async refused(argv: string[] = []): Promise<Map<number, Waiting>> {
    const main = this.w.main();
    const open = this.openPulls();
    const before = this.merges().length;
    const r = await this.mergeAll(argv);
    if (r.code !== 1) throw new Error(`merge exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
    const merges = this.merges().slice(before);
    if (r.out.merged.length || merges.length || this.w.main() !== main)
      throw new Error(`merge merged: ${JSON.stringify(r.out.merged)} ${merges.length} calls`);
    for (const n of open)
      if (this.w.repo.pull(n)!.issue.state !== 'open') throw new Error(`#${n} is no longer open`);
    const waiting = new Map((r.out.waiting as Waiting[]).map((wt) => [Number(wt.request), wt]));
    // GitHub shows why on each: a check on the head that is no pass, and the card, with every code.
    for (const [n, wt] of waiting) {
      const shown = this.shown(n);
      if (shown.conclusion === 'success') throw new Error(`#${n}'s check passed`);
      for (const p of wt.problems) {
        if (!shown.codes.includes(p.code)) throw new Error(`#${n}'s check lacks ${p.code}`);
        if (!shown.card.includes(`\`${p.code}\``)) throw new Error(`#${n}'s card lacks ${p.code}`);
      }
    }
    return waiting;
  }

  openPulls(): number[] {
    return this.w.repo.pulls.filter((p) => p.issue.state === 'open').map((p) => p.issue.number);
  }

  /** Every merge call made so far (whatever GitHub answered). */
  merges(): RecordedCall[] {
    return this.gh.writes().filter((c) => c.operation === MERGE_OP);
  }

  /** Every write as `METHOD path` (a path as GitHub reads it: Octokit escapes a file's slashes). */
  writeKeys(): string[] {
    return this.gh.writes().map((c) => `${c.method} ${decodeURIComponent(c.path)}`);
  }

  /** Writes by `METHOD path`, to find one made twice. */
  writesByPath(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const key of this.writeKeys()) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  }

  /** The latest check run grantops posted on `n`'s head, and the request card's text. */
  checkOf(n: number) {
    const pull = this.w.repo.pull(n)!;
    return this.w.repo.checkRuns.filter((r) => r.headSha === pull.headSha).at(-1) ?? null;
  }

  /** What GitHub shows on `n` now: the check's conclusion and codes, and the card's text. */
  shown(n: number): { status: string; conclusion: string | null; codes: string[]; card: string } {
    const run = this.checkOf(n);
    if (!run) throw new Error(`no check on #${n}`);
    return {
      status: run.status,
      conclusion: run.conclusion,
      codes: run.annotations.map((a) => a.title ?? ''),
      card: this.cardOf(n) ?? '',
    };
  }

  cardOf(n: number): string | null {
    return (
      this.w.repo.comments
        .filter((c) => c.issue === n && c.user.login === `${APP_SLUG}[bot]`)
        .at(-1)?.body ?? null
    );
  }

  /** main's first-parent history, newest first: subject and full message. */
  log(): { sha: string; subject: string; message: string }[] {
    const out = execFileSync(
      'git',
      ['log', '--first-parent', '--format=%H%x00%B%x01', 'refs/heads/main'],
      { cwd: this.w.repo.git.dir, encoding: 'utf8' },
    );
    return out
      .split('\x01')
      .map((s) => s.replace(/^\n/, ''))
      .filter(Boolean)
      .map((entry) => {
        const [sha, message] = entry.split('\x00') as [string, string];
        return { sha, subject: message.split('\n')[0]!, message: message.trimEnd() };
      });
  }

  cleanup(): void {
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    this.w.cleanup();
  }
}
