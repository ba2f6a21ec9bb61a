import { describe, expect, it } from 'vitest';
import { checkLanding } from '../../src/core/landing.js';
import { LandingClock, LatestVersions } from '../../src/core/latest.js';
import { memoryLedger, recordsOf } from '../../src/core/ledger.js';
import { ProvisioningLedger } from '../../src/core/provisioning.js';
import { grantsAt } from '../../src/core/record.js';
import { Timeline, concerns, type AuditEvent, type LedgerCommit } from '../../src/core/timeline.js';
import { policyFrom } from '../helpers/policy.js';
import { GOOD_GRANT, TRUST_PEOPLE, trustRoles } from '../helpers/trust.js';

/**
 * The one reducer (`LatestVersions`), the landing clock, and the three readers built on them:
 * the provisioner's view, `status` (records) and `audit` (the timeline) must agree on every
 * landing, because they read one verdict.
 */
const policy = policyFrom([
  { path: 'policies/people.yaml', text: TRUST_PEOPLE },
  { path: 'policies/roles.yaml', text: trustRoles() },
]);
const H = 3600_000;
const t = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * H);
const A = 'grants/db-read/alice.yaml';
const B = 'grants/db-read/bob.yaml';

let n = 0;
/** A commit whose changes are checked as the git reader checks them, with its approvals. */
function commit(
  h: number,
  files: Record<string, string | null>,
  approvedBy: string[] = [],
): LedgerCommit {
  const message = `c${++n}\n\n${approvedBy.map((a) => `Approved-by: ${a}`).join('\n') || 'Pull-Request: #1'}`;
  return {
    oid: `c${n}`.padEnd(40, '0'),
    committedAt: t(h),
    message,
    changes: Object.entries(files).map(([path, text]) => ({
      path,
      kind: text === null ? 'deleted' : 'added',
      landing:
        text === null
          ? null
          : checkLanding(
              { path, mode: '100644', content: { text } },
              { policy, landedAt: t(h), approvedBy, teams: new Map(), directory: false },
            ),
    })),
  };
}

describe('the one reducer', () => {
  it('keeps the latest version of each file, drops deleted ones, and returns what it replaced', () => {
    const files = new LatestVersions<string>();
    const c = (oid: string, h: number) => ({ oid, committedAt: t(h), message: oid });
    expect(files.record(c('1', 1), A, 'a1')).toBeUndefined();
    files.record(c('1', 1), B, 'b1');
    expect(files.record(c('2', 2), A, 'a2')).toMatchObject({ version: 'a1', commit: '1' });
    expect(files.record(c('3', 3), B, null)).toMatchObject({ version: 'b1' });
    expect(files.values()).toEqual([
      { path: A, commit: '2', landedAt: t(2), message: '2', version: 'a2' },
    ]);
  });

  it('never lets a landing time go backwards', () => {
    const clock = new LandingClock();
    expect(clock.next(t(5))).toEqual(t(5));
    expect(clock.next(t(1))).toEqual(t(5));
    expect(clock.next(t(-1000))).toEqual(t(5));
    expect(clock.next(t(6))).toEqual(t(6));
  });
});

describe('one verdict for status, audit and the provisioner', () => {
  const history = [
    commit(0, { [A]: GOOD_GRANT }, ['carol']),
    commit(0.1, { [B]: GOOD_GRANT }, ['Bob', '@carol', 'github-actions']),
  ];

  it('an unapproved landing is an alarm, never active, and ended at the provider', () => {
    const folded = new ProvisioningLedger();
    history.forEach((c) => folded.apply(c));
    const view = folded.view(t(0.5), policy);
    expect(view.active.map((g) => g.path)).toEqual([A]);
    expect(view.alarms).toEqual([
      {
        path: B,
        commit: history[1]!.oid,
        code: 'E_UNAPPROVED_LANDING',
        message: expect.stringMatching(
          /^grants\/db-read\/bob.yaml landed in c2\S* and grants nothing\. db-read needed 1 approval/,
        ),
      },
    ]);
    expect(view.alarms[0]!.message).toMatch(/"Bob" \(names the requester/);
    expect(view.ended.get('db-read/bob')).toBe('its landing was not approved');
    expect(view.landed).toEqual(new Set(['db-read/alice', 'db-read/bob']));
    // The alarm stays while the file is on the branch, long after its window would have ended.
    expect(folded.view(t(100), policy).alarms.map((a) => a.path)).toEqual([B]);

    expect(grantsAt(recordsOf(history), t(0.5)).map((e) => [e.path, e.state])).toEqual([
      [A, 'active'],
      [B, 'unapproved'],
    ]);
    const events: AuditEvent[] = [];
    const tl = new Timeline({ emit: (e) => events.push(e) });
    history.forEach((c) => tl.push(c));
    tl.finish(t(0.5));
    expect(events.map((e) => [e.path, e.event])).toEqual([
      [A, 'granted'],
      [B, 'unapproved'],
    ]);
  });

  it('the memory ledger and the provisioner read the same latest versions', async () => {
    const more = [...history, commit(1, { [A]: null }), commit(2, { [A]: GOOD_GRANT }, ['dave'])];
    const records = await memoryLedger(more).grants();
    const folded = new ProvisioningLedger();
    more.forEach((c) => folded.apply(c));
    expect(records.map((r) => [r.landing.path, r.commit])).toEqual([
      [B, more[1]!.oid],
      [A, more[3]!.oid],
    ]);
    expect(folded.view(t(2.5), policy).active.map((g) => [g.path, g.commit])).toEqual([
      [A, more[3]!.oid],
    ]);
    expect(records.find((r) => r.landing.path === A)!.approvers).toEqual(['dave']);
  });

  it('ends an approved grant when an unapproved version replaces it', () => {
    const folded = new ProvisioningLedger();
    [history[0]!, commit(1, { [A]: GOOD_GRANT.replace('2h', '8h') }, ['alice'])].forEach((c) =>
      folded.apply(c),
    );
    const view = folded.view(t(1.5), policy);
    expect(view.active).toEqual([]);
    expect(view.ended.get('db-read/alice')).toBe('its landing was not approved');
    expect(view.alarms.map((a) => a.path)).toEqual([A]);
  });
});

describe('audit ranges', () => {
  const ev = (event: AuditEvent['event'], h: number, window: [number, number] | null): AuditEvent =>
    ({
      event,
      time: t(h),
      startsAt: window ? t(window[0]) : null,
      expiresAt: window ? t(window[1]) : null,
    }) as AuditEvent;

  it.each([
    ['an event inside the range', ev('granted', 5, [5, 6]), true],
    ['a grant before the range still in force in it', ev('granted', 1, [1, 5]), true],
    ['a grant scheduled into the range', ev('granted', 1, [9, 12]), true],
    ['a grant that ended when the range began', ev('granted', 1, [1, 4]), false],
    ['a grant that starts after the range', ev('granted', 1, [11, 12]), false],
    ['its expiry after the range', ev('expired', 12, [1, 12]), true],
    ['an unapproved landing before the range', ev('unapproved', 1, null), false],
    ['an invalid landing inside it', ev('invalid', 6, null), true],
  ])('%s: %s', (_, e, expected) => {
    expect(concerns(e, t(4), t(10))).toBe(expected);
  });
});
