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
import { providerSchemas } from '../../src/providers/schemas.js';
import { staticDirectory } from '../../src/core/directory.js';
import { accessRepo, grantYaml, testRoles, GitRepo, TEST_PEOPLE } from '../helpers/gitrepo.js';

/** The ledger reads the policies of the past with the shipped provider types' schemas. */
const OPTS = { schemas: providerSchemas };
/** A landing commit whose trailers name an approver of db-read (carol is in dba). */
const approved = (subject: string, by = 'carol') => `${subject}\n\nApproved-by: ${by}`;

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
  await readHistory(repo.dir, repo.head('main'), (c) => tl.push(c), OPTS);
  tl.finish(d(now));
  return out;
}

describe('ledger: landing times', () => {
  it('a direct commit lands at its committer time, never its author date', async () => {
    const repo = track(accessRepo());
    const c = repo
      .write(A, grantYaml('2h'))
      .commit(approved('Grant'), '2026-01-02T10:00:00Z', { authorAt: '2026-01-01T08:00:00Z' });
    const r = byPath(await readGrants(repo.dir, c, OPTS)).get(A)!;
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
      approved('Merge pull request #3 from alice/request'),
      '2026-01-02T14:00:00Z',
    );
    const r = byPath(await readGrants(repo.dir, merge, OPTS)).get(A)!;
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
    const r = byPath(await readGrants(repo.dir, sq, OPTS)).get(A)!;
    expect([r.commit, r.landedAt, r.pr]).toEqual([sq, d('2026-01-03T09:00:00Z'), '#9']);
  });

  it('a renewal restarts the window; a deletion removes the grant', async () => {
    const repo = track(accessRepo());
    repo
      .write(A, grantYaml('2h'))
      .write(B, grantYaml('2h'))
      .commit(approved('Grant both'), '2026-01-02T10:00:00Z');
    const renew = repo
      .write(A, grantYaml('3h', 'INC-2 still slow'))
      .commit(approved('Renew', 'dave'), '2026-01-02T11:00:00Z');
    repo.remove(B).commit('Revoke', '2026-01-02T11:30:00Z');
    const records = await readGrants(repo.dir, repo.head(), OPTS);
    expect(records.map((r) => r.landing.path)).toEqual([A]);
    expect(records[0]).toMatchObject({ commit: renew, landedAt: d('2026-01-02T11:00:00Z') });
    expect(records[0]!.landing.window?.expiresAt).toEqual(d('2026-01-02T14:00:00Z'));
    expect(records[0]!.landing.grant?.reason).toBe('INC-2 still slow');
  });

  it('a file that changes and comes back to the same content lands at its last landing', async () => {
    // The versions whose content is the one at the tip are judged as the log goes by: the
    // first of the two identical ones is judged too, then dropped for the later one.
    const repo = track(accessRepo());
    repo.write(A, grantYaml('2h')).commit(approved('Grant'), '2026-01-02T10:00:00Z');
    repo.write(A, grantYaml('3h')).commit(approved('Longer'), '2026-01-02T11:00:00Z');
    const again = repo
      .write(A, grantYaml('2h'))
      .commit(approved('Back to 2h', 'mallory'), '2026-01-02T12:00:00Z');
    const [r] = await readGrants(repo.dir, repo.head(), OPTS);
    expect(r).toMatchObject({ commit: again, landedAt: d('2026-01-02T12:00:00Z') });
    // Judged with its own landing's trailers: mallory approves nothing.
    expect(r!.landing.state).toBe('unapproved');
    // As of a time between, the branch held the 3h version.
    const [then] = await readGrants(repo.dir, repo.head(), {
      ...OPTS,
      until: d('2026-01-02T11:30:00Z'),
    });
    expect(then!.landing.window?.seconds).toBe(3 * 3600);
  });

  it('a future start schedules the window', async () => {
    const repo = track(accessRepo());
    repo
      .write(A, grantYaml('2h', 'INC-1 maintenance', 'start: 2026-01-05T09:00:00+01:00\n'))
      .commit(approved('Grant'), '2026-01-02T10:00:00Z');
    const [r] = await readGrants(repo.dir, repo.head(), OPTS);
    expect(r!.landing.window).toMatchObject({
      startsAt: d('2026-01-05T08:00:00Z'),
      expiresAt: d('2026-01-05T10:00:00Z'),
    });
    expect(grantsAt([r!], d('2026-01-04T00:00:00Z'))[0]!.state).toBe('scheduled');
  });
});

describe('ledger: policies in force at landing', () => {
  it('holds a grant to the role maximum when it landed; a later policy change does not move it', async () => {
    const repo = track(accessRepo('2026-01-01T00:00:00Z', '4h'));
    repo.write(A, grantYaml('3h')).commit(approved('Grant alice'), '2026-01-02T10:00:00Z');
    repo
      .write('policies/roles.yaml', testRoles('1h'))
      .commit('Tighten db-read', '2026-01-02T11:00:00Z');
    repo.write(B, grantYaml('3h')).commit(approved('Grant bob'), '2026-01-02T12:00:00Z');
    const m = byPath(await readGrants(repo.dir, repo.head(), OPTS));
    expect(m.get(A)!.landing).toMatchObject({ state: 'valid', problems: [] });
    expect(m.get(A)!.landing.window).toMatchObject({
      expiresAt: d('2026-01-02T13:00:00Z'),
      capped: false,
    });
    // Over the maximum in force when it landed: refused, not shortened (validate refuses it too).
    expect(m.get(B)!.landing.state).toBe('invalid');
    expect(m.get(B)!.landing.window).toBeNull();
    expect(m.get(B)!.landing.problems.map((p) => p.code)).toEqual(['E_DURATION_TOO_LONG']);
  });

  it('a commit that changes policies and a grant together is judged by the policies before it', async () => {
    const repo = track(accessRepo('2026-01-01T00:00:00Z', '1h'));
    repo
      .write('policies/roles.yaml', testRoles('8h'))
      .write(A, grantYaml('8h'))
      .commit(approved('Widen and grant'), '2026-01-02T10:00:00Z');
    const [r] = await readGrants(repo.dir, repo.head(), OPTS);
    expect(r!.landing.state).toBe('invalid');
    expect(r!.landing.problems.map((p) => p.code)).toEqual(['E_DURATION_TOO_LONG']);
  });

  it('a policy change brought by a --no-ff merge is in force from the merge on', async () => {
    const repo = track(accessRepo('2026-01-01T00:00:00Z', '4h'));
    repo.checkout('tighten', { create: true });
    repo.write('policies/roles.yaml', testRoles('1h')).commit('Tighten', '2026-01-02T09:00:00Z');
    repo.checkout('main');
    repo.write(A, grantYaml('3h')).commit(approved('Grant alice'), '2026-01-02T10:00:00Z');
    repo.merge('tighten', 'Merge tighten', '2026-01-02T11:00:00Z');
    repo.write(B, grantYaml('3h')).commit(approved('Grant bob'), '2026-01-02T12:00:00Z');
    const m = byPath(await readGrants(repo.dir, repo.head(), OPTS));
    expect(m.get(A)!.landing.state).toBe('valid');
    expect(m.get(B)!.landing.problems.map((p) => p.code)).toEqual(['E_DURATION_TOO_LONG']);
  });

  it('an invalid grant file on the branch is never active, and says why', async () => {
    const repo = track(accessRepo());
    repo
      .write(A, 'duration: 2h\nreason: INC-1 x\nduration: 9h\n')
      .write('grants/db-admin/bob.yaml', grantYaml('1h'))
      .commit('Admin merge around checks', '2026-01-02T10:00:00Z');
    const entries = grantsAt(
      await readGrants(repo.dir, repo.head(), OPTS),
      d('2026-01-02T10:30:00Z'),
    );
    expect(entries.map((e) => [e.path, e.state, e.problems])).toEqual([
      ['grants/db-admin/bob.yaml', 'invalid', ['E_UNKNOWN_ROLE']],
      [A, 'invalid', ['E_YAML_DUPLICATE_KEY']],
    ]);
  });

  it('reads the branch as it was at a past time', async () => {
    const repo = track(accessRepo());
    repo.write(A, grantYaml('2h')).commit(approved('Grant'), '2026-01-02T10:00:00Z');
    repo.remove(A).commit('Revoke', '2026-01-02T10:30:00Z');
    expect(
      (await readGrants(repo.dir, repo.head(), { ...OPTS, until: d('2026-01-02T10:15:00Z') })).map(
        (r) => r.landing.path,
      ),
    ).toEqual([A]);
    expect(
      await readGrants(repo.dir, repo.head(), { ...OPTS, until: d('2026-01-02T10:45:00Z') }),
    ).toEqual([]);
  });
});

describe('ledger: approvals and eligibility judged under the policies in force at landing', () => {
  /** db-read approved by `by`, with dba and oncall as TEST_PEOPLE has them unless replaced. */
  const people = (dba: string, oncall = 'alice, bob, erin') =>
    TEST_PEOPLE.replace('dba: [carol, dave]', `dba: [${dba}]`).replace(
      'oncall: [alice, bob, erin]',
      `oncall: [${oncall}]`,
    );

  it('an approver added after the landing does not approve it; one removed later still did', async () => {
    const repo = track(accessRepo());
    repo
      .write(A, grantYaml('2h'))
      .commit(approved('Grant alice', 'mallory'), '2026-01-02T10:00:00Z');
    repo.write(B, grantYaml('2h')).commit(approved('Grant bob', 'carol'), '2026-01-02T10:01:00Z');
    repo
      .write('policies/people.yaml', people('dave, mallory'))
      .commit('mallory joins dba, carol leaves', '2026-01-02T10:02:00Z');
    const m = byPath(await readGrants(repo.dir, repo.head(), OPTS));
    expect(m.get(A)!.landing.state).toBe('unapproved');
    expect(m.get(A)!.landing.approval!.notCounted).toEqual([
      { value: 'mallory', why: expect.stringMatching(/not an approver of db-read/) },
    ]);
    expect(m.get(B)!.landing.state).toBe('valid');
    expect(m.get(B)!.approvers).toEqual(['carol']);
    const entries = grantsAt([...m.values()], d('2026-01-02T10:30:00Z'));
    expect(entries.map((e) => [e.requester, e.state, e.expiresAt])).toEqual([
      ['bob', 'active', d('2026-01-02T12:01:00Z')],
      ['alice', 'unapproved', null],
    ]);
    expect(entries[1]!.problems).toEqual(['E_UNAPPROVED_LANDING']);
  });

  it('a commit that adds its own approver or requester to a group is judged by the groups before it', async () => {
    const repo = track(accessRepo());
    repo
      .write('policies/people.yaml', people('carol, dave, zed', 'alice, bob, erin, mallory'))
      .write('grants/db-read/mallory.yaml', grantYaml('2h'))
      .commit(approved('Widen the groups and grant', 'zed'), '2026-01-02T10:00:00Z');
    const [r] = await readGrants(repo.dir, repo.head(), OPTS);
    expect(r!.landing.state).toBe('unapproved');
    expect(r!.landing.approval!.notCounted).toEqual([
      { value: 'zed', why: expect.stringMatching(/not an approver of db-read/) },
    ]);
    expect(r!.landing.problems.map((p) => p.code)).toEqual([
      'E_UNAPPROVED_LANDING',
      'E_NOT_ELIGIBLE',
    ]);
  });

  it('a requester not eligible at landing stays unapproved after joining the group', async () => {
    const repo = track(accessRepo());
    const M = 'grants/db-read/mallory.yaml';
    repo.write(M, grantYaml('2h')).commit(approved('Grant mallory'), '2026-01-02T10:00:00Z');
    repo
      .write('policies/people.yaml', people('carol, dave', 'alice, bob, erin, mallory'))
      .commit('mallory joins oncall', '2026-01-02T10:01:00Z');
    const [r] = await readGrants(repo.dir, repo.head(), OPTS);
    expect(r!.landing.state).toBe('unapproved');
    expect(r!.landing.problems.map((p) => p.code)).toEqual([
      'E_UNAPPROVED_LANDING',
      'E_NOT_ELIGIBLE',
    ]);
    // The same file landed again after the change is judged by the policies then.
    repo.write(M, grantYaml('1h')).commit(approved('Renew mallory'), '2026-01-02T10:05:00Z');
    const [again] = await readGrants(repo.dir, repo.head(), OPTS);
    expect(again!.landing.state).toBe('valid');
  });

  it('an approver only through a team counts with a directory, and never without one', async () => {
    const repo = track(accessRepo());
    repo
      .write('policies/people.yaml', people("carol, '@acme/db-admins'"))
      .commit('dba includes a team', '2026-01-02T09:00:00Z');
    repo.write(A, grantYaml('2h')).commit(approved('Grant', 'dana'), '2026-01-02T10:00:00Z');
    const without = await readGrants(repo.dir, repo.head(), OPTS);
    expect(without[0]!.landing.state).toBe('unapproved');
    expect(without[0]!.landing.approval!.notCounted[0]!.why).toMatch(/no directory was given/);
    const directory = staticDirectory({ '@acme/db-admins': ['dana'] });
    const withIt = await readGrants(repo.dir, repo.head(), { ...OPTS, directory });
    expect(withIt[0]!.landing.state).toBe('valid');
    const events: AuditEvent[] = [];
    const tl = new Timeline({ emit: (e) => events.push(e) });
    await readHistory(repo.dir, repo.head(), (c) => tl.push(c), { ...OPTS, directory });
    tl.finish(d('2026-01-02T10:30:00Z'));
    expect(events.map((e) => [e.event, e.approvers])).toEqual([['granted', ['dana']]]);
  });
});

describe('ledger: landing times never go backwards', () => {
  it('a back-dated commit lands when the commit before it did, for every reader', async () => {
    const repo = track(accessRepo());
    repo.write(A, grantYaml('2h')).commit(approved('Grant alice'), '2026-01-02T10:00:00Z');
    const back = repo
      .write(B, grantYaml('2h'))
      .commit(approved('Grant bob, back-dated'), '2025-06-01T00:00:00Z');
    const m = byPath(await readGrants(repo.dir, repo.head(), OPTS));
    expect(m.get(B)!.landedAt).toEqual(d('2026-01-02T10:00:00Z'));
    expect(m.get(B)!.landing.window).toMatchObject({
      startsAt: d('2026-01-02T10:00:00Z'),
      expiresAt: d('2026-01-02T12:00:00Z'),
    });
    const es = await events(repo, '2026-01-02T11:00:00Z');
    expect(es.map((e) => [e.event, e.requester, e.time.toISOString(), e.commit])).toEqual([
      ['granted', 'alice', '2026-01-02T10:00:00.000Z', expect.any(String)],
      ['granted', 'bob', '2026-01-02T10:00:00.000Z', back],
    ]);
    // The branch as it was at a time before the back-dated commit's claimed date does not hold it…
    expect(
      (await readGrants(repo.dir, repo.head(), { ...OPTS, until: d('2025-12-31T00:00:00Z') }))
        .length,
    ).toBe(0);
    // …and as it was when it really landed, it does.
    expect(
      (await readGrants(repo.dir, repo.head(), { ...OPTS, until: d('2026-01-02T10:00:00Z') }))
        .map((r) => r.landing.path)
        .sort(),
    ).toEqual([B, A].sort());
  });

  it('the clock follows the commits that change grants/ or policies/, and no others', async () => {
    const repo = track(accessRepo());
    repo.write(A, grantYaml('2h')).commit(approved('Grant alice'), '2026-01-02T10:00:00Z');
    // Other work on the branch, dated far ahead: not the ledger's, so it moves nothing.
    repo.write('README.md', 'notes\n').commit('Notes', '2026-06-01T00:00:00Z');
    repo.write(B, grantYaml('2h')).commit(approved('Grant bob'), '2026-01-03T09:00:00Z');
    // A policy change is the ledger's: a grant dated before it lands when it did.
    repo
      .write('policies/roles.yaml', `${testRoles()}# reviewed\n`)
      .commit('Policy', '2026-02-01T00:00:00Z');
    const C = 'grants/db-read/erin.yaml';
    repo.write(C, grantYaml('2h')).commit(approved('Grant dave'), '2026-01-04T09:00:00Z');
    const m = byPath(await readGrants(repo.dir, repo.head(), OPTS));
    expect([m.get(B)!.landedAt, m.get(C)!.landedAt]).toEqual([
      d('2026-01-03T09:00:00Z'),
      d('2026-02-01T00:00:00Z'),
    ]);
  });

  it('a start that was within the lead time of the claimed date but not of the landing is refused', async () => {
    const repo = track(accessRepo());
    repo.write(A, grantYaml('2h')).commit(approved('Grant alice'), '2026-03-01T10:00:00Z');
    // Claimed January, landed (clamped) on March 1st: the lead time is measured from the landing
    // the window is computed from, so a start two days later is within it.
    repo
      .write(B, grantYaml('2h', 'INC-2 later maintenance', 'start: 2026-03-03T10:00:00Z\n'))
      .commit(approved('Grant bob'), '2026-01-01T00:00:00Z');
    const m = byPath(await readGrants(repo.dir, repo.head(), OPTS));
    expect(m.get(B)!.landing.state).toBe('valid');
    expect(m.get(B)!.landing.window?.startsAt).toEqual(d('2026-03-03T10:00:00Z'));
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
      // Merged by hand, without an approval on record: it never granted, so nothing to revoke.
      ['unapproved', 'bob', '2026-01-02T10:30:00.000Z', b1],
      ['expired', 'alice', '2026-01-02T12:00:00.000Z', revert],
    ]);
    expect(es[0]).toMatchObject({
      approvers: ['carol'],
      pr: '#1',
      source: 'trailers',
      reason: 'INC-1 investigate slow queries',
    });
    expect(es[1]).toMatchObject({
      approvers: [],
      pr: null,
      source: 'git',
      problems: ['E_UNAPPROVED_LANDING'],
      startsAt: null,
    });
    expect(es[1]!.note).toMatch(/db-read needed 1 approval from dba/);
    expect(es[2]).toMatchObject({
      recordedAt: d('2026-01-02T12:20:00Z'),
      pr: '#2',
      grantCommit: m1,
    });
    expect(rb).toMatch(/^[0-9a-f]{40}$/);
  });

  it('stops early when asked', async () => {
    const repo = track(accessRepo());
    repo.write(A, grantYaml('2h')).commit('1', '2026-01-02T10:00:00Z');
    repo.write(B, grantYaml('2h')).commit('2', '2026-01-02T11:00:00Z');
    const seen: string[] = [];
    await readHistory(repo.dir, repo.head(), (c) => (seen.push(c.message.trim()), 'stop'), OPTS);
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
      (await readGrants(clone.dir, ledger.commit, OPTS))
        .map((r) => r.landedAt.toISOString())
        .sort(),
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
    const real = gitLedger(repo.dir, await openLedger(repo.dir, 'main', () => undefined), OPTS);
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
