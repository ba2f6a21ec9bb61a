import { afterEach, describe, expect, it } from 'vitest';
import { grantsAt, type GrantRecord } from '../../src/core/record.js';
import { memoryLedger } from '../../src/core/ledger.js';
import { Timeline, type AuditEvent, type LedgerCommit } from '../../src/core/timeline.js';
import {
  descendsFrom,
  gitLedger,
  openLedger,
  readGrants,
  readHistory,
} from '../../src/git/ledger.js';
import { accessRepo, grantYaml, testRoles, GitRepo } from '../helpers/gitrepo.js';

const repos: GitRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));
const track = (r: GitRepo) => (repos.push(r), r);
const d = (s: string) => new Date(s);

const byPath = (records: GrantRecord[]) => new Map(records.map((r) => [r.landing.path, r]));
const A = 'grants/db-read/alice.yaml';
const B = 'grants/db-read/bob.yaml';

async function events(repo: GitRepo, now: string): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  const tl = new Timeline({ emit: (e) => out.push(e) });
  await readHistory(repo.dir, repo.head('main'), (c) => tl.push(c));
  tl.finish(d(now));
  return out;
}

describe('ledger: landing times', () => {
  it('a direct commit lands at its committer time, never its author date', async () => {
    const repo = track(accessRepo());
    const c = repo
      .write(A, grantYaml('2h'))
      .commit('Grant', '2026-01-02T10:00:00Z', { authorAt: '2026-01-01T08:00:00Z' });
    const r = byPath(await readGrants(repo.dir, c)).get(A)!;
    expect(r.commit).toBe(c);
    expect(r.landedAt).toEqual(d('2026-01-02T10:00:00Z'));
    expect(r.landing.window).toMatchObject({
      startsAt: d('2026-01-02T10:00:00Z'),
      expiresAt: d('2026-01-02T12:00:00Z'),
    });
  });

  it('a --no-ff merge lands at the merge time, not the requester branch commit', async () => {
    const repo = track(accessRepo());
    repo
      .checkout('request', { create: true })
      .write(A, grantYaml('2h'))
      .commit('Request', '2026-01-02T10:00:00Z');
    repo.checkout('main');
    repo.write('README.md', 'other work on main\n').commit('Unrelated', '2026-01-02T11:00:00Z');
    const merge = repo.merge(
      'request',
      'Merge pull request #3 from alice/request',
      '2026-01-02T14:00:00Z',
    );
    const r = byPath(await readGrants(repo.dir, merge)).get(A)!;
    expect(r.commit).toBe(merge);
    expect(r.landedAt).toEqual(d('2026-01-02T14:00:00Z'));
    expect(r.landing.window?.expiresAt).toEqual(d('2026-01-02T16:00:00Z'));
    expect(r.pr).toBe('#3');
    expect(r.source).toBe('git');
  });

  it('a squash merge lands at the squash commit', async () => {
    const repo = track(accessRepo());
    repo
      .checkout('request', { create: true })
      .write(A, grantYaml('1h'))
      .commit('Request', '2026-01-02T10:00:00Z');
    repo.checkout('main');
    const sq = repo.squash('request', 'Grant db-read to alice (#9)', '2026-01-03T09:00:00Z');
    const r = byPath(await readGrants(repo.dir, sq)).get(A)!;
    expect([r.commit, r.landedAt, r.pr]).toEqual([sq, d('2026-01-03T09:00:00Z'), '#9']);
  });

  it('a renewal restarts the window; a deletion removes the grant', async () => {
    const repo = track(accessRepo());
    repo
      .write(A, grantYaml('2h'))
      .write(B, grantYaml('2h'))
      .commit('Grant both', '2026-01-02T10:00:00Z');
    const renew = repo
      .write(A, grantYaml('3h', 'INC-2 still slow'))
      .commit('Renew', '2026-01-02T11:00:00Z');
    repo.remove(B).commit('Revoke', '2026-01-02T11:30:00Z');
    const records = await readGrants(repo.dir, repo.head());
    expect(records.map((r) => r.landing.path)).toEqual([A]);
    expect(records[0]).toMatchObject({ commit: renew, landedAt: d('2026-01-02T11:00:00Z') });
    expect(records[0]!.landing.window?.expiresAt).toEqual(d('2026-01-02T14:00:00Z'));
    expect(records[0]!.landing.grant?.reason).toBe('INC-2 still slow');
  });

  it('a future start schedules the window', async () => {
    const repo = track(accessRepo());
    repo
      .write(A, grantYaml('2h', 'INC-1 maintenance', 'start: 2026-01-05T09:00:00+01:00\n'))
      .commit('Grant', '2026-01-02T10:00:00Z');
    const [r] = await readGrants(repo.dir, repo.head());
    expect(r!.landing.window).toMatchObject({
      startsAt: d('2026-01-05T08:00:00Z'),
      expiresAt: d('2026-01-05T10:00:00Z'),
    });
    expect(grantsAt([r!], d('2026-01-04T00:00:00Z'))[0]!.state).toBe('scheduled');
  });
});

describe('ledger: policies in force at landing', () => {
  it('caps by the role maximum when the grant landed; a later policy change does not move it', async () => {
    const repo = track(accessRepo('2026-01-01T00:00:00Z', '4h'));
    repo.write(A, grantYaml('8h')).commit('Grant alice', '2026-01-02T10:00:00Z');
    repo
      .write('policies/roles.yaml', testRoles('1h'))
      .commit('Tighten db-read', '2026-01-02T11:00:00Z');
    repo.write(B, grantYaml('8h')).commit('Grant bob', '2026-01-02T12:00:00Z');
    const m = byPath(await readGrants(repo.dir, repo.head()));
    expect(m.get(A)!.landing.window).toMatchObject({
      expiresAt: d('2026-01-02T14:00:00Z'),
      capped: true,
    });
    expect(m.get(B)!.landing.window).toMatchObject({
      expiresAt: d('2026-01-02T13:00:00Z'),
      capped: true,
    });
  });

  it('a commit that changes policies and a grant together is judged by the policies before it', async () => {
    const repo = track(accessRepo('2026-01-01T00:00:00Z', '1h'));
    repo
      .write('policies/roles.yaml', testRoles('8h'))
      .write(A, grantYaml('8h'))
      .commit('Widen and grant', '2026-01-02T10:00:00Z');
    const [r] = await readGrants(repo.dir, repo.head());
    expect(r!.landing.window?.expiresAt).toEqual(d('2026-01-02T11:00:00Z'));
  });

  it('an invalid grant file on the branch is never active, and says why', async () => {
    const repo = track(accessRepo());
    repo
      .write(A, 'duration: 2h\nreason: INC-1 x\nduration: 9h\n')
      .write('grants/db-admin/bob.yaml', grantYaml('1h'))
      .commit('Admin merge around checks', '2026-01-02T10:00:00Z');
    const entries = grantsAt(await readGrants(repo.dir, repo.head()), d('2026-01-02T10:30:00Z'));
    expect(entries.map((e) => [e.path, e.state, e.problems])).toEqual([
      ['grants/db-admin/bob.yaml', 'invalid', ['E_ROLE_UNKNOWN']],
      [A, 'invalid', ['E_YAML_DUPLICATE_KEY']],
    ]);
  });

  it('reads the branch as it was at a past time', async () => {
    const repo = track(accessRepo());
    repo.write(A, grantYaml('2h')).commit('Grant', '2026-01-02T10:00:00Z');
    repo.remove(A).commit('Revoke', '2026-01-02T10:30:00Z');
    expect(
      (await readGrants(repo.dir, repo.head(), { until: d('2026-01-02T10:15:00Z') })).map(
        (r) => r.landing.path,
      ),
    ).toEqual([A]);
    expect(await readGrants(repo.dir, repo.head(), { until: d('2026-01-02T10:45:00Z') })).toEqual(
      [],
    );
  });
});

describe('ledger: history', () => {
  it('turns merges, renewals, revocations and expiry reverts into events with trailers', async () => {
    const repo = track(accessRepo());
    repo
      .checkout('req-a', { create: true })
      .write(A, grantYaml('2h'))
      .commit('Request', '2026-01-02T08:00:00Z');
    repo.checkout('main');
    const m1 = repo.merge(
      'req-a',
      'Grant db-read to alice\n\nGrant-Action: granted\nGrant-Path: grants/db-read/alice.yaml\nGrant-Role: db-read\nGrant-Requester: alice\nApproved-by: carol\nPull-Request: #1',
      '2026-01-02T10:00:00Z',
    );
    const b1 = repo
      .write(B, grantYaml('4h', 'INC-7 bob needs it'))
      .commit('Grant bob by hand', '2026-01-02T10:30:00Z');
    const revert = repo
      .remove(A)
      .commit(
        'Expire alice\n\nGrant-Action: expired\nGrant-Path: grants/db-read/alice.yaml\nPull-Request: #2',
        '2026-01-02T12:20:00Z',
      );
    const rb = repo
      .remove(B)
      .commit(
        'Revoke bob\n\nGrant-Action: revoked\nGrant-Path: grants/db-read/bob.yaml\nReason: incident closed',
        '2026-01-02T13:00:00Z',
      );
    const es = await events(repo, '2026-01-03T00:00:00Z');
    expect(es.map((e) => [e.event, e.requester, e.time.toISOString(), e.commit])).toEqual([
      ['granted', 'alice', '2026-01-02T10:00:00.000Z', m1],
      ['granted', 'bob', '2026-01-02T10:30:00.000Z', b1],
      ['expired', 'alice', '2026-01-02T12:00:00.000Z', revert],
      ['revoked', 'bob', '2026-01-02T13:00:00.000Z', rb],
    ]);
    expect(es[0]).toMatchObject({
      approvers: ['carol'],
      pr: '#1',
      source: 'trailers',
      reason: 'INC-1 investigate slow queries',
    });
    expect(es[1]).toMatchObject({ approvers: [], pr: null, source: 'git' });
    expect(es[2]).toMatchObject({
      recordedAt: d('2026-01-02T12:20:00Z'),
      pr: '#2',
      grantCommit: m1,
    });
    expect(es[3]).toMatchObject({ note: 'incident closed', grantCommit: b1 });
  });

  it('stops early when asked', async () => {
    const repo = track(accessRepo());
    repo.write(A, grantYaml('2h')).commit('1', '2026-01-02T10:00:00Z');
    repo.write(B, grantYaml('2h')).commit('2', '2026-01-02T11:00:00Z');
    const seen: string[] = [];
    await readHistory(repo.dir, repo.head(), (c) => (seen.push(c.message.trim()), 'stop'));
    expect(seen).toEqual(['1']);
  });
});

describe('ledger: history integrity and clones', () => {
  it('descendsFrom tells a fast-forward from a rewrite', async () => {
    const repo = track(accessRepo());
    const c1 = repo.write(A, grantYaml('2h')).commit('Grant', '2026-01-02T10:00:00Z');
    repo.write(B, grantYaml('2h')).commit('Grant bob', '2026-01-02T11:00:00Z');
    expect(await descendsFrom(repo.dir, 'main', c1)).toBe(true);
    repo.git(['reset', '-q', '--hard', 'HEAD~2']);
    repo.write(B, grantYaml('1h')).commit('Rewritten', '2026-01-02T12:00:00Z');
    expect(await descendsFrom(repo.dir, 'main', c1)).toBe(false);
    await expect(descendsFrom(repo.dir, 'main', 'f'.repeat(40))).rejects.toThrow(/not a commit/);
  });

  it('detects a shallow clone: deepens it from its remote, or explains fetch-depth: 0', async () => {
    const origin = track(accessRepo());
    origin.write(A, grantYaml('2h')).commit('Grant', '2026-01-02T10:00:00Z');
    origin.write(B, grantYaml('2h')).commit('Grant bob', '2026-01-02T11:00:00Z');
    const clone = track(GitRepo.create());
    clone.git([
      'fetch',
      '-q',
      '--depth=1',
      `file://${origin.dir}`,
      'main:refs/remotes/origin/main',
    ]);
    await expect(openLedger(clone.dir, 'origin/main', () => undefined)).rejects.toThrow(
      /shallow clone with no remote.*fetch-depth: 0/s,
    );

    clone.git(['remote', 'add', 'origin', `file://${origin.dir}`]);
    const notes: string[] = [];
    const ledger = await openLedger(clone.dir, 'origin/main', (s) => notes.push(s));
    expect(notes.join()).toMatch(/unshallow/);
    expect(clone.git(['rev-parse', '--is-shallow-repository']).trim()).toBe('false');
    expect(
      (await readGrants(clone.dir, ledger.commit)).map((r) => r.landedAt.toISOString()).sort(),
    ).toEqual(['2026-01-02T10:00:00.000Z', '2026-01-02T11:00:00.000Z']);
  });

  it('prefers origin/main, then main, then HEAD when no ref is given', async () => {
    const repo = track(accessRepo());
    expect((await openLedger(repo.dir, undefined, () => undefined)).ref).toBe('main');
    repo.git(['update-ref', 'refs/remotes/origin/main', 'HEAD']);
    expect((await openLedger(repo.dir, undefined, () => undefined)).ref).toBe('origin/main');
  });
});

describe('ledger port', () => {
  it('the in-memory ledger replays what the git ledger read, with the same answers', async () => {
    const repo = track(accessRepo());
    const c1 = repo.write(A, grantYaml('2h')).commit('Grant (#1)', '2026-01-02T10:00:00Z');
    repo
      .write(B, grantYaml('1h'))
      .commit('Grant bob\n\nApproved-by: carol', '2026-01-02T11:00:00Z');
    repo.remove(A).commit('Revoke', '2026-01-02T11:30:00Z');
    const real = gitLedger(repo.dir, await openLedger(repo.dir, 'main', () => undefined));
    const commits: LedgerCommit[] = [];
    await real.history((c) => void commits.push(c));
    const fake = memoryLedger(commits);
    for (const until of [undefined, d('2026-01-02T10:30:00Z')]) {
      expect(await fake.grants({ until })).toEqual(await real.grants({ until }));
    }
    expect(await fake.descendsFrom(c1)).toBe(await real.descendsFrom(c1));
    expect(await fake.descendsFrom('f'.repeat(40))).toBe(false);
  });
});
