import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.js';
import { reconcileCommand } from '../../src/commands/reconcile.js';
import { MemoryTarget, memoryProviderFactory } from '../../src/providers/memory/provider.js';
import { cliWith } from '../helpers/cli.js';
import { accessRepo, type GitRepo } from '../helpers/gitrepo.js';

/**
 * The whole lifecycle on a plain git repository through the CLI, with the local forge: request,
 * approve, merge (trailers on main), reconcile provisions into the memory provider, time passes,
 * reconcile revokes, expire records the end on main, audit shows it.
 */
let repo: GitRepo;
let target: MemoryTarget;
const at = (hhmm: string) => `2026-11-20T${hhmm}:00Z`;

beforeEach(() => {
  repo = accessRepo(at('09:00'));
  target = new MemoryTarget();
});
afterEach(() => repo.cleanup());

const run = (now: string, ...argv: string[]) =>
  cliWith(
    {
      commands: {
        ...commands,
        reconcile: reconcileCommand({ factories: { command: memoryProviderFactory(target) } }),
      },
    },
    repo.dir,
    ...argv,
    '--repo',
    repo.dir,
    '--now',
    now,
    '--format',
    'json',
  );
const git = (...args: string[]) => repo.git(args).trim();

describe('the lifecycle on the local forge', { timeout: 180_000 }, () => {
  it('request → approve → merge → provision → revoke → expire → audit', async () => {
    const requested = await run(
      at('10:00'),
      'request',
      'db-read',
      '--for',
      '2h',
      '--reason',
      'INC-1 investigate slow queries',
      '--as',
      'alice',
    );
    expect(requested.stderr).toBe('');
    expect(requested.code).toBe(0);
    expect(JSON.parse(requested.stdout)).toMatchObject({
      request: 'request/db-read/alice',
      branch: 'request/db-read/alice',
      path: 'grants/db-read/alice.yaml',
      pr: null,
    });
    expect(git('log', '-1', '--format=%an <%ae> %cI', 'request/db-read/alice')).toBe(
      'alice <alice@users.noreply.github.com> 2026-11-20T10:00:00+00:00',
    );

    const early = await run(at('10:01'), 'merge', 'request/db-read/alice');
    expect(early.code).toBe(1);
    expect(
      JSON.parse(early.stdout).waiting[0].problems.map((p: { code: string }) => p.code),
    ).toEqual(['E_APPROVALS_MISSING']);

    const approved = await run(at('10:05'), 'approve', 'request/db-read/alice', '--as', 'carol');
    expect(approved.code).toBe(0);

    const main = git('rev-parse', 'main');
    const merged = await run(at('10:10'), 'merge', '--all');
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const out = JSON.parse(merged.stdout);
    expect(out.waiting).toEqual([]);
    expect(out.merged).toHaveLength(1);
    expect(git('rev-parse', 'main^')).toBe(main);
    expect(git('rev-parse', 'main')).toBe(out.merged[0].commit);
    expect(git('log', '-1', '--format=%B', 'main')).toBe(
      [
        'Grant db-read to alice for 2h',
        '',
        'Grant-Action: granted',
        'Grant-Path: grants/db-read/alice.yaml',
        'Grant-Role: db-read',
        'Grant-Requester: alice',
        'Grant-Starts: 2026-11-20T10:10:00Z',
        'Grant-Expires: 2026-11-20T12:10:00Z',
        'Grant-Duration: 2h',
        'Reason: INC-1 investigate slow queries',
        'Approved-by: carol',
        'Pull-Request: request/db-read/alice',
      ].join('\n'),
    );
    expect(git('log', '-1', '--format=%cI', 'main')).toBe('2026-11-20T10:10:00+00:00');
    expect(git('branch', '--list', 'request/*')).toBe('');

    const granted = await run(at('10:20'), 'reconcile');
    expect(granted.code).toBe(0);
    expect(target.has({ role: 'read' }, 'alice')).toBe(true);

    const revoked = await run(at('12:30'), 'reconcile');
    expect(revoked.code).toBe(0);
    expect(target.has({ role: 'read' }, 'alice')).toBe(false);

    const expired = await run(at('12:30'), 'expire');
    expect(expired.stderr).toBe('');
    expect(expired.code).toBe(0);
    const e = JSON.parse(expired.stdout);
    expect(e.expired).toEqual([
      expect.objectContaining({
        path: 'grants/db-read/alice.yaml',
        role: 'db-read',
        requester: 'alice',
        expired_at: '2026-11-20T12:10:00Z',
        commit: git('rev-parse', 'main'),
      }),
    ]);
    expect(git('ls-tree', 'main', '--', 'grants/db-read/alice.yaml')).toBe('');
    expect(git('log', '-1', '--format=%B', 'main')).toContain(
      'Grant-Action: expired\nGrant-Path: grants/db-read/alice.yaml',
    );

    const again = await run(at('12:40'), 'expire');
    expect(JSON.parse(again.stdout)).toMatchObject({ expired: [], waiting: [] });

    const audit = await run(at('13:00'), 'audit');
    expect(audit.code).toBe(0);
    const events = JSON.parse(audit.stdout) as { event: string; approvers: string[] }[];
    expect(events.map((x) => x.event)).toEqual(['granted', 'expired']);
    expect(events[0]!.approvers).toEqual(['carol']);
  });
});
