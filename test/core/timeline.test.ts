import { describe, expect, it } from 'vitest';
import type { Code } from '../../src/core/codes.js';
import type { Landing } from '../../src/core/landing.js';
import { grantsAt } from '../../src/core/record.js';
import { Timeline, type AuditEvent, type LedgerCommit } from '../../src/core/timeline.js';
import { grantWindow } from '../../src/core/window.js';

const H = 3600;
const t = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * H * 1000);

type State = Landing['state'];

/** A checked landing as the ledger makes it: valid ones were approved by carol at landing. */
function landing(path: string, landedH: number, hours: number, state: State = 'valid'): Landing {
  const [, role, file] = path.split('/');
  const problem = (code: Code, message: string) => ({ path, line: null, code, message });
  return {
    path,
    role: role!,
    requester: file!.replace('.yaml', ''),
    state,
    grant: { duration: `${hours}h`, reason: `INC-1 ${path}` },
    window:
      state === 'valid'
        ? grantWindow({
            landedAt: t(landedH),
            start: null,
            durationSeconds: hours * H,
            maxSeconds: 8 * H,
          })
        : null,
    approval: {
      required: 1,
      counted: state === 'unapproved' ? [] : ['carol'],
      notCounted:
        state === 'unapproved' ? [{ value: '@carol', why: 'not a bare GitHub login' }] : [],
      requester: [],
      approved: state !== 'unapproved',
    },
    problems:
      state === 'invalid'
        ? [problem('E_DURATION_FORMAT', 'bad')]
        : state === 'unapproved'
          ? [problem('E_UNAPPROVED_LANDING', 'Not counted: "@carol" (not a bare GitHub login).')]
          : [],
  };
}

let n = 0;
function commit(h: number, changes: LedgerCommit['changes'], message = 'c'): LedgerCommit {
  return { oid: `c${++n}`.padEnd(40, '0'), committedAt: t(h), message, changes };
}
const add = (path: string, h: number, hours: number, state: State = 'valid') => ({
  path,
  kind: 'added' as const,
  landing: landing(path, h, hours, state),
});
const change = (path: string, h: number, hours: number, state: State = 'valid') => ({
  path,
  kind: 'changed' as const,
  landing: landing(path, h, hours, state),
});
const del = (path: string) => ({ path, kind: 'deleted' as const, landing: null });

function run(commits: LedgerCommit[], nowH: number, horizon?: number): AuditEvent[] {
  const out: AuditEvent[] = [];
  const tl = new Timeline({ emit: (e) => out.push(e), recordHorizonSeconds: horizon });
  for (const c of commits) tl.push(c);
  tl.finish(t(nowH));
  return out;
}
const brief = (es: AuditEvent[]) =>
  es.map((e) => [e.event, e.requester, (e.time.getTime() - t(0).getTime()) / 1000 / H]);

describe('audit timeline', () => {
  const A = 'grants/db-read/alice.yaml';
  const B = 'grants/db-read/bob.yaml';

  it('grants, expires at the window end, and records the expiry at the later deletion', () => {
    const c1 = commit(
      1,
      [add(A, 1, 2)],
      'Grant\n\nGrant-Action: granted\nGrant-Path: grants/db-read/alice.yaml\nApproved-by: carol\nPull-Request: #5\n',
    );
    const c2 = commit(
      5,
      [del(A)],
      'Expire\n\nGrant-Action: expired\nGrant-Path: grants/db-read/alice.yaml\nPull-Request: #6\n',
    );
    const es = run([c1, c2], 10);
    expect(brief(es)).toEqual([
      ['granted', 'alice', 1],
      ['expired', 'alice', 3],
    ]);
    expect(es[0]).toMatchObject({
      approvers: ['carol'],
      pr: '#5',
      source: 'trailers',
      commit: c1.oid,
    });
    expect(es[1]).toMatchObject({
      commit: c2.oid,
      grantCommit: c1.oid,
      recordedAt: t(5),
      pr: '#6',
      approvers: ['carol'],
    });
  });

  it('revokes when the file is deleted before the end, and renews by restarting the window', () => {
    const es = run(
      [
        commit(1, [add(A, 1, 4), add(B, 1, 4)]),
        commit(
          2,
          [del(A)],
          'Revoke\n\nGrant-Action: revoked\nGrant-Path: grants/db-read/alice.yaml\nReason: done\n',
        ),
        commit(3, [change(B, 3, 4)]),
      ],
      20,
    );
    expect(brief(es)).toEqual([
      ['granted', 'alice', 1],
      ['granted', 'bob', 1],
      ['revoked', 'alice', 2],
      ['renewed', 'bob', 3],
      ['expired', 'bob', 7],
    ]);
    expect(es[2]!.note).toBe('done');
  });

  it('an invalid landing grants nothing and ends the valid grant it replaces', () => {
    const es = run(
      [
        commit(1, [add(A, 1, 4)]),
        commit(2, [change(A, 2, 4, 'invalid')]),
        commit(3, [change(A, 3, 1)]),
      ],
      20,
    );
    expect(brief(es)).toEqual([
      ['granted', 'alice', 1],
      ['revoked', 'alice', 2],
      ['invalid', 'alice', 2],
      ['granted', 'alice', 3],
      ['expired', 'alice', 4],
    ]);
    expect(es[1]!.note).toMatch(/invalid/);
    expect(es[2]!.problems).toEqual(['E_DURATION_FORMAT']);
  });

  it('an unapproved landing is an alarm event, never a grant, and ends the grant it replaces', () => {
    const es = run(
      [
        commit(1, [add(A, 1, 4), add(B, 1, 4, 'unapproved')]),
        commit(2, [change(A, 2, 4, 'unapproved')]),
      ],
      20,
    );
    expect(brief(es)).toEqual([
      ['granted', 'alice', 1],
      ['unapproved', 'bob', 1],
      ['revoked', 'alice', 2],
      ['unapproved', 'alice', 2],
    ]);
    expect(es[1]).toMatchObject({
      approvers: [],
      startsAt: null,
      expiresAt: null,
      problems: ['E_UNAPPROVED_LANDING'],
      note: expect.stringContaining('"@carol" (not a bare GitHub login)'),
    });
    expect(es[2]!.note).toBe('replaced by a landing that was not approved');
    // Never active, whatever the time: status shows it as unapproved.
    const tl = new Timeline({ emit: () => undefined });
    tl.push(commit(1, [add(B, 1, 4, 'unapproved')]));
    expect(grantsAt(tl.records(), t(2)).map((e) => [e.requester, e.state])).toEqual([
      ['bob', 'unapproved'],
    ]);
  });

  it('emits in time order and leaves an expiry unrecorded past the horizon', () => {
    const es = run([commit(1, [add(A, 1, 1)]), commit(100, [del(A)])], 200, 10 * H);
    expect(es[1]).toMatchObject({ event: 'expired', recordedAt: null });
    const times = es.map((e) => e.time.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('leaves open windows open at finish, and reports current records for status', () => {
    const out: AuditEvent[] = [];
    const tl = new Timeline({ emit: (e) => out.push(e) });
    tl.push(commit(1, [add(A, 1, 8), add(B, 1, 1)]));
    tl.finish(t(3));
    expect(brief(out)).toEqual([
      ['granted', 'alice', 1],
      ['granted', 'bob', 1],
      ['expired', 'bob', 2],
    ]);
    expect(grantsAt(tl.records(), t(3)).map((e) => [e.requester, e.state, e.secondsLeft])).toEqual([
      ['alice', 'active', 6 * H],
    ]);
  });
});
