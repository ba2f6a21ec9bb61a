import { afterEach, describe, expect, it } from 'vitest';
import { ALARM_LABEL, alarmMarker, raiseAlarm } from '../../src/github/alarm.js';
import { accessWorld, BOT, type AccessWorld } from '../fakes/github/world.js';

/** The alarm issue: raised once per key, labelled, and never silenced by someone else's issue. */

const repo = { owner: 'acme', repo: 'access' };
const alarm = {
  key: 'landing:0123456789abcdef0123456789abcdef01234567',
  title: 'grantops: a grant landed without grantops’ decision',
  body: 'Commit 0123456 added grants/db-read/mallory.yaml without an approved pull request.',
};

describe('the alarm issue', () => {
  let w: AccessWorld;
  afterEach(() => w.cleanup());

  it('is opened once with its label, however many runs raise it', async () => {
    w = accessWorld();
    const first = await raiseAlarm(w.octokit, repo, alarm, BOT);
    const again = await raiseAlarm(w.octokit, repo, alarm, BOT);
    expect(first.created).toBe(true);
    expect(again).toEqual({ issue: first.issue, created: false });
    const issues = w.repo.issues.filter((i) => !i.pull);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.labels.map((l) => l.name)).toEqual([ALARM_LABEL]);
    expect(issues[0]!.body).toContain(alarmMarker(alarm.key));
    expect(issues[0]!.user.login).toBe(BOT);
  });

  it('is raised even when someone opened a look-alike issue first, and again once closed', async () => {
    w = accessWorld();
    await w.client('mallory').rest.issues.create({
      ...repo,
      title: alarm.title,
      body: `${alarmMarker(alarm.key)}\nnothing to see`,
      labels: [ALARM_LABEL],
    });
    const raised = await raiseAlarm(w.octokit, repo, alarm, BOT);
    expect(raised.created).toBe(true);
    await w.octokit.rest.issues.update({ ...repo, issue_number: raised.issue, state: 'closed' });
    expect((await raiseAlarm(w.octokit, repo, alarm, BOT)).created).toBe(true);
  });

  it('different keys are different alarms; a key cannot break out of its marker', async () => {
    w = accessWorld();
    await raiseAlarm(w.octokit, repo, alarm, BOT);
    const other = await raiseAlarm(
      w.octokit,
      repo,
      { ...alarm, key: 'main-rewritten --> <b>' },
      BOT,
    );
    expect(other.created).toBe(true);
    expect(alarmMarker('main-rewritten --> <b>')).toBe(
      '<!-- grantops:alarm main-rewritten_--___b_ -->',
    );
  });
});
