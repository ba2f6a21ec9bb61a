import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRANT, LocalHarness, at } from './harness.js';

/**
 * I2 and I3 attacks on the local forge. Each asserts that nothing merged (main unchanged, the
 * request still open), that the merge run called no provider, and that a reconcile afterwards
 * grants nothing.
 */
let h: LocalHarness;
beforeEach(() => {
  h = new LocalHarness();
});
afterEach(() => h.cleanup());

const ALICE = 'grants/db-read/alice.yaml';
const BRANCH = 'request/db-read/alice';
const codes = (w: { problems: { code: string }[] }) => w.problems.map((p) => p.code);

/** `merge --all` refuses: nothing lands, nothing is provisioned; returns the waiting entries. */
async function refused(when = at('10:30')) {
  const main = h.git('rev-parse', 'main');
  const { code, out, stderr } = await h.json(when, 'merge', '--all');
  expect(stderr).toBe('');
  expect(code).toBe(1);
  expect(out.merged).toEqual([]);
  expect(h.git('rev-parse', 'main')).toBe(main);
  expect(h.target.calls).toEqual([]);
  const r = await h.json(at('10:40'), 'reconcile');
  expect(r.code).toBe(0);
  expect(h.target.calls.filter((c) => c.method !== 'list' && c.method !== 'close')).toEqual([]);
  expect(h.target.memberships.size).toBe(0);
  return out.waiting as {
    request: string;
    problems: { path: string; code: string; message: string }[];
  }[];
}

describe('I2/I3 attacks on the local forge', { timeout: 120_000 }, () => {
  it('a request whose author is not the login in the file', async () => {
    await h.open(BRANCH, 'bob', { [ALICE]: GRANT });
    h.approveByHand(BRANCH, 'carol');
    const [w] = await refused();
    expect(codes(w!)).toContain('E_REQUESTER_MISMATCH');
  });

  it('self-approval: refused by approve, and a hand-written one never counts', async () => {
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    const a = await h.json(at('10:05'), 'approve', BRANCH, '--as', 'alice');
    expect(a.code).toBe(1);
    expect(a.out).toMatchObject({ recorded: false });
    expect(a.out.why).toMatch(/requester/);
    expect(h.git('for-each-ref', 'refs/grantops/approvals/')).toBe('');
    h.approveByHand(BRANCH, 'alice');
    const [w] = await refused();
    expect(codes(w!)).toEqual(['E_APPROVALS_MISSING']);
    expect(w!.problems[0]!.message).toMatch(/"alice" \(names the requester/);
  });

  it('a stale approval after a new commit, even one that changes nothing', async () => {
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    expect((await h.json(at('10:05'), 'approve', BRANCH, '--as', 'carol')).code).toBe(0);
    await h.push(BRANCH, 'alice', {});
    const [w] = await refused();
    expect(codes(w!)).toEqual(['E_APPROVALS_MISSING', 'E_APPROVAL_NOT_ON_HEAD']);
    expect(w!.problems[1]!.message).toMatch(/carol.*approved [0-9a-f]{10}, not the current head/);
  });

  it('an approval by someone who pushed a commit to the request', async () => {
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    await h.push(BRANCH, 'carol', { [ALICE]: GRANT.replace('2h', '1h') });
    const a = await h.json(at('10:05'), 'approve', BRANCH, '--as', 'carol');
    expect(a.code).toBe(1);
    expect(a.out.why).toMatch(/pushed/);
    h.approveByHand(BRANCH, 'carol');
    const [w] = await refused();
    expect(w!.problems[0]!.message).toMatch(/"carol" \(pushed commits/);
  });

  it('an approval by someone who only committed (authored by another) a commit', async () => {
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    const head = h.git('rev-parse', BRANCH);
    // Authored by alice, committed by dave: dave touched the request.
    h.git(
      'update-ref',
      `refs/heads/${BRANCH}`,
      h.repo
        .git(['commit-tree', `${head}^{tree}`, '-p', head, '-m', 'rebased'], {
          GIT_AUTHOR_NAME: 'alice',
          GIT_AUTHOR_EMAIL: 'alice@users.noreply.github.com',
          GIT_COMMITTER_NAME: 'dave',
          GIT_COMMITTER_EMAIL: '12345+dave@users.noreply.github.com',
        })
        .trim(),
    );
    h.approveByHand(BRANCH, 'dave');
    const [w] = await refused();
    expect(w!.problems[0]!.message).toMatch(/"dave" \(pushed commits/);
  });

  it('a request that also edits policies/ (adding the requester as an approver)', async () => {
    const people = h
      .git('show', 'main:policies/people.yaml')
      .replace('dba: [carol, dave]', 'dba: [carol, dave, alice]');
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT, 'policies/people.yaml': `${people}\n` });
    h.approveByHand(BRANCH, 'carol');
    const [w] = await refused();
    expect(codes(w!)).toEqual(['E_SCOPE']);
    expect(w!.problems[0]!.path).toBe('policies/people.yaml');
  });

  it('a request that also edits .github/ (a workflow, CODEOWNERS)', async () => {
    await h.open(BRANCH, 'alice', {
      [ALICE]: GRANT,
      '.github/workflows/pwn.yml': 'on: push\n',
      '.github/CODEOWNERS': '* @alice\n',
    });
    h.approveByHand(BRANCH, 'carol');
    const [w] = await refused();
    expect(codes(w!).sort()).toEqual(['E_SCOPE', 'E_SCOPE']);
  });

  it('a commit whose author is not a GitHub login refuses the request', async () => {
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    const head = h.git('rev-parse', BRANCH);
    h.git(
      'update-ref',
      `refs/heads/${BRANCH}`,
      h.repo
        .git(['commit-tree', `${head}^{tree}`, '-p', head, '-m', 'x'], {
          GIT_AUTHOR_NAME: 'Mallory Smith',
          GIT_AUTHOR_EMAIL: 'mallory@example.com',
          GIT_COMMITTER_NAME: 'Mallory Smith',
          GIT_COMMITTER_EMAIL: 'mallory@example.com',
        })
        .trim(),
    );
    h.approveByHand(BRANCH, 'carol');
    const [w] = await refused();
    expect(codes(w!)).toContain('E_IDENTITY_UNKNOWN');
    expect(w!.problems.find((p) => p.code === 'E_IDENTITY_UNKNOWN')!.message).toContain(
      'Mallory Smith <mallory@example.com>',
    );
  });

  it('approvals by bots or by people who are not approvers of the role never count', async () => {
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    h.approveByHand(BRANCH, 'bob');
    h.approveByHand(BRANCH, 'github-actions');
    const bot = await h.json(at('10:05'), 'approve', BRANCH, '--as', 'erin');
    expect(bot.out.why).toMatch(/not an approver/);
    const [w] = await refused();
    expect(w!.problems[0]!.message).toMatch(/"bob" \(not an approver/);
    expect(w!.problems[0]!.message).toMatch(/"github-actions" \(a bot/);
  });

  it('trailers typed into the request commit or the reason are not approvals', async () => {
    await h.open(BRANCH, 'alice', {
      [ALICE]: 'duration: 2h\nreason: "INC-1 x\\nApproved-by: carol"\n',
    });
    // And a commit message that claims approval.
    await h.push(BRANCH, 'alice', {}, at('10:03'));
    h.git(
      'update-ref',
      `refs/heads/${BRANCH}`,
      h.repo
        .git(
          [
            'commit-tree',
            `${BRANCH}^{tree}`,
            '-p',
            BRANCH,
            '-m',
            'ok\n\nApproved-by: carol\nApproved-by: dave',
          ],
          {
            GIT_AUTHOR_NAME: 'alice',
            GIT_AUTHOR_EMAIL: 'alice@users.noreply.github.com',
            GIT_COMMITTER_NAME: 'alice',
            GIT_COMMITTER_EMAIL: 'alice@users.noreply.github.com',
          },
        )
        .trim(),
    );
    const [w] = await refused();
    expect(codes(w!)).toEqual(['E_REASON_FORMAT', 'E_APPROVALS_MISSING']);
  });

  it('the head moving between the decision and the merge merges nothing', async () => {
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    h.approveByHand(BRANCH, 'carol');
    const { LocalForge } = await import('../../src/local/forge.js');
    const { gitRepository } = await import('../../src/git/repository.js');
    const forge = new LocalForge({
      git: gitRepository(h.repo.dir),
      clock: { now: () => new Date(at('10:30')) },
    });
    const judged = await forge.request(BRANCH);
    await h.push(BRANCH, 'alice', { [ALICE]: GRANT.replace('2h', '8h') });
    const outcome = await forge.merge(judged, { head: judged.head.sha, title: 't', message: '' });
    expect(outcome).toMatchObject({ merged: false, reason: 'head-moved' });
    expect(h.recorded('granted', ALICE)).toEqual([]);
  });
});

describe('the control: the same request, properly approved, merges', { timeout: 120_000 }, () => {
  it('an approver who did not push approves the head', async () => {
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    await h.push(BRANCH, 'carol', { [ALICE]: GRANT.replace('2h', '1h') });
    expect((await h.json(at('10:05'), 'approve', BRANCH, '--as', 'dave')).code).toBe(0);
    const { code, out } = await h.json(at('10:30'), 'merge', '--all');
    expect(code).toBe(0);
    expect(out.merged[0].approved_by).toEqual(['dave']);
    expect(h.recorded('granted', ALICE)).toEqual([h.git('rev-parse', 'main')]);
  });
});
