import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRANT, LocalHarness, at } from './harness.js';

/**
 * The local forge's record of a decision (what a check shows on GitHub) says who may approve:
 * dba's carol and dave, less anyone who pushed to the request.
 */
let h: LocalHarness;
beforeEach(() => {
  h = new LocalHarness();
});
afterEach(() => h.cleanup());

const BRANCH = 'request/db-read/alice';
const report = () =>
  JSON.parse(h.git('cat-file', 'blob', `refs/grantops/reports/${BRANCH}`)) as {
    approvals: { eligible: unknown[] };
  };

describe('the local report record', { timeout: 120_000 }, () => {
  it('lists who may approve, and not a pusher', async () => {
    await h.open(BRANCH, 'alice', { 'grants/db-read/alice.yaml': GRANT });
    expect((await h.json(at('10:05'), 'merge', BRANCH)).code).toBe(1);
    expect(report().approvals.eligible).toEqual([
      { role: 'db-read', required: 1, may_approve: ['carol', 'dave'], excluded: [] },
    ]);

    await h.push(BRANCH, 'carol', { 'grants/db-read/alice.yaml': `${GRANT}ticket: INC-1\n` });
    const r = await h.run(at('10:10'), 'merge', BRANCH, '--format', 'text');
    expect(r.code).toBe(1);
    expect(report().approvals.eligible).toEqual([
      {
        role: 'db-read',
        required: 1,
        may_approve: ['dave'],
        excluded: [{ login: 'carol', why: 'pushed to this request' }],
      },
    ]);
    expect(h.target.calls).toEqual([]);
  });
});
