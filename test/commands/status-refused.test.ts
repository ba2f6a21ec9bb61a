import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  authorityWorld,
  GRANT,
  pathOf,
  trailers,
  type AuthorityWorld,
} from '../helpers/authority-world.js';

/**
 * status names the real reason a landing grants nothing: one the forge refused
 * (E_LANDING_REJECTED, a remembered verdict) apart from one whose trailers name no eligible
 * approver (E_UNAPPROVED_LANDING), in the table and in the warning alike.
 */
let a: AuthorityWorld;
beforeEach(() => {
  a = authorityWorld();
});
afterEach(() => a.cleanup());

it('labels a landing the forge refused E_LANDING_REJECTED, and only the others E_UNAPPROVED_LANDING', async () => {
  // alice's file is pushed with forged trailers (they pass; GitHub's record does not); bob's has none.
  const forged = a.w.land(
    { [pathOf('alice')]: GRANT },
    `Grant prod-admin to alice\n\n${trailers('alice', ['carol'])}`,
  );
  const bare = a.w.land({ [pathOf('bob')]: GRANT }, 'Grant prod-admin to bob');
  expect((await a.grantops('reconcile')).code).toBe(1);

  const s = await a.grantops('status', [], { format: 'text' });
  expect(s.code).toBe(0);
  const [refused, unapproved] = s.stdout.split(/\n(?=Unapproved landings)/);
  expect(refused).toMatch(
    new RegExp(
      `Landings the forge refused \\(they grant nothing and raise E_LANDING_REJECTED[^\\n]*\\n {2}grants/prod-admin/alice.yaml {2}E_LANDING_REJECTED {2}\\(landed [^)]* in ${forged.slice(0, 10)}\\)`,
    ),
  );
  expect(refused).not.toMatch(/E_UNAPPROVED_LANDING|bob/);
  expect(unapproved).toMatch(
    new RegExp(
      `^Unapproved landings \\(they grant nothing and raise E_UNAPPROVED_LANDING[^\\n]*\\n {2}grants/prod-admin/bob.yaml {2}E_UNAPPROVED_LANDING {2}\\(landed [^)]* in ${bare.slice(0, 10)}`,
    ),
  );
  expect(unapproved).not.toMatch(/alice/);
  expect(s.stderr).toMatch(
    /1 grant file\(s\) on origin\/HEAD landed in a way the forge's record refuses \(E_LANDING_REJECTED\)[^\n]*: grants\/prod-admin\/alice.yaml\n/,
  );
  expect(s.stderr).toMatch(
    /1 grant file\(s\) on origin\/HEAD landed without eligible approvals[^\n]*\(E_UNAPPROVED_LANDING\)[^\n]*: grants\/prod-admin\/bob.yaml\n/,
  );
  expect(a.w.gh.writes().filter((c) => c.path.includes('/teams/'))).toEqual([]);
});
