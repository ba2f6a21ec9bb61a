import { commands } from '../../src/commands/index.js';
import { reconcileCommand } from '../../src/commands/reconcile.js';
import { MemoryTarget, memoryProviderFactory } from '../../src/providers/memory/provider.js';
import { cliWith, type CliRun } from '../helpers/cli.js';
import { accessRepo, type GitRepo } from '../helpers/gitrepo.js';
import { commitAs } from './world.js';

export const at = (hhmm: string) => `2026-11-20T${hhmm}:00Z`;
export const GRANT = 'duration: 2h\nreason: INC-1 investigate slow queries\n';

/**
 * An access repository (oncall: alice, bob, erin; dba approves: carol, dave) driven through the
 * CLI with the local forge, and acted on by hand as its users could: commits and approval refs
 * written directly, as anyone who can write the repository can.
 */
export class LocalHarness {
  readonly repo: GitRepo = accessRepo(at('09:00'));
  readonly target = new MemoryTarget();

  /** A CLI run at `now`, in JSON unless argv names a format. */
  run(now: string, ...argv: string[]): Promise<CliRun> {
    return cliWith(
      {
        commands: {
          ...commands,
          reconcile: reconcileCommand({
            factories: { command: memoryProviderFactory(this.target) },
          }),
        },
      },
      this.repo.dir,
      ...argv,
      '--repo',
      this.repo.dir,
      '--now',
      now,
      ...(argv.includes('--format') ? [] : ['--format', 'json']),
    );
  }

  /** A run's JSON output; its shape is what the tests assert on. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- several commands' shapes
  async json(now: string, ...argv: string[]): Promise<{ code: number; out: any; stderr: string }> {
    const r = await this.run(now, ...argv);
    return { code: r.code, out: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
  }

  git(...args: string[]): string {
    return this.repo.git(args).trim();
  }

  /** A request branch made by hand: one commit by `as` from main. */
  async open(branch: string, as: string, files: Record<string, string | null>, when = at('10:00')) {
    const c = await commitAs(
      this.repo.dir,
      this.git('rev-parse', 'main'),
      as,
      files,
      new Date(when),
    );
    this.git('update-ref', `refs/heads/${branch}`, c);
    return c;
  }

  /** One more commit on a request branch by `as`. */
  async push(branch: string, as: string, files: Record<string, string | null>, when = at('10:02')) {
    const c = await commitAs(
      this.repo.dir,
      this.git('rev-parse', branch),
      as,
      files,
      new Date(when),
    );
    this.git('update-ref', `refs/heads/${branch}`, c);
    return c;
  }

  /** An approval ref written by hand, bypassing `grantops approve`'s refusals. */
  approveByHand(branch: string, login: string, commit = this.git('rev-parse', branch)) {
    this.git('update-ref', `refs/grantops/approvals/${branch}/${login}`, commit);
  }

  /** request + approve + merge through the CLI; returns the merge commit. */
  async grant(
    role: string,
    login: string,
    approver: string,
    when: string,
    duration = '2h',
    reason = 'INC-1 investigate slow queries',
  ) {
    const r = await this.run(
      when,
      'request',
      role,
      '--for',
      duration,
      '--reason',
      reason,
      '--as',
      login,
    );
    if (r.code !== 0) throw new Error(r.stdout + r.stderr);
    const a = await this.run(when, 'approve', `request/${role}/${login}`, '--as', approver);
    if (a.code !== 0) throw new Error(a.stdout + a.stderr);
    const m = await this.json(when, 'merge', `request/${role}/${login}`);
    if (m.code !== 0) throw new Error(JSON.stringify(m.out) + m.stderr);
    return m.out.merged[0].commit as string;
  }

  /** Commits on main whose message records the given action for a path. */
  recorded(action: string, path: string): string[] {
    return this.git('log', '--format=%H', `--grep=Grant-Action: ${action}`, 'main')
      .split('\n')
      .filter(Boolean)
      .filter((c) => this.git('log', '-1', '--format=%B', c).includes(`Grant-Path: ${path}`));
  }

  cleanup() {
    this.repo.cleanup();
  }
}
