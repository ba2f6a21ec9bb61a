import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubE2E, grantPath, grantYaml, MERGE_OP } from '../e2e/harness.js';

/**
 * What stands between the last approval and access on GitHub: the check the base's rules
 * require, then the merge. The request card gates nothing, so it is written after the merge
 * (the client spaces writes a second apart: each write before the merge delays access).
 */
let e: GitHubE2E;
beforeEach(() => {
  e = new GitHubE2E();
});
afterEach(() => e.cleanup());

describe('grantops merge on GitHub: the order of its writes', { timeout: 60_000 }, () => {
  it('a request that may merge: the check, the merge, then the card', async () => {
    const path = grantPath('db-read', 'alice');
    const n = await e.w.openRequest('alice', 'request/db-read/alice', { [path]: grantYaml('2h') });
    await e.w.review('carol', n);
    e.w.gh.clearCalls();
    const r = await e.mergeAll();
    expect(r.code).toBe(0);
    const writes = e.w.gh.writes().map((c) => c.operation ?? '');
    const check = writes.findIndex((o) => o.includes('check-runs'));
    const merge = writes.indexOf(MERGE_OP);
    const card = writes.findIndex((o) => o.includes('/comments'));
    expect(check).toBeGreaterThanOrEqual(0);
    expect([check < merge, merge < card]).toEqual([true, true]);
  });

  it('a request that waits: the check and the card, and no merge', async () => {
    const path = grantPath('db-read', 'alice');
    await e.w.openRequest('alice', 'request/db-read/alice', { [path]: grantYaml('2h') });
    e.w.gh.clearCalls();
    const r = await e.mergeAll();
    expect(r.code).toBe(1);
    const writes = e.w.gh.writes().map((c) => c.operation ?? '');
    expect(writes.some((o) => o.includes('check-runs'))).toBe(true);
    expect(writes.some((o) => o.includes('/comments'))).toBe(true);
    expect(writes).not.toContain(MERGE_OP);
  });
});
