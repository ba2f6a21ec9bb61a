import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiryBranch } from '../../src/core/forge.js';
import { Gate } from './gate.js';
import {
  codes,
  GitHubE2E,
  grantPath,
  grantYaml,
  hoursAfterT0,
  MERGE_OP,
  messages,
} from './harness.js';

/**
 * What happens between grantops' calls, through the CLI with `--forge github`: a head that moves
 * between the decision and the merge, and runs at the same time. Whatever happens, nothing merges
 * that was not judged, and no revert is merged twice. GitHub failing: github-faults.test.ts.
 */

let e: GitHubE2E;
beforeEach(() => {
  e = new GitHubE2E();
});
afterEach(() => e.cleanup());

const mergePath = (n: number) => `/repos/acme/access/pulls/${n}/merge`;

describe('the head moves between the decision and the merge', { timeout: 60_000 }, () => {
  it('a push by the requester, an empty commit, a push by the approver: 409, nothing merges', async () => {
    const pushes: [string, string, Record<string, string>][] = [
      ['alice', 'alice', { [grantPath('db-read', 'alice')]: grantYaml('8h') }],
      ['bob', 'bob', {}],
      ['mallory', 'carol', { [grantPath('db-read', 'mallory')]: grantYaml('4h') }],
    ];
    const judged = new Map<number, string>();
    for (const [requester, pusher, files] of pushes) {
      const path = grantPath('db-read', requester);
      const n = await e.w.openRequest(requester, `request/db-read/${requester}`, {
        [path]: grantYaml(),
      });
      await e.w.review('carol', n);
      judged.set(n, e.w.repo.pull(n)!.headSha);
      // Just before grantops' merge call for n reaches GitHub, the head moves.
      e.before(new RegExp(`^PUT ${mergePath(n)}$`), () => {
        const pull = e.w.repo.pull(n)!;
        e.w.push(pusher, pull.head.ref, e.w.commit(pusher, pull.headSha, files));
      });
    }
    const main = e.w.main();
    const r = await e.mergeAll();
    expect(r.code).toBe(1);
    expect(r.out.merged).toEqual([]);
    expect(e.w.main()).toBe(main);
    // Each merge was pinned to the head judged, and GitHub refused it: the head had moved.
    expect(
      e.merges().map((c) => [c.path, (c.requestBody as { sha: string }).sha, c.status]),
    ).toEqual([...judged].map(([n, sha]) => [mergePath(n), sha, 409]));
    for (const n of judged.keys()) {
      expect(
        codes(r.out.waiting.find((w: { request: string }) => w.request === String(n))),
      ).toEqual(['E_HEAD_MOVED']);
      expect(e.w.repo.pull(n)!.issue.state).toBe('open');
    }

    // The next run decides the new heads: none of carol's approvals counts any more.
    e.fetch = e.gh.fetch;
    const [alice, bob, mallory] = [...judged.keys()];
    // carol approves the head she pushed herself: that never counts either.
    await e.w.review('carol', mallory!);
    const waiting = await e.refused();
    expect(messages(waiting.get(alice!))).toMatch(/"carol" their latest review was dismissed/);
    expect(codes(waiting.get(bob!))).toEqual(['E_APPROVALS_MISSING', 'E_APPROVAL_NOT_ON_HEAD']);
    expect(messages(waiting.get(mallory!))).toMatch(/"carol" \(pushed commits/);
  });

  it('three merge --all at once merge each request once', async () => {
    for (const login of ['alice', 'bob']) {
      const n = await e.w.openRequest(login, `request/db-read/${login}`, {
        [grantPath('db-read', login)]: grantYaml(),
      });
      await e.w.review('carol', n);
    }
    const before = e.w.main();
    const runs = await Promise.all([1, 2, 3].map(() => e.mergeAll()));
    for (const r of runs) expect([0, 1]).toContain(r.code);
    // A run that finds the request merged from the head it judged reports it merged: the same
    // commit, never a second one.
    const merged = runs.flatMap((r) =>
      r.out.merged.map((m: { request: string; commit: string }) => [m.request, m.commit]),
    );
    expect(new Set(merged.map(([n]: string[]) => n))).toEqual(new Set(['1', '2']));
    for (const [n, commit] of merged) expect(commit).toBe(e.w.repo.pull(Number(n))!.mergeCommitSha);
    const landed = e.log().filter((c) => c.subject.startsWith('Grant '));
    expect(landed.map((c) => c.subject).sort()).toEqual([
      'Grant db-read to alice for 2h (#1)',
      'Grant db-read to bob for 2h (#2)',
    ]);
    expect(e.w.repo.git.commit(e.w.main()).parents[0]).not.toBe(before);
    expect(e.merges().filter((c) => c.status === 200)).toHaveLength(2);
    expect(e.w.repo.activity.filter((a) => a.type === 'pr_merge')).toHaveLength(2);
  });
});

describe('expire, several runs at once', { timeout: 90_000 }, () => {
  it('opens and merges exactly one revert pull request per grant', async () => {
    const grants = await e.landGrants(['1h', '2h', '30m']);
    e.gh.clearCalls();
    e.gh.store.setTime(hoursAfterT0(3));
    // Ten runs, each in its own checkout, as on ten runners.
    const runs = await Promise.all(
      Array.from({ length: 10 }, () => e.run('expire', hoursAfterT0(3), [], { fresh: true })),
    );
    for (const r of runs) expect(r.stderr, r.stdout).toBe('');
    for (const g of grants) {
      const branch = expiryBranch('db-read', g.login, g.landing);
      const reverts = e.w.repo.pulls.filter((p) => p.head.ref === branch);
      expect(reverts, g.login).toHaveLength(1);
      expect(reverts[0]!.merged).toBe(true);
      expect(reverts[0]!.issue.labels.map((l) => l.name)).toEqual(['grantops:expiry']);
      expect(e.w.repo.git.readFile('refs/heads/main', g.path)).toBeNull();
    }
    // Every revert was opened, and merged, once; main records each end once.
    const ok = e.gh.writes().filter((c) => c.status < 300);
    expect(ok.filter((c) => c.operation === 'POST /repos/{owner}/{repo}/pulls')).toHaveLength(3);
    expect(ok.filter((c) => c.operation === MERGE_OP)).toHaveLength(3);
    expect(ok.filter((c) => c.operation === 'POST /repos/{owner}/{repo}/git/refs')).toHaveLength(3);
    const expiries = e.log().filter((c) => c.subject.startsWith('Expire '));
    expect(expiries.map((c) => c.subject).sort()).toEqual([
      'Expire db-read for alice',
      'Expire db-read for bob',
      'Expire db-read for mallory',
    ]);
    // Every run reports each grant expired (a revert merged by another run is read back), and
    // always as the one commit that recorded it.
    const recorded = new Map(
      expiries.map((c) => [c.subject.replace('Expire db-read for ', ''), c.sha]),
    );
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.out.waiting).toEqual([]);
      for (const x of r.out.expired) expect(x.commit).toBe(recorded.get(x.requester));
    }
    const reported = new Set(
      runs.flatMap((r) => r.out.expired.map((x: { path: string }) => x.path)),
    );
    expect([...reported].sort()).toEqual(grants.map((g) => g.path).sort());

    e.gh.clearCalls();
    const after = await e.run('expire', hoursAfterT0(4));
    expect(after.out).toMatchObject({ expired: [], waiting: [], closed: [] });
    expect(e.gh.writes().filter((c) => c.method !== 'DELETE')).toEqual([]);
  });

  it('a run whose pull request another run opened and merged meanwhile reads it back', async () => {
    const [alice] = await e.landGrants(['1h']);
    e.gh.store.setTime(hoursAfterT0(2));
    const pulls = /^POST \/repos\/acme\/access\/pulls$/;
    const lookup = /^GET \/repos\/acme\/access\/pulls\?.*head=/;
    const aOpens = new Gate(pulls);
    const aMerges = new Gate(/^PUT .*\/merge$/);
    const bOpens = new Gate(pulls);
    // b's third look for the branch's pull request: after GitHub said one exists (422).
    const bLooks = new Gate(lookup, 3);
    // a makes the branch and its commit; b finds the branch without a pull request.
    const a = e.run('expire', hoursAfterT0(2), [], { gates: [aOpens, aMerges] });
    await aOpens.reached;
    const b = e.run('expire', hoursAfterT0(2), [], { gates: [bOpens, bLooks] });
    await bOpens.reached;
    // a opens the pull request; b is told one exists; a merges it before b looks it up.
    aOpens.release();
    await aMerges.reached;
    bOpens.release();
    await bLooks.reached;
    aMerges.release();
    const first = await a;
    bLooks.release();
    const second = await b;
    for (const r of [first, second]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.out.expired).toEqual([
        expect.objectContaining({ path: alice!.path, commit: e.w.main() }),
      ]);
    }
    const branch = expiryBranch('db-read', 'alice', alice!.landing);
    const reverts = e.w.repo.pulls.filter((p) => p.head.ref === branch);
    expect(reverts).toHaveLength(1);
    const revertMerges = e.merges().filter((c) => c.path === mergePath(reverts[0]!.issue.number));
    expect(revertMerges.map((c) => c.status)).toEqual([200]);
  });

  it('a run that opens its pull request just after another merged the revert closes its own', async () => {
    const [alice] = await e.landGrants(['1h']);
    e.gh.store.setTime(hoursAfterT0(2));
    const pulls = /^POST \/repos\/acme\/access\/pulls$/;
    const aOpens = new Gate(pulls);
    const bOpens = new Gate(pulls);
    const a = e.run('expire', hoursAfterT0(2), [], { gates: [aOpens] });
    await aOpens.reached;
    const b = e.run('expire', hoursAfterT0(2), [], { gates: [bOpens] });
    await bOpens.reached;
    // a opens, labels and merges the revert while b is about to open its pull request.
    aOpens.release();
    const first = await a;
    bOpens.release();
    const second = await b;
    // Both report the one recorded end; b's pull request, opened too late, is closed at once.
    for (const r of [first, second]) {
      expect(r.code).toBe(0);
      expect(r.out.waiting).toEqual([]);
      expect(r.out.expired).toEqual([
        expect.objectContaining({ path: alice!.path, commit: e.w.main() }),
      ]);
    }
    const branch = expiryBranch('db-read', 'alice', alice!.landing);
    const reverts = e.w.repo.pulls.filter((p) => p.head.ref === branch);
    expect(reverts.map((p) => [p.issue.state, p.merged])).toEqual([
      ['closed', true],
      ['closed', false],
    ]);
    expect(
      e.w.repo.comments.filter((c) => c.issue === reverts[1]!.issue.number).map((c) => c.body),
    ).toEqual([`Closed by grantops: #${reverts[0]!.issue.number} already recorded this expiry.`]);
    expect(e.log().filter((c) => c.subject.startsWith('Expire '))).toHaveLength(1);
  });

  it('leaves alone a grant still in its window, and one renewed since its revert was opened', async () => {
    const [alice, bob, mallory] = await e.landGrants(['1h', '8h', '1h']);
    // A run at 1h30 records alice's end (#4), opens mallory's revert (#5) and dies merging it.
    e.gh.store.setTime(hoursAfterT0(1.5));
    e.gh.fail({
      kind: 'server',
      status: 500,
      times: 10,
      method: 'PUT',
      path: /\/pulls\/5\/merge$/,
    });
    const died = await e.run('expire', hoursAfterT0(1.5));
    expect(died.code).toBe(2);
    expect(died.out.error.code).toBe('E_GITHUB_API');
    expect(e.w.repo.git.readFile('refs/heads/main', alice!.path)).toBeNull();
    const oldBranch = expiryBranch('db-read', 'mallory', mallory!.landing);
    expect(e.w.repo.pull(5)).toMatchObject({ head: { ref: oldBranch }, merged: false });
    // mallory renews her grant at once.
    const renewal = await e.w.openRequest('mallory', 'renew', {
      [mallory!.path]: grantYaml('2h', 'INC-4822 still slow'),
    });
    await e.w.review('carol', renewal);
    expect((await e.mergeAll()).out.merged.map((m: { request: string }) => m.request)).toEqual([
      String(renewal),
    ]);
    expect(e.w.repo.git.commit(e.w.main()).message).toContain('Grant-Action: renewed');

    e.gh.clearCalls();
    const runs = await Promise.all(
      Array.from({ length: 3 }, () => e.run('expire', hoursAfterT0(1.6))),
    );
    for (const r of runs) expect(r.stderr, r.stdout).toBe('');
    // bob's has hours left; mallory's renewal is a new grant: her old revert is closed, never
    // merged, and no new one is opened.
    expect(runs.flatMap((r) => r.out.expired)).toEqual([]);
    expect(runs.flatMap((r) => r.out.closed.map((c: { branch: string }) => c.branch))).toContain(
      oldBranch,
    );
    expect(e.w.repo.git.readFile('refs/heads/main', bob!.path)).not.toBeNull();
    expect(e.w.repo.git.readFile('refs/heads/main', mallory!.path)).toBe(
      grantYaml('2h', 'INC-4822 still slow'),
    );
    expect(e.w.repo.pull(5)).toMatchObject({ merged: false, issue: { state: 'closed' } });
    expect(
      e.w.repo.pulls.filter((p) => p.head.ref.startsWith('grantops/expire/db-read/mallory/')),
    ).toHaveLength(1);
    expect(e.merges()).toEqual([]);
  });
});
