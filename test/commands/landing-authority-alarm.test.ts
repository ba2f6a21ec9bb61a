import { afterEach, beforeEach, expect, it } from 'vitest';
import { ALARM_LABEL, alarmMarker } from '../../src/github/alarm.js';
import { BOT } from '../fakes/github/world.js';
import {
  authorityWorld,
  GRANT,
  pathOf,
  trailers,
  type AuthorityWorld,
} from '../helpers/authority-world.js';

/**
 * The alarm issue of a refused landing cannot be silenced by look-alikes: the landing commit
 * (so its key) is known to whoever pushed it, and anyone who can open issues can copy the
 * hidden marker and the label. Only issues grantops' App opened count.
 */
let a: AuthorityWorld;
beforeEach(() => {
  a = authorityWorld();
});
afterEach(() => a.cleanup());

it('a look-alike alarm issue (marker, label, even the title) does not stand in for the real one', async () => {
  const { w } = a;
  const landing = w.land(
    { [pathOf('mallory')]: GRANT },
    `Grant prod-admin to mallory\n\n${trailers('mallory', ['carol'])}`,
  );
  // mallory opens the "alarm" first, with everything grantops looks for but its account.
  for (const login of ['mallory', 'owner']) {
    await w.client(login).rest.issues.create({
      owner: 'acme',
      repo: 'access',
      title: `grantops: ${pathOf('mallory')} landed without grantops' decision (${landing.slice(0, 10)})`,
      body: `${alarmMarker(`landing:${landing}`)}\nAll good, nothing to see.`,
      labels: [ALARM_LABEL],
    });
  }
  const first = await a.grantops('reconcile');
  expect(first.code).toBe(1);
  const ours = () => a.alarmIssues().filter((i) => i.user.login === BOT);
  expect(ours()).toHaveLength(1);
  expect(ours()[0]!.body).toContain(landing);
  // Raised once: the next run finds its own issue and opens none.
  expect((await a.grantops('reconcile')).code).toBe(1);
  expect(ours()).toHaveLength(1);
  // Closed while the file is still on main: the next run opens it again.
  ours()[0]!.state = 'closed';
  expect((await a.grantops('reconcile')).code).toBe(1);
  expect(ours()).toHaveLength(1);
  expect(a.member('mallory')).toBeNull();
});
