import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeCommandWith } from '../../src/commands/merge.js';
import { requestCommandWith } from '../../src/commands/request.js';
import { CARD_MARKER } from '../../src/github/card.js';
import { accessWorld, APP_SLUG, tokenOf, type AccessWorld } from '../fakes/github/world.js';
import { cliWith } from '../helpers/cli.js';

/**
 * `grantops request --forge github` through the CLI against the fake GitHub: the requester is
 * the account of their own token, the branch is built on GitHub's main and pushed with git, and
 * the pull request is opened with that token, never the App's, which the environment also holds.
 *
 * acme/access: oncall (alice, bob, mallory) may ask for db-read (one approval); dba approves
 * (carol, alice, and the team @acme/db-admins: carol, dave). alice is an approver too, so her own
 * request must not name her as one who may approve it.
 */
const POLICIES = {
  'policies/people.yaml': `admins: ['@acme/security']
groups:
  oncall: [alice, bob, mallory]
  dba: [carol, alice, '@acme/db-admins']
`,
  'policies/roles.yaml': `providers:
  db:
    type: command
    command: ['./bin/db-access']
roles:
  db-read:
    description: Read-only SQL on the orders database
    provider: db
    grant: { role: read }
    max_duration: 8h
    requesters: [oncall]
    approvers: [dba]
    approvals: 1
    reason: { min_length: 10, pattern: '^(INC|CHG)-[0-9]+' }
`,
  'grants/.gitkeep': '',
};
const NOW = '2026-01-05T09:00:00Z';
const BRANCH = 'request/db-read/alice';
const PATH = 'grants/db-read/alice.yaml';
const ASK = ['db-read', '--for', '2h', '--reason', 'INC-4821 slow checkout queries'];

let w: AccessWorld;
beforeEach(() => {
  w = accessWorld({ files: POLICIES });
});
afterEach(() => w.cleanup());

/** The environment of a person at their laptop who also has the App's token lying around. */
const env = (extra: Record<string, string> = {}) => ({
  GITHUB_REPOSITORY: 'acme/access',
  GH_TOKEN: tokenOf('alice'),
  GRANTOPS_APP_TOKEN: w.appToken,
  ...extra,
});

/** `grantops request … --forge github` (`forge`: the flags that choose GitHub) in the clone. */
async function request(
  argv: string[],
  environment: Record<string, string> = env(),
  forge = ['--forge', 'github'],
) {
  const r = await cliWith(
    {
      env: environment,
      commands: {
        request: requestCommandWith({ fetch: w.gh.fetch, gitUrl: w.repo.git.dir }),
      },
    },
    w.localDir,
    'request',
    ...argv,
    ...forge,
    '--now',
    NOW,
    ...(argv.includes('--format') ? [] : ['--format', 'json']),
  );
  const json = (() => {
    try {
      return r.stdout ? JSON.parse(r.stdout) : null;
    } catch {
      return null;
    }
  })();
  return { ...r, json };
}

const local = (...args: string[]) =>
  execFileSync('git', args, { cwd: w.localDir, encoding: 'utf8' }).trim();
const localBranch = () => {
  try {
    return local('rev-parse', '--verify', '--quiet', `refs/heads/${BRANCH}`);
  } catch {
    return null;
  }
};
const pulls = () => w.repo.pulls;
const writeOps = () => w.gh.writes().map((c) => c.operation);

/** A refused request: exit 1, no write to GitHub, no branch there or in the clone. */
function nothingWritten(r: { code: number }) {
  expect(r.code).toBe(1);
  expect(w.gh.writes()).toEqual([]);
  expect(w.repo.branchSha(BRANCH)).toBeNull();
  expect(localBranch()).toBeNull();
  expect(pulls()).toEqual([]);
}

describe('grantops request --forge github --open-pr', { timeout: 120_000 }, () => {
  it('opens exactly one pull request, authored by the token’s user, with the grant file on its branch', async () => {
    const r = await request([...ASK, '--open-pr']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(pulls()).toHaveLength(1);
    const pull = pulls()[0]!;
    // The App's token was in the environment; the author is still the requester (I1).
    expect(pull.issue.user.login).toBe('alice');
    expect(pull.issue.title).toBe('Request db-read for alice (2h)');
    expect(r.json).toMatchObject({
      request: String(pull.issue.number),
      branch: BRANCH,
      path: PATH,
      pr: expect.stringMatching(new RegExp(`/acme/access/pull/${pull.issue.number}$`)),
      requester: 'alice',
      pushed: true,
      changed: true,
    });
    // The only API write is the pull request: the branch went up with git.
    expect(writeOps()).toEqual(['POST /repos/{owner}/{repo}/pulls']);
    const head = w.repo.branchSha(BRANCH)!;
    expect(head).toBe(r.json.commit);
    expect(pull.headSha).toBe(head);
    expect(w.repo.git.run(['show', `${head}:${PATH}`])).toContain('reason: "INC-4821 slow');
    expect(w.repo.git.run(['diff', '--name-only', `${w.main()}`, head]).trim()).toBe(PATH);
    expect(localBranch()).toBe(head);

    // As the GitHub forge reads it: the author and the commit's author are alice's account.
    const asForge = await w.forge().request(String(pull.issue.number));
    expect(asForge.author.login).toBe('alice');
    expect(asForge.commits.map((c) => [c.author.login, c.committer.login])).toEqual([
      ['alice', 'alice'],
    ]);
  });

  it('describes the request in the pull request: what, the window, who may approve', async () => {
    await request([...ASK, '--ticket', 'INC-4821', '--open-pr']);
    const body = pulls()[0]!.issue.body ?? '';
    expect(body).toContain('Read\\-only SQL on the orders database');
    expect(body).toContain(
      '| window | 2h, from the merge; then revoked (the role allows at most 8h) |',
    );
    expect(body).toContain('INC\\-4821 slow checkout queries');
    expect(body).toContain('**Who may approve** `db-read` (1 approval needed): ');
    // Teams as @org/team (without notifying it), carol; alice is an approver but the requester.
    const who = body.split('\n').find((l) => l.startsWith('**Who may approve**'))!;
    expect(who.replace(/\u200b/g, '')).toMatch(/needed\): @acme\/db\\-admins, carol$/);
    expect(body).toMatch(/- cannot approve this request: alice \(the requester/);
  });

  it('running twice opens no second pull request and writes nothing the second time', async () => {
    const first = await request([...ASK, '--open-pr']);
    expect(first.code).toBe(0);
    const head = w.repo.branchSha(BRANCH);
    w.gh.clearCalls();
    const again = await request([...ASK, '--open-pr']);
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ request: first.json.request, changed: false });
    expect(w.gh.writes()).toEqual([]);
    expect(pulls()).toHaveLength(1);
    expect(w.repo.branchSha(BRANCH)).toBe(head);
    const text = await request([...ASK, '--open-pr', '--format', 'text']);
    expect(text.stdout).toContain(`pull request #${first.json.request}`);
    expect(text.stdout).toContain('already done: nothing changed');
  });

  it('a failing request writes nothing, and says how to fix it', async () => {
    const r = await request([
      'db-read',
      '--for',
      '9h',
      '--reason',
      'slow',
      '--open-pr',
      '--format',
      'text',
    ]);
    expect(r.stdout).toContain('was not requested (nothing was written)');
    expect(r.stdout).toMatch(/E_DURATION_TOO_LONG: .*8h/);
    expect(r.stdout).toMatch(/E_REASON_TOO_SHORT: .*at least 10/);
    nothingWritten(r);
  });

  it('refuses --as that is not the token’s user, writing nothing', async () => {
    const r = await request([...ASK, '--as', 'bob', '--open-pr']);
    expect(r.json.problems).toEqual([
      expect.objectContaining({
        code: 'E_REQUESTER_MISMATCH',
        path: 'grants/db-read/bob.yaml',
        message: expect.stringMatching(/"bob" is not who the token in GH_TOKEN acts for \(alice\)/),
      }),
    ]);
    nothingWritten(r);
    expect(w.repo.branchSha('request/db-read/bob')).toBeNull();
    // The same login in another case is the same person.
    expect((await request([...ASK, '--as', 'Alice', '--open-pr'])).code).toBe(0);
  });

  it('never uses the App’s token: an installation token, or the App’s own, is refused', async () => {
    const asApp = await request([...ASK, '--open-pr'], env({ GH_TOKEN: w.appToken }));
    expect(asApp.code).toBe(2);
    expect(asApp.stderr).toMatch(/GH_TOKEN holds the grantops App's token/);
    const otherInstallation = w.gh.installationToken(w.app, 'ghs_anotherInstallationToken0');
    const bot = await request(
      [...ASK, '--open-pr'],
      env({ GH_TOKEN: '', GITHUB_TOKEN: otherInstallation }),
    );
    expect(bot.code).toBe(2);
    expect(bot.stderr).toMatch(/The token in GITHUB_TOKEN is not a person's token/);
    const none = await request([...ASK, '--open-pr'], env({ GH_TOKEN: '' }));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/set GH_TOKEN .* or GITHUB_TOKEN/);
    expect(w.gh.writes()).toEqual([]);
    expect(w.repo.branchSha(BRANCH)).toBeNull();
    expect(localBranch()).toBeNull();
  });

  it('finds the repository from the clone’s origin when GITHUB_REPOSITORY is not set', async () => {
    const laptop: Record<string, string> = env();
    delete laptop.GITHUB_REPOSITORY;
    const unknown = await request([...ASK, '--open-pr'], laptop);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Set GITHUB_REPOSITORY .*the clone's origin is not on/);
    expect(w.gh.calls).toEqual([]);
    local('remote', 'set-url', 'origin', 'git@github.com:acme/access.git');
    // At a laptop, outside Actions: --open-pr alone chooses GitHub.
    const r = await request([...ASK, '--open-pr'], laptop, []);
    expect(r.code).toBe(0);
    expect(pulls().map((p) => p.issue.user.login)).toEqual(['alice']);
  });

  it('builds on GitHub’s main, not on the clone’s older one', async () => {
    const moved = w.land({ 'README.md': 'moved on\n' });
    const r = await request([...ASK, '--open-pr']);
    expect(r.code).toBe(0);
    expect(w.repo.git.run(['rev-parse', `${r.json.commit}^`]).trim()).toBe(moved);
    expect(local('rev-parse', 'refs/heads/main')).not.toBe(moved);
  });

  it('leaves a branch on GitHub that holds something else alone', async () => {
    const theirs = w.commit('alice', w.main(), { [PATH]: 'duration: 1h\nreason: INC-1 other\n' });
    w.push('alice', BRANCH, theirs);
    w.gh.clearCalls();
    const r = await request([...ASK, '--open-pr']);
    expect(r.code).toBe(1);
    expect(r.json.problems).toEqual([
      expect.objectContaining({
        code: 'E_REQUEST_OPEN',
        message: expect.stringMatching(/exists on GitHub at .*\(git push origin --delete /),
      }),
    ]);
    expect(w.gh.writes()).toEqual([]);
    expect(w.repo.branchSha(BRANCH)).toBe(theirs);
    expect(pulls()).toEqual([]);
  });
});

describe('the pull request request opens, as merge decides it', { timeout: 120_000 }, () => {
  it('lists who may approve on its card, and lands once carol approves, granting alice', async () => {
    const r = await request([...ASK, '--open-pr']);
    const n = Number(r.json.request);
    const merge = () =>
      cliWith(
        {
          env: {
            GITHUB_REPOSITORY: 'acme/access',
            GRANTOPS_APP_TOKEN: w.appToken,
            GRANTOPS_APP_SLUG: APP_SLUG,
          },
          commands: { merge: mergeCommandWith({ fetch: w.gh.fetch, gitUrl: w.repo.git.dir }) },
        },
        w.localDir,
        'merge',
        String(n),
        '--forge',
        'github',
        '--now',
        NOW,
      );
    const waiting = await merge();
    expect(waiting.code).toBe(1);
    const card = w.repo.comments.find((c) => c.issue === n && c.body.startsWith(CARD_MARKER))!;
    const lines = card.body.replace(/\u200b/g, '').split('\n');
    expect(lines).toContain(
      '**Who may approve** `db-read` (1 approval needed): @acme/db\\-admins, carol',
    );
    expect(lines).toContain(
      '- cannot approve this request: alice (the requester, who never approves their own access)',
    );
    const check = w.repo.checkRuns.filter((c) => c.headSha === r.json.commit).at(-1)!;
    expect(check.summary).toContain('**Who may approve** `db-read`');

    await w.review('carol', n);
    const merged = await merge();
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const pull = w.repo.pull(n)!;
    expect(pull.merged).toBe(true);
    expect(w.repo.git.commit(w.main()).message).toMatch(
      /^Grant db-read to alice for 2h \(#\d+\)\n[\s\S]*Grant-Requester: alice\n[\s\S]*Approved-by: carol/,
    );
  });
});

describe('grantops request --forge github after a partial failure', { timeout: 120_000 }, () => {
  it('a pull request GitHub failed to open is opened by the next run, from the pushed branch', async () => {
    // Four answers lost: the first try and plugin-retry's three retries.
    w.gh.fail({ kind: 'server', times: 4, method: 'POST', path: /\/pulls$/ });
    const failed = await request([...ASK, '--open-pr']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/GitHub answered 502/);
    const pushed = w.repo.branchSha(BRANCH);
    expect(pushed).toMatch(/^[0-9a-f]{40}$/);
    expect(pulls()).toEqual([]);

    const again = await request([...ASK, '--open-pr']);
    expect(again.code).toBe(0);
    expect(w.repo.branchSha(BRANCH)).toBe(pushed);
    expect(pulls().map((p) => [p.issue.user.login, p.headSha])).toEqual([['alice', pushed]]);
  });

  it('an answer lost after GitHub opened the pull request still ends with one', async () => {
    w.gh.fail({ kind: 'server', times: 1, method: 'POST', path: /\/pulls$/, afterHandling: true });
    const r = await request([...ASK, '--open-pr']);
    expect(r.code).toBe(0);
    expect(pulls()).toHaveLength(1);
    expect(r.json).toMatchObject({ request: String(pulls()[0]!.issue.number), changed: true });
  });

  it('a pull request from the branch opened by someone else is refused, not reused', async () => {
    const ours = await request(ASK);
    execFileSync(
      'git',
      ['push', '-q', w.repo.git.dir, `${ours.json.commit}:refs/heads/${BRANCH}`],
      {
        cwd: w.localDir,
      },
    );
    await w.client('mallory').rest.pulls.create({
      owner: 'acme',
      repo: 'access',
      title: 'for alice',
      head: BRANCH,
      base: 'main',
    });
    w.gh.clearCalls();
    const r = await request([...ASK, '--open-pr']);
    expect(r.code).toBe(1);
    expect(r.json.problems).toEqual([
      expect.objectContaining({
        code: 'E_REQUEST_OPEN',
        message: expect.stringMatching(
          /was opened by mallory, not alice: the grantee is the author/,
        ),
      }),
    ]);
    expect(w.gh.writes()).toEqual([]);
    expect(pulls()).toHaveLength(1);
  });
});

describe('grantops request --forge github without --open-pr', { timeout: 120_000 }, () => {
  it('writes the branch in the clone only; --open-pr then pushes that very commit', async () => {
    const r = await request(ASK);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ request: null, pr: null, pushed: false, changed: true });
    expect(w.gh.writes()).toEqual([]);
    expect(w.repo.branchSha(BRANCH)).toBeNull();
    expect(localBranch()).toBe(r.json.commit);
    const text = await request([...ASK, '--format', 'text']);
    expect(text.stdout).toMatch(/in this clone only \(not pushed\) \(already done/);
    expect(text.stdout).toContain('run the same command with --open-pr');

    const opened = await request([...ASK, '--open-pr']);
    expect(opened.code).toBe(0);
    expect(w.repo.branchSha(BRANCH)).toBe(r.json.commit);
    expect(pulls().map((p) => p.issue.user.login)).toEqual(['alice']);
  });
});
