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

  it('an approver known only through @acme/db-admins counts with --directory github; without, it waits', async () => {
    const n = await e.w.openRequest('alice', 'request/db-read/alice', { [ALICE]: grantYaml('1h') });
    // dave approves only as a member of the team the policies name.
    await e.w.review('dave', n);
    const waiting = await e.refused();
    expect(waiting.get(n)!.problems.map((p) => p.code)).toEqual(['E_APPROVALS_MISSING']);
    expect(waiting.get(n)!.problems[0]!.message).toMatch(/@acme\/db-admins could not be resolved/);
    // Waiting for approvals: the check stays in progress (pending), never a pass.
    expect(e.checkOf(n)).toMatchObject({ status: 'in_progress', conclusion: null });

    const merged = await e.mergeAll(TEAMS);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.out.merged).toEqual([
      expect.objectContaining({ request: String(n), approved_by: ['dave'] }),
    ]);
    expect(e.w.repo.git.commit(e.w.main()).message).toContain('\nApproved-by: dave\n');
    // The team was read with the App's token, through the same fake GitHub.
    const members = () => e.gh.calls.filter((c) => c.path === '/orgs/acme/teams/db-admins/members');
    expect(members().map((c) => c.status)).toEqual([200]);

    // expire judges the landed grant with the same directory, and records its end.
    e.gh.clearCalls();
    e.gh.store.setTime(hoursAfterT0(2));
    const expired = await e.run('expire', hoursAfterT0(2), TEAMS);
    expect(expired.stderr).toBe('');
    expect(expired.code).toBe(0);
    expect(expired.out.expired).toEqual([expect.objectContaining({ path: ALICE })]);
    expect(members().map((c) => c.status)).toEqual([200]);
    expect(e.w.repo.git.readFile('refs/heads/main', ALICE)).toBeNull();
  });

  it('the App’s id and private key mint the installation token, and merge works with it', async () => {
    const n = await e.w.openRequest('bob', 'request/db-read/bob', {
      [grantPath('db-read', 'bob')]: grantYaml('30m'),
    });
    await e.w.review('carol', n);
    const r = await e.mergeAll([], {
      GITHUB_REPOSITORY: 'acme/access',
      GRANTOPS_APP_ID: String(e.w.app.id),
      GRANTOPS_APP_PRIVATE_KEY: e.w.privateKey,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(e.w.repo.git.commit(e.w.main()).message.split('\n')[0]).toBe(
      `Grant db-read to bob for 30m (#${n})`,
    );
    const minted = e.gh.calls.filter((c) => c.operation?.endsWith('/access_tokens'));
    expect(minted.map((c) => c.status)).toEqual([201]);
    expect(e.w.repo.pull(n)!.mergedBy!.login).toBe('grantops-acme[bot]');
  });

  it('merge --all merges what passes and leaves the rest waiting, each with its reason', async () => {
    const bob = await e.w.openRequest('bob', 'request/db-read/bob', {
      [grantPath('db-read', 'bob')]: grantYaml('4h'),
    });
    // db-write wants two approvers: carol, and dave through the team.
    const write = await e.w.openRequest('alice', 'request/db-write/alice', {
      [grantPath('db-write', 'alice')]: grantYaml('1h'),
    });
    const unapproved = await e.w.openRequest('mallory', 'request/db-read/mallory', {
      [grantPath('db-read', 'mallory')]: grantYaml('1h'),
    });
    await e.w.review('carol', bob);
    await e.w.review('carol', write);
    await e.w.review('dave', write);
    const r = await e.mergeAll(TEAMS);
    expect(r.code).toBe(1);
    expect(r.out.merged.map((m: { request: string }) => m.request)).toEqual([
      String(bob),
      String(write),
    ]);
    expect(r.out.merged[1].approved_by.sort()).toEqual(['carol', 'dave']);
    expect(r.out.waiting).toEqual([
      expect.objectContaining({ request: String(unapproved), author: 'mallory' }),
    ]);
    expect(r.out.waiting[0].problems.map((p: { code: string }) => p.code)).toEqual([
      'E_APPROVALS_MISSING',
    ]);
    expect(e.merges().map((c) => c.path)).toEqual([
      `/repos/acme/access/pulls/${bob}/merge`,
      `/repos/acme/access/pulls/${write}/merge`,
    ]);
    // The second merge was judged against main after the first: both grants are on main.
    expect(e.log().map((c) => c.subject)).toEqual([
      `Grant db-write to alice for 1h (#${write})`,
      `Grant db-read to bob for 4h (#${bob})`,
      'Access repository',
    ]);
    expect(e.checkOf(unapproved)).toMatchObject({ status: 'in_progress', conclusion: null });
    expect(e.w.repo.pull(unapproved)!.issue.state).toBe('open');
  });
});
