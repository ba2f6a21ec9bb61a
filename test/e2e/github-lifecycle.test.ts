import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiryBranch } from '../../src/core/forge.js';
import { EXPIRY_LABEL } from '../../src/github/expiry.js';
import { CHECK } from '../fakes/github/compliant.js';
import {
  GitHubE2E,
  grantPath,
  grantYaml,
  hoursAfterT0,
  MERGE_OP,
  REASON,
  TEAMS,
} from './harness.js';

/**
 * The whole lifecycle through the CLI with `--forge github`: a person's pull request adding a
 * grant file, an approval, `merge --all` squash-merging it with the audit trailers, and after the
 * window `expire` recording the end as a labelled revert pull request it merges itself.
 */

let e: GitHubE2E;
beforeEach(() => {
  e = new GitHubE2E();
});
afterEach(() => e.cleanup());

const ALICE = grantPath('db-read', 'alice');

describe('the lifecycle on GitHub, through the CLI', { timeout: 60_000 }, () => {
  it('request, approval, merge with the trailers, expiry revert merged; git log tells it', async () => {
    const n = await e.w.openRequest('alice', 'request/db-read/alice', { [ALICE]: grantYaml('2h') });
    await e.w.review('carol', n);
    const head = e.w.repo.pull(n)!.headSha;
    const before = e.w.main();

    const merged = await e.mergeAll();
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.out.waiting).toEqual([]);
    expect(merged.out.merged).toHaveLength(1);
    const landing = e.w.main();
    expect(merged.out.merged[0]).toMatchObject({
      request: String(n),
      commit: landing,
      title: `Grant db-read to alice for 2h (#${n})`,
      approved_by: ['carol'],
    });

    // One squash commit on main, pinned to the judged head, whose message is exactly
    // grantops' title and trailers (docs/audit-trailers.md).
    const commit = e.w.repo.git.commit(landing);
    expect(commit.parents).toEqual([before]);
    // The trailers are written before GitHub makes the commit: they start the window at the
    // decision's clock; the ledger starts it at the commit's own time, a moment later.
    const starts = merged.now;
    const landedAt = Date.parse(commit.committer.date);
    expect(landedAt - Date.parse(starts)).toBeGreaterThanOrEqual(0);
    expect(landedAt - Date.parse(starts)).toBeLessThan(60_000);
    const plus2h = (t: number) => new Date(t + 2 * 3600_000).toISOString().replace('.000Z', 'Z');
    const expires = plus2h(Date.parse(starts));
    expect(commit.message.trimEnd()).toBe(
      [
        `Grant db-read to alice for 2h (#${n})`,
        '',
        'Grant-Action: granted',
        `Grant-Path: ${ALICE}`,
        'Grant-Role: db-read',
        'Grant-Requester: alice',
        `Grant-Starts: ${starts}`,
        `Grant-Expires: ${expires}`,
        'Grant-Duration: 2h',
        `Reason: ${REASON}`,
        'Approved-by: carol',
        `Pull-Request: #${n}`,
      ].join('\n'),
    );
    const merge = e.merges();
    expect(merge).toHaveLength(1);
    expect(merge[0]!.requestBody).toMatchObject({ merge_method: 'squash', sha: head });
    expect(e.w.repo.pull(n)).toMatchObject({
      merged: true,
      mergedBy: { login: 'grantops-acme[bot]' },
    });
    // The check grantops posted on the head it judged passed, and the card says who approved.
    expect(e.checkOf(n)).toMatchObject({ name: CHECK, conclusion: 'success' });
    expect(e.cardOf(n)).toContain('carol');

    // Within the window: nothing to record.
    e.gh.clearCalls();
    const early = await e.run('expire', hoursAfterT0(1));
    expect(early.code).toBe(0);
    expect(early.out).toMatchObject({ expired: [], waiting: [], closed: [] });
    expect(e.gh.writes()).toEqual([]);

    // After the window: one revert pull request on the expiry branch, labelled, merged.
    e.gh.store.setTime(hoursAfterT0(3));
    const expired = await e.run('expire', hoursAfterT0(3));
    expect(expired.stderr).toBe('');
    expect(expired.code).toBe(0);
    const branch = expiryBranch('db-read', 'alice', landing);
    expect(branch).toMatch(/^grantops\/expire\/db-read\/alice\/[0-9a-f]{12}$/);
    const revert = e.w.repo.pulls.find((p) => p.head.ref === branch)!;
    expect(revert).toBeDefined();
    const r = revert.issue.number;
    expect(expired.out.expired).toEqual([
      {
        path: ALICE,
        role: 'db-read',
        requester: 'alice',
        // The ledger's window: from the commit's own time.
        expired_at: plus2h(landedAt),
        request: `#${r}`,
        commit: e.w.main(),
      },
    ]);
    expect(revert.issue.labels.map((l) => l.name)).toEqual([EXPIRY_LABEL]);
    expect(revert.issue.user.login).toBe('grantops-acme[bot]');
    expect(revert).toMatchObject({ merged: true, mergedBy: { login: 'grantops-acme[bot]' } });
    expect(e.w.repo.git.readFile('refs/heads/main', ALICE)).toBeNull();
    expect(e.w.repo.git.commit(e.w.main()).message.trimEnd()).toBe(
      [
        'Expire db-read for alice',
        '',
        'Grant-Action: expired',
        `Grant-Path: ${ALICE}`,
        'Grant-Role: db-read',
        'Grant-Requester: alice',
        `Grant-Starts: ${plus2h(landedAt - 2 * 3600_000)}`,
        `Grant-Expires: ${plus2h(landedAt)}`,
        `Pull-Request: #${r}`,
      ].join('\n'),
    );
    // The expiry run's writes (the early run wrote nothing): one of each step, one merge.
    expect(e.writeKeys()).toEqual([
      `POST /repos/acme/access/git/refs`,
      `DELETE /repos/acme/access/contents/${ALICE}`,
      `POST /repos/acme/access/pulls`,
      `POST /repos/acme/access/issues/${r}/labels`,
      `PUT /repos/acme/access/pulls/${r}/merge`,
    ]);

    // git log of main alone: the grant, then its expiry.
    expect(e.log().map((c) => c.subject)).toEqual([
      'Expire db-read for alice',
      `Grant db-read to alice for 2h (#${n})`,
      'Access repository',
    ]);

    // Done is done: a later run records nothing and writes nothing but the branch cleanup.
    e.gh.clearCalls();
    const again = await e.run('expire', hoursAfterT0(4));
    expect(again.out).toMatchObject({ expired: [], waiting: [], closed: [] });
    expect(e.gh.writes().filter((c) => c.operation === MERGE_OP)).toEqual([]);
  });
});

void TEAMS;
