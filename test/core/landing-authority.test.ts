import { describe, expect, it } from 'vitest';
import { ExternalError } from '../../src/core/errors.js';
import type { Identity, LandingProof, Review } from '../../src/core/forge.js';
import { checkLanding } from '../../src/core/landing.js';
import {
  judgeLandingProof,
  refuseLanding,
  type LandingQuestion,
} from '../../src/core/landing-authority.js';
import { checkLandings, type LandingSource } from '../../src/core/landing-checks.js';
import { memoryLedger } from '../../src/core/ledger.js';
import { withRefusals } from '../../src/core/refused-landings.js';
import type { FileChange } from '../../src/core/request/types.js';
import { TEST_PEOPLE, testRoles } from '../helpers/gitrepo.js';
import { policyFrom } from '../helpers/policy.js';

/** The judgement of a landing from the forge's record, as plain data in and out. */
const policy = policyFrom([
  { path: 'policies/people.yaml', text: TEST_PEOPLE },
  { path: 'policies/roles.yaml', text: testRoles() },
]);
const COMMIT = 'c'.repeat(40);
const BASE = 'b'.repeat(40);
const HEAD = 'e'.repeat(40);
const BLOB = 'a'.repeat(40);
const BOT = 'grantops-acme[bot]';
const LANDED = new Date('2026-11-20T10:00:00Z');
const GRANT = 'duration: 2h\nreason: INC-1 investigate slow queries\nticket: INC-1\n';
const PATH = 'grants/db-read/alice.yaml';

const person = (login: string | null): Identity => ({ login, display: login ?? 'Someone' });
const approval = (reviewer: string, commit = HEAD): Review => ({
  reviewer,
  state: 'approved',
  commit,
  submittedAt: null,
});
const added = (path: string, text: string | null = GRANT): FileChange => ({
  path,
  status: 'added',
  oldMode: '000000',
  newMode: '100644',
  size: text?.length ?? null,
  text,
});
const proof = (over: Partial<LandingProof> = {}): LandingProof => ({
  request: '#12',
  author: person('alice'),
  mergedBy: BOT,
  head: HEAD,
  reviews: [approval('carol')],
  pushers: [person('alice')],
  ...over,
});
const judge = (over: Partial<LandingQuestion> = {}) =>
  judgeLandingProof({
    commit: COMMIT,
    base: BASE,
    landedAt: LANDED,
    proof: proof(),
    merger: BOT,
    changes: [added(PATH)],
    files: [{ path: PATH, landed: BLOB, atHead: BLOB }],
    policy,
    teams: new Map(),
    ...over,
  });
const codes = (v: ReturnType<typeof judge>) => v.problems.map((p) => p.code);

describe('judgeLandingProof', () => {
  it('passes a request grantops merged, by the grantee, approved on its final head', () => {
    expect(judge()).toMatchObject({
      passed: true,
      final: true,
      request: '#12',
      author: 'alice',
      mergedBy: BOT,
      approvers: ['carol'],
      problems: [],
    });
    // The App's login is compared as GitHub spells logins: in any case.
    expect(judge({ proof: proof({ mergedBy: 'GrantOps-Acme[bot]' }) }).passed).toBe(true);
  });

  it('refuses a merge by anyone else, however many approvals it had', () => {
    const v = judge({ proof: proof({ mergedBy: 'owner' }) });
    expect(v.passed).toBe(false);
    expect(codes(v)).toEqual(['E_LANDING_REJECTED']);
    expect(v.problems[0]!.message).toMatch(/merged by "owner", not by grantops/);
    expect(judge({ proof: proof({ mergedBy: null }) }).passed).toBe(false);
  });

  it('refuses a commit no request merged', () => {
    const v = judge({ proof: null });
    expect(v).toMatchObject({ passed: false, final: true, request: null });
    expect(codes(v)).toEqual(['E_LANDING_REJECTED']);
  });

  it('counts approvals as the merge decision does', () => {
    // On an earlier head: stale.
    expect(
      codes(judge({ proof: proof({ reviews: [approval('carol', 'f'.repeat(40))] }) })),
    ).toEqual(expect.arrayContaining(['E_APPROVALS_MISSING', 'E_APPROVAL_NOT_ON_HEAD']));
    // By someone who pushed (carol here), by the author, by a bot, by a non-approver.
    const pushers = [person('alice'), person('carol')];
    for (const reviewer of ['carol', 'alice', 'dependabot[bot]', 'bob']) {
      const v = judge({ proof: proof({ reviews: [approval(reviewer)], pushers }) });
      expect(v.passed).toBe(false);
      expect(codes(v)).toContain('E_APPROVALS_MISSING');
    }
    expect(judge({ proof: proof({ reviews: [approval('dave')], pushers }) }).passed).toBe(true);
    // A later request for changes undoes an approval.
    const undone: Review = { ...approval('carol'), state: 'changes_requested' };
    expect(judge({ proof: proof({ reviews: [approval('carol'), undone] }) }).passed).toBe(false);
  });

  it('refuses a file for someone other than the author (I1), and any change outside grants/ (I3)', () => {
    expect(codes(judge({ proof: proof({ author: person('bob') }) }))).toContain(
      'E_REQUESTER_MISMATCH',
    );
    expect(
      codes(judge({ changes: [added(PATH), added('policies/extra.yaml', 'x: 1\n')] })),
    ).toContain('E_SCOPE');
    // Someone GitHub cannot name pushed to it: nobody can tell whose approval would count.
    expect(codes(judge({ proof: proof({ pushers: [person('alice'), person(null)] }) }))).toContain(
      'E_IDENTITY_UNKNOWN',
    );
  });

  it('compares logins in any case: the author, the merger, pushers and reviewers', () => {
    expect(judge({ proof: proof({ author: person('Alice') }) }).passed).toBe(true);
    // carol pushed (spelled CAROL by one record) and approved (as Carol): it never counts.
    const v = judge({
      proof: proof({ reviews: [approval('Carol')], pushers: [person('alice'), person('CAROL')] }),
    });
    expect(v.passed).toBe(false);
    expect(codes(v)).toContain('E_APPROVALS_MISSING');
    // The grantee spelled otherwise by the forge is still the file's login; another is not.
    expect(codes(judge({ proof: proof({ author: person('al1ce') }) }))).toContain(
      'E_REQUESTER_MISMATCH',
    );
  });

  it('refuses a landing that holds other than the approved head: a merge that combined both sides', () => {
    const other = 'f'.repeat(40);
    const v = judge({ files: [{ path: PATH, landed: other, atHead: BLOB }] });
    expect(v).toMatchObject({ passed: false, final: true });
    expect(codes(v)).toEqual(['E_LANDING_REJECTED']);
    expect(v.problems[0]!.message).toMatch(
      /not what the reviews approved: "grants\/db-read\/alice.yaml"/,
    );
    // A path the landing changed that nobody compared is refused too, as is one the head lacks.
    expect(judge({ files: [] }).passed).toBe(false);
    expect(judge({ files: [{ path: PATH, landed: BLOB, atHead: null }] }).passed).toBe(false);
  });

  it('does not make a refusal final while a team of the role is unknown', () => {
    const teams = policyFrom([
      {
        path: 'policies/people.yaml',
        text: `admins: ['@acme/security']\ngroups:\n  oncall: [alice]\n`,
      },
      {
        path: 'policies/roles.yaml',
        text: testRoles().replace('approvers: [dba]', "approvers: ['@acme/dbas']"),
      },
    ]);
    const unknown = judge({ policy: teams, teams: new Map([['@acme/dbas', null]]) });
    expect(unknown).toMatchObject({ passed: false, final: false });
    const known = judge({ policy: teams, teams: new Map([['@acme/dbas', ['carol']]]) });
    expect(known.passed).toBe(true);
    const notMember = judge({ policy: teams, teams: new Map([['@acme/dbas', ['dave']]]) });
    expect(notMember).toMatchObject({ passed: false, final: true });
    // A refusal for a reason no team can lift is final even while the team is unknown.
    const unknownTeam = new Map([['@acme/dbas', null]]);
    for (const over of [
      { proof: proof({ mergedBy: 'owner' }) },
      { proof: proof({ author: person('bob') }) },
      { changes: [added(PATH), added('policies/extra.yaml', 'x: 1\n')] },
      { proof: proof({ pushers: [person('alice'), person(null)] }) },
    ]) {
      expect(judge({ policy: teams, teams: unknownTeam, ...over })).toMatchObject({
        passed: false,
        final: true,
      });
    }
  });
});

describe('refused landings', () => {
  const landing = () =>
    checkLanding(
      { path: PATH, mode: '100644', content: { text: GRANT } },
      { policy, landedAt: LANDED, approvedBy: ['carol'], teams: new Map(), directory: true },
    );
  const refused = judge({ proof: null });

  it('read as unapproved, the refusal first, with no window and no approver', () => {
    expect(landing().state).toBe('valid');
    const l = refuseLanding(landing(), refused);
    expect(l).toMatchObject({ state: 'unapproved', window: null, approval: { counted: [] } });
    expect(l.problems[0]).toMatchObject({ code: 'E_LANDING_REJECTED', path: PATH });
    expect(l.problems[0]!.message).toMatch(/No request merged/);
  });

  it('through the ledger, in grants() and history() alike; other commits untouched', async () => {
    const commit = (oid: string) => ({
      oid,
      committedAt: LANDED,
      message: 'Land',
      changes: [{ path: PATH, kind: 'added' as const, landing: landing() }],
    });
    const ledger = withRefusals(memoryLedger([commit(COMMIT)]), new Map([[COMMIT, refused]]));
    expect((await ledger.grants()).map((r) => [r.landing.state, r.approvers])).toEqual([
      ['unapproved', []],
    ]);
    const seen: string[] = [];
    await ledger.history((c) => void seen.push(c.changes[0]!.landing!.state));
    expect(seen).toEqual(['unapproved']);
    const other = withRefusals(memoryLedger([commit(BASE)]), new Map([[COMMIT, refused]]));
    expect((await other.grants())[0]!.landing.state).toBe('valid');
  });
});

describe('checkLandings', () => {
  const source = (over: Partial<LandingSource> = {}): LandingSource & { asked: string[] } => {
    const asked: string[] = [];
    return {
      asked,
      merger: BOT,
      proof: async (c) => {
        asked.push(c);
        return proof();
      },
      facts: async () => ({ base: BASE, changes: [added(PATH)], policy, teams: new Map() }),
      objectsAt: async (_commit, paths) => new Map(paths.map((p) => [p, BLOB])),
      ...over,
    };
  };
  const todo = (commit: string) => ({ commit, path: PATH, landedAt: LANDED });

  it('asks once per landing commit, and nothing about those judged before', async () => {
    const s = source();
    const r = await checkLandings([todo(COMMIT), todo(COMMIT), todo(BASE)], new Set([BASE]), s);
    expect(s.asked).toEqual([COMMIT]);
    expect(r.judged.map((v) => [v.commit, v.passed])).toEqual([[COMMIT, true]]);
    expect(r.refused.size + r.unchecked.size).toBe(0);
  });

  it('a forge that fails leaves the landing unchecked, never judged', async () => {
    const s = source({
      proof: async () => {
        throw new ExternalError('E_GITHUB_UNREACHABLE', 'GitHub could not be reached');
      },
    });
    const r = await checkLandings([todo(COMMIT)], new Set(), s);
    expect(r.judged).toEqual([]);
    expect(r.unchecked.get(COMMIT)).toMatch(/could not be reached/);
    // A bug is not an outcome: it is thrown.
    await expect(
      checkLandings(
        [todo(COMMIT)],
        new Set(),
        source({ proof: async () => Promise.reject(new TypeError('bug')) }),
      ),
    ).rejects.toThrow('bug');
  });

  it('a refusal is final unless it waits on a team; then the landing is unchecked', async () => {
    const r = await checkLandings([todo(COMMIT)], new Set(), source({ proof: async () => null }));
    expect([...r.refused.keys()]).toEqual([COMMIT]);
    expect(r.unchecked.size).toBe(0);

    const teams = policyFrom([
      { path: 'policies/people.yaml', text: TEST_PEOPLE },
      {
        path: 'policies/roles.yaml',
        text: testRoles().replace('approvers: [dba]', "approvers: ['@acme/dbas']"),
      },
    ]);
    const waiting = await checkLandings(
      [todo(COMMIT)],
      new Set(),
      source({
        facts: async () => ({
          base: BASE,
          changes: [added(PATH)],
          policy: teams,
          teams: new Map([['@acme/dbas', null]]),
        }),
      }),
    );
    expect(waiting.refused.size).toBe(0);
    expect(waiting.judged.map((v) => v.final)).toEqual([false]);
    expect(waiting.unchecked.get(COMMIT)).toMatch(/team/);
  });
});
