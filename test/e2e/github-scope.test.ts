import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codes, GitHubE2E, grantPath, grantYaml, messages, TEAMS } from './harness.js';

/**
 * Requests from forks, and I3 (a request only adds or changes grant files), through
 * `grantops merge --all --forge github`: each merges nothing, and the check and the card say why.
 */

let e: GitHubE2E;
beforeEach(() => {
  e = new GitHubE2E();
});
afterEach(() => e.cleanup());

const ALICE = grantPath('db-read', 'alice');
const BOB = grantPath('db-read', 'bob');

describe(
  'forks: who pushed to one cannot be seen, so its requests never merge',
  { timeout: 60_000 },
  () => {
    it('a commit written as alice, pushed to alice’s fork by dave, approved by dave', async () => {
      const n = await e.w.openRequest('alice', 'grant', { [ALICE]: grantYaml() }, { fork: true });
      // dave may push to alice's fork; GitHub records it in the fork's log only.
      e.pushTo(n, 'alice', { [ALICE]: grantYaml('8h') }, 'dave');
      await e.w.review('dave', n);
      const waiting = await e.refused(TEAMS);
      expect(codes(waiting.get(n))).toEqual(['E_IDENTITY_UNKNOWN']);
      expect(messages(waiting.get(n))).toMatch(
        /"someone who pushed to the fork: open the request from a branch of acme\/access" is not a GitHub login/,
      );
      expect(e.shown(n)).toMatchObject({ conclusion: 'failure', codes: ['E_IDENTITY_UNKNOWN'] });
    });

    it('a request from a fork the approver owns, and one that also edits a workflow', async () => {
      // carol's fork holds a branch with alice's commit; alice opens the pull request from it.
      const fork = e.gh.store.fork(e.w.repo, 'carol');
      const sha = e.w.commit('alice', e.w.main(), { [ALICE]: grantYaml() }, { repo: fork });
      e.w.push('carol', 'for-alice', sha, fork);
      const { data } = await e.w.client('alice').rest.pulls.create({
        owner: 'acme',
        repo: 'access',
        title: 'db-read for alice',
        head: 'carol:for-alice',
        base: 'main',
      });
      const owned = data.number;
      const workflow = await e.w.openRequest(
        'bob',
        'grant',
        { [BOB]: grantYaml(), '.github/workflows/merge.yml': 'on: push\n' },
        { fork: true },
      );
      await e.w.review('carol', owned);
      await e.w.review('carol', workflow);
      const waiting = await e.refused();
      expect(codes(waiting.get(owned))).toEqual(['E_IDENTITY_UNKNOWN', 'E_APPROVALS_MISSING']);
      expect(messages(waiting.get(owned))).toMatch(/"carol" \(pushed commits/);
      expect(codes(waiting.get(workflow)).sort()).toEqual(['E_IDENTITY_UNKNOWN', 'E_SCOPE']);
      expect(waiting.get(workflow)!.problems.find((p) => p.code === 'E_SCOPE')!.path).toBe(
        '.github/workflows/merge.yml',
      );
    });

    it('a clean fork request waits; the same request from a branch merges', async () => {
      const fromFork = await e.w.openRequest(
        'alice',
        'grant',
        { [ALICE]: grantYaml() },
        { fork: true },
      );
      await e.w.review('carol', fromFork);
      const waiting = await e.refused();
      expect(codes(waiting.get(fromFork))).toEqual(['E_IDENTITY_UNKNOWN']);
      expect(messages(waiting.get(fromFork))).toMatch(
        /open the request from a branch of acme\/access/,
      );

      const fromBranch = await e.w.openRequest('bob', 'request/db-read/bob', {
        [BOB]: grantYaml(),
      });
      await e.w.review('carol', fromBranch);
      const r = await e.mergeAll();
      expect(r.out.merged.map((m: { request: string }) => m.request)).toEqual([String(fromBranch)]);
      expect(e.w.repo.pull(fromFork)!.issue.state).toBe('open');
    });
  },
);

describe('I3: a request only adds or changes grant files', { timeout: 60_000 }, () => {
  it('refuses requests that also touch workflows, policies, CODEOWNERS, in any spelling', async () => {
    const people = (e.w.repo.git.readFile('refs/heads/main', 'policies/people.yaml') as string)
      // Making alice an approver in the request itself: base policies decide, and scope refuses.
      .replace("dba: [carol, '@acme/db-admins']", "dba: [carol, alice, '@acme/db-admins']");
    const attacks: Record<string, Record<string, string | null>> = {
      workflow: { '.github/workflows/pwn.yml': 'on: push\njobs: {}\n' },
      policies: { 'policies/people.yaml': people },
      codeowners: { '.github/CODEOWNERS': '* @alice\n' },
      // Other places and spellings, a few to a request: each file is refused on its own.
      spellings: {
        CODEOWNERS: '* @alice\n',
        'docs/CODEOWNERS': '* @alice\n',
        '.GitHub/workflows/pwn.yml': 'on: push\n',
        'Policies/extra.yaml': 'groups: { dba: [alice] }\n',
      },
      'control-plane': {
        'schemas/grant.schema.json': '{}\n',
        'package.json': '{"scripts":{"postinstall":"curl evil"}}\n',
        'grants.yaml': 'alice: db-read\n',
      },
    };
    const numbers = new Map<string, number>();
    for (const [name, files] of Object.entries(attacks)) {
      const n = await e.w.openRequest('alice', `scope/${name}`, { [ALICE]: grantYaml(), ...files });
      await e.w.review('carol', n);
      numbers.set(name, n);
    }
    const waiting = await e.refused();
    for (const [name, files] of Object.entries(attacks)) {
      const n = numbers.get(name)!;
      const scope = waiting.get(n)!.problems.filter((p) => p.code === 'E_SCOPE');
      expect(scope.map((p) => p.path).sort(), name).toEqual(Object.keys(files).sort());
      expect(e.shown(n).conclusion, name).toBe('failure');
      expect(e.shown(n).codes, name).toContain('E_SCOPE');
    }
  });

  it('refuses a request that deletes a workflow', async () => {
    e.w.land({ '.github/workflows/merge.yml': 'on: workflow_dispatch\n' }, 'Workflows');
    const n = await e.w.openRequest('alice', 'request/db-read/alice', {
      [ALICE]: grantYaml(),
      '.github/workflows/merge.yml': null,
    });
    await e.w.review('carol', n);
    const waiting = await e.refused();
    expect(codes(waiting.get(n))).toEqual(['E_SCOPE']);
  });
});
