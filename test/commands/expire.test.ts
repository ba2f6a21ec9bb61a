import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiryBranch } from '../../src/core/forge.js';
import { gitRepository } from '../../src/git/repository.js';
import { LocalForge } from '../../src/local/forge.js';
import { LocalHarness, at } from '../local/harness.js';

let h: LocalHarness;
beforeEach(() => {
  h = new LocalHarness();
});
afterEach(() => h.cleanup());

const ALICE = 'grants/db-read/alice.yaml';

// Real git, several processes per step, on a shared machine: generous time per test.
describe('grantops expire on the local forge', { timeout: 180_000 }, () => {
  it('records nothing before a window ends; a dry run writes nothing', async () => {
    await h.grant('db-read', 'alice', 'carol', at('10:00'));
    const main = h.git('rev-parse', 'main');
    expect((await h.json(at('11:00'), 'expire')).out).toMatchObject({
      expired: [],
      waiting: [],
      closed: [],
    });
    const dry = await h.json(at('12:30'), 'expire', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out.expired).toEqual([
      expect.objectContaining({ path: ALICE, expired_at: '2026-11-20T12:00:00Z', commit: null }),
    ]);
    expect(h.git('rev-parse', 'main')).toBe(main);
    expect(h.git('for-each-ref', 'refs/heads/grantops/')).toBe('');
  });

  it('two concurrent runs land one revert per grant', async () => {
    await h.grant('db-read', 'alice', 'carol', at('10:00'));
    await h.grant('db-read', 'bob', 'dave', at('10:05'));
    await h.grant('db-write', 'erin', 'carol', at('10:10'), '1h');
    const runs = await Promise.all([h.json(at('13:00'), 'expire'), h.json(at('13:00'), 'expire')]);
    for (const r of runs) expect(r.stderr).toBe('');
    for (const path of [ALICE, 'grants/db-read/bob.yaml', 'grants/db-write/erin.yaml'])
      expect(h.recorded('expired', path)).toHaveLength(1);
    expect(h.git('ls-tree', '-r', '--name-only', 'main', 'grants/')).toBe('');
    // Between them, the two runs reported each grant; neither reported one twice.
    const reported = runs.flatMap((r) => r.out.expired.map((e: { path: string }) => e.path));
    expect(new Set(reported).size).toBe(3);
    expect(runs.flatMap((r) => r.out.waiting)).toEqual([]);
    const again = await h.json(at('13:30'), 'expire');
    expect(again.out).toMatchObject({ expired: [], waiting: [], closed: [] });
  });

  it('a grant renewed since its revert was opened is left alone, and the revert closed', async () => {
    const first = await h.grant('db-read', 'alice', 'carol', at('10:00'));
    // A run opened the revert at 12:05 but stopped before merging it.
    const forge = new LocalForge({
      git: gitRepository(h.repo.dir),
      clock: { now: () => new Date(at('12:05')) },
    });
    const branch = expiryBranch('db-read', 'alice', first);
    await forge.openExpiry({
      branch,
      path: ALICE,
      base: h.git('rev-parse', 'main'),
      title: 'Expire db-read for alice',
      message: 'Grant-Action: expired',
    });
    // alice renews at 12:10.
    const renewal = await h.grant(
      'db-read',
      'alice',
      'dave',
      at('12:10'),
      '2h',
      'INC-1 still slow',
    );
    expect(h.git('log', '-1', '--format=%B', renewal)).toContain('Grant-Action: renewed');
    const r = await h.json(at('12:30'), 'expire');
    expect(r.code).toBe(0);
    expect(r.out.expired).toEqual([]);
    expect(r.out.closed).toEqual([expect.objectContaining({ branch })]);
    expect(h.git('rev-parse', 'main')).toBe(renewal);
    expect(h.recorded('expired', ALICE)).toEqual([]);
    expect(h.git('for-each-ref', '--format=%(refname)', 'refs/heads/grantops/')).toBe('');
    // When the renewal ends, it gets its own revert.
    const later = await h.json(at('14:30'), 'expire');
    expect(later.out.expired).toEqual([
      expect.objectContaining({ path: ALICE, request: expiryBranch('db-read', 'alice', renewal) }),
    ]);
    expect(h.recorded('expired', ALICE)).toHaveLength(1);
  });

  it('the revert is made at the clock’s time and names the window it ends', async () => {
    await h.grant('db-read', 'alice', 'carol', at('10:00'));
    const r = await h.json(at('12:30'), 'expire', '--format', 'json');
    const commit = r.out.expired[0].commit;
    expect(h.git('log', '-1', '--format=%cI%n%B', commit)).toBe(
      [
        '2026-11-20T12:30:00+00:00',
        'Expire db-read for alice',
        '',
        'Grant-Action: expired',
        `Grant-Path: ${ALICE}`,
        'Grant-Role: db-read',
        'Grant-Requester: alice',
        'Grant-Starts: 2026-11-20T10:00:00Z',
        'Grant-Expires: 2026-11-20T12:00:00Z',
        `Pull-Request: ${r.out.expired[0].request}`,
      ].join('\n'),
    );
  });

  it('--forge github goes to GitHub; without GITHUB_REPOSITORY it is a configuration error', async () => {
    const r = await h.run(at('12:30'), 'expire', '--forge', 'github');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GITHUB_REPOSITORY/);
  });
});
