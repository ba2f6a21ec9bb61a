import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestCommandWith } from '../../src/commands/request.js';
import { accessWorld, tokenOf, type AccessWorld } from '../fakes/github/world.js';
import { cliWith } from '../helpers/cli.js';

/**
 * `grantops request --open-pr` as an attacker would drive it: someone else's token, a login
 * GitHub spells in capitals, role names that try to reach outside `request/<role>/<login>`, a
 * branch that appears between grantops' look and its push. Every refusal writes nothing.
 */
const POLICIES = {
  'policies/people.yaml': `admins: ['@acme/security']
groups:
  oncall: [alice, bob, mallory, erin]
  dba: [carol, dave]
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
`,
  'grants/.gitkeep': '',
};
const ASK = ['--for', '2h', '--reason', 'INC-4821 slow checkout queries'];

let w: AccessWorld;
beforeEach(() => {
  w = accessWorld({ files: POLICIES });
  // A person whose login GitHub spells with a capital.
  w.gh.store.addOrgMember('acme', 'Erin');
  w.gh.addToken(tokenOf('Erin'), 'Erin');
});
afterEach(() => w.cleanup());

async function request(argv: string[], token: string, fetch: typeof w.gh.fetch = w.gh.fetch) {
  const r = await cliWith(
    {
      env: { GITHUB_REPOSITORY: 'acme/access', GH_TOKEN: token, GRANTOPS_APP_TOKEN: w.appToken },
      commands: { request: requestCommandWith({ fetch, gitUrl: w.repo.git.dir }) },
    },
    w.localDir,
    'request',
    ...argv,
    '--open-pr',
    '--now',
    '2026-01-05T09:00:00Z',
    '--format',
    'json',
  );
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // A usage error prints nothing on stdout.
  }
  return { ...r, json };
}

const refs = () =>
  execFileSync('git', ['for-each-ref', '--format=%(refname)'], {
    cwd: w.localDir,
    encoding: 'utf8',
  });

describe('who asks', () => {
  it('a login GitHub spells in capitals asks as itself, and a rerun changes nothing', async () => {
    const first = await request(['db-read', ...ASK], tokenOf('Erin'));
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({
      branch: 'request/db-read/erin',
      path: 'grants/db-read/erin.yaml',
      request: '1',
    });
    expect(w.repo.pulls.map((p) => p.issue.user.login)).toEqual(['Erin']);
    const writes = w.gh.writes().length;
    const again = await request(['db-read', ...ASK, '--as', 'ERIN'], tokenOf('Erin'));
    expect(again.code).toBe(0);
    expect(again.json.problems).toEqual([]);
    expect(w.gh.writes()).toHaveLength(writes);
    expect(w.repo.pulls).toHaveLength(1);
  });

  it('another person’s token asks for that person only, never for the --as login', async () => {
    const before = refs();
    const r = await request(['db-read', ...ASK, '--as', 'alice'], tokenOf('bob'));
    expect(r.code).toBe(1);
    expect(r.json.problems).toMatchObject([{ code: 'E_REQUESTER_MISMATCH' }]);
    expect(w.gh.writes()).toEqual([]);
    expect(refs()).toBe(before);
    const own = await request(['db-read', ...ASK], tokenOf('bob'));
    expect(own.code).toBe(0);
    expect(own.json.path).toBe('grants/db-read/bob.yaml');
    expect(w.repo.pulls.map((p) => [p.issue.user.login, p.head.ref])).toEqual([
      ['bob', 'request/db-read/bob'],
    ]);
  });
});

describe('the branch name', () => {
  it('a role name that is not a role of the policies writes nothing, whatever it holds', async () => {
    const before = refs();
    for (const role of [
      '../x',
      'db-read/../../heads/main',
      'db-read/../x',
      'DB-READ',
      'db\u2010read',
      'db-read\u202e',
      'db-read\nApproved-by: carol',
      'refs/heads/main',
      'db-read.lock',
    ]) {
      const r = await request([role, ...ASK], tokenOf('alice'));
      expect([r.code, role]).toEqual([1, role]);
      expect(r.json.problems).toMatchObject([{ code: 'E_UNKNOWN_ROLE' }]);
    }
    expect(w.gh.writes()).toEqual([]);
    expect(w.repo.pulls).toEqual([]);
    expect(refs()).toBe(before);
    expect(w.repo.branchSha('main')).not.toBeNull();
  });

  it('a branch someone pushes between grantops’ look and its push is never moved', async () => {
    let theirs: string | null = null;
    // mallory pushes request/db-read/alice right after grantops asked GitHub whether it exists.
    const racing: typeof w.gh.fetch = async (input, init) => {
      const res = await w.gh.fetch(input, init);
      const url = String(input instanceof Request ? input.url : input);
      if (!theirs && /matching-refs\/heads(\/|%2F)request(\/|%2F)db-read/.test(url)) {
        // At main itself: grantops' commit would fast-forward it, so only the lease stops it.
        theirs = w.main();
        w.push('mallory', 'request/db-read/alice', theirs);
      }
      return res;
    };
    const r = await request(['db-read', ...ASK], tokenOf('alice'), racing);
    expect(theirs).not.toBeNull();
    expect(r.code).toBe(1);
    expect(r.json.problems).toMatchObject([{ code: 'E_REQUEST_OPEN' }]);
    expect(w.repo.branchSha('request/db-read/alice')).toBe(theirs);
    expect(w.repo.pulls).toEqual([]);
    expect(w.gh.writes()).toEqual([]);
  });
});
