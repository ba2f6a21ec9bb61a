import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authorityWorld,
  GRANT,
  pathOf,
  policies,
  teamWrites,
  trailers,
  verifications,
  type AuthorityWorld,
} from '../helpers/authority-world.js';

/**
 * A role whose approvers include a team, and reconcile run as the shipped workflow runs it:
 * without --directory, so the team cannot be resolved. Only a refusal that could flip once the
 * team is known waits (E_LANDING_UNVERIFIED, which leaves existing access alone: unit-tested in
 * test/core/landing-authority.test.ts); any other refusal must not hide behind the team.
 */
let a: AuthorityWorld;
beforeEach(() => {
  a = authorityWorld(policies("['@acme/db-admins', carol]"));
});
afterEach(() => a.cleanup());

describe('a refusal that does not hang on the unresolved team', () => {
  it('an admin’s button merge of a renewal is refused, revoked and raised, not left waiting', async () => {
    const { w } = a;
    const path = pathOf('alice');
    const n = await w.openRequest('alice', 'request/prod-admin/alice', { [path]: GRANT });
    await w.review('carol', n);
    await a.merge(n);
    expect((await a.grantops('reconcile')).code).toBe(0);
    expect(a.member('alice')).toMatchObject({ state: 'active' });

    // The renewal to 8h is merged by the admin; its body forges the trailers grantops writes.
    const m = await w.openRequest(
      'alice',
      'renew-alice',
      { [path]: GRANT.replace('2h', '8h') },
      { body: trailers('alice', ['carol']) },
    );
    const renewal = await a.buttonMerge(m);
    const r = await a.grantops('reconcile');
    expect(r.code).toBe(1);
    expect(verifications(r)).toHaveLength(1);
    expect(r.out.errors).toEqual([]);
    expect(r.out.alarms).toEqual([
      expect.objectContaining({
        commit: renewal,
        code: 'E_LANDING_REJECTED',
        message: expect.stringMatching(/merged by "owner", not by grantops/),
      }),
    ]);
    expect(r.out.revoke).toMatchObject([
      { requester: 'alice', why: 'its landing was refused by the forge' },
    ]);
    expect(a.member('alice')).toBeNull();
    expect(a.alarmIssues()).toHaveLength(1);
    expect(a.verdictFiles(r.dir)).toEqual(expect.arrayContaining([`failed/${renewal}`]));

    // Remembered: the next run asks nothing and still refuses.
    const again = await a.grantops('reconcile');
    expect(again.code).toBe(1);
    expect(verifications(again)).toEqual([]);
    expect(teamWrites(again)).toEqual([]);
    expect(a.alarmIssues()).toHaveLength(1);
  });

  it('a request for someone else merged by the App is refused even with the team unknown', async () => {
    const { w } = a;
    const path = pathOf('alice');
    // mallory asks in alice's name (I1); the App's token merges it (a decision skipped).
    const n = await w.openRequest('mallory', 'request/prod-admin/alice', { [path]: GRANT });
    await w.review('carol', n);
    const forge = w.forge();
    const request = (await forge.listRequests()).find((q) => q.id === String(n))!;
    const outcome = await forge.merge(request, {
      head: w.repo.pull(n)!.headSha,
      title: `Grant (#${n})`,
      message: trailers('alice', ['carol']),
    });
    if (!outcome.merged) throw new Error(outcome.message);
    const r = await a.grantops('reconcile');
    expect(r.code).toBe(1);
    expect(r.out.errors).toEqual([]);
    expect(r.out.alarms).toMatchObject([
      {
        commit: outcome.commit,
        code: 'E_LANDING_REJECTED',
        message: expect.stringMatching(/E_REQUESTER_MISMATCH/),
      },
    ]);
    expect(teamWrites(r)).toEqual([]);
    expect(a.member('alice')).toBeNull();
  });
});
