import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rememberVerdicts, verdictSeal, VERDICTS_REF } from '../../src/git/verdicts.js';
import { ADMIN } from '../fakes/github/world.js';
import type { Repo } from '../fakes/github/repo.js';
import {
  authorityWorld,
  GRANT,
  pathOf,
  teamWrites,
  trailers,
  verifications,
  type AuthorityWorld,
} from '../helpers/authority-world.js';

/**
 * Verdicts under refs/grantops/verdicts are a cache anyone who can push may write. Reconcile
 * trusts only those it sealed, for that very commit, outcome, repository and branch; anything
 * else is asked about again.
 */
let a: AuthorityWorld;
beforeEach(() => {
  a = authorityWorld();
});
afterEach(() => a.cleanup());

/** A second access repository of acme, sharing acme/access's history (a copy), same App. */
function copyOfAccess(): Repo {
  const { w } = a;
  const copy = w.gh.store.addRepo('acme', 'access-staging');
  copy.git.fetchFrom(w.repo.git, 'refs/heads/main', 'refs/heads/main');
  return copy;
}

/** `login` opens a request in `repo` from a branch of it; returns its number. */
async function openIn(repo: Repo, login: string, files: Record<string, string>): Promise<number> {
  const { w } = a;
  const sha = w.commit(login, repo.branchSha('main'), files, { repo, message: 'Request' });
  w.push(login, `request/prod-admin/${login}`, sha, repo);
  const { data } = await w.client(login).rest.pulls.create({
    owner: 'acme',
    repo: repo.name,
    title: 'Request',
    head: `request/prod-admin/${login}`,
    base: 'main',
  });
  return data.number;
}

describe('a verdict is trusted only where it was reached', () => {
  it('a passed verdict of another repository, replayed with the commit it judged, is asked about again', async () => {
    const { w } = a;
    const path = pathOf('alice');
    const staging = copyOfAccess();
    // In the copy, alice's request is approved and merged by grantops: a true verdict there.
    const n = await openIn(staging, 'alice', { [path]: GRANT });
    await w.client('carol').rest.pulls.createReview({
      owner: 'acme',
      repo: staging.name,
      pull_number: n,
      event: 'APPROVE',
    });
    const landing = await a.merge(n, staging);
    const there = await a.grantops('reconcile', [], { repo: staging });
    expect(there.code).toBe(0);
    expect(a.verdictFiles(there.dir)).toEqual([`passed/${landing}`]);
    // The copy's access is its own business: not acme/access's.
    w.gh.store.mustTeam('acme', 'prod-admins').members.delete('alice');

    // An admin fast-forwards acme/access's main to that commit, and pushes the copy's verdicts.
    w.repo.git.fetchFrom(staging.git, 'refs/heads/main', 'refs/heads/from-staging');
    w.push(ADMIN, 'main', landing);
    w.repo.git.fetchFrom(staging.git, VERDICTS_REF, VERDICTS_REF);

    const r = await a.grantops('reconcile');
    expect(r.code).toBe(1);
    expect(verifications(r)).toHaveLength(1);
    expect(r.out.grant).toEqual([]);
    expect(r.out.alarms).toMatchObject([
      {
        commit: landing,
        code: 'E_LANDING_REJECTED',
        message: expect.stringMatching(/No request merged/),
      },
    ]);
    expect(teamWrites(r)).toEqual([]);
    expect(a.member('alice')).toBeNull();
    expect(a.verdictFiles(r.dir)).toEqual([`failed/${landing}`]);
  });
});

describe('a verdict is trusted only for what it judged', () => {
  /** Writes refs/grantops/verdicts in a writer's clone and pushes it: `entries` name → blob. */
  function pushVerdicts(entries: Record<string, string>) {
    const dir = a.checkout();
    const run = (args: string[], input?: string) =>
      execFileSync('git', ['-C', dir, ...args], { input, encoding: 'utf8' }).trim();
    const byKind = new Map<string, string[]>();
    for (const [name, blob] of Object.entries(entries)) {
      const [kind, commit] = name.split('/') as [string, string];
      byKind.set(kind, [...(byKind.get(kind) ?? []), `100644 blob ${blob}\t${commit}\n`]);
    }
    const folders = [...byKind].map(
      ([kind, lines]) => `040000 tree ${run(['mktree'], lines.join(''))}\t${kind}\n`,
    );
    const tree = run(['mktree'], folders.join(''));
    const commit = run(['commit-tree', tree, '-m', 'Landing verdicts']);
    run(['push', '--quiet', '--force', 'origin', `${commit}:${VERDICTS_REF}`]);
  }

  it('a sealed verdict moved to another commit, or to the other outcome, is asked about again', async () => {
    const { w } = a;
    // alice's request goes through grantops: its verdict is sealed and true.
    const n = await w.openRequest('alice', 'request/prod-admin/alice', {
      [pathOf('alice')]: GRANT,
    });
    await w.review('carol', n);
    const good = await a.merge(n);
    const first = await a.grantops('reconcile');
    expect(first.code).toBe(0);
    const sealedBlob = a.git(first.dir, 'rev-parse', `${VERDICTS_REF}:passed/${good}`).trim();

    // bob's file is pushed straight to main with forged trailers, and the writer files alice's
    // sealed verdict (its mac and all) under bob's commit; and a failed one for alice's.
    const forged = w.land(
      { [pathOf('bob')]: GRANT },
      `Grant prod-admin to bob\n\n${trailers('bob', ['carol'])}`,
    );
    pushVerdicts({ [`passed/${forged}`]: sealedBlob, [`failed/${good}`]: sealedBlob });

    const r = await a.grantops('reconcile');
    expect(r.code).toBe(1);
    // Both are asked about again: neither entry checks.
    expect(verifications(r)).toHaveLength(2);
    expect(r.out.alarms).toMatchObject([{ commit: forged, code: 'E_LANDING_REJECTED' }]);
    expect(a.member('bob')).toBeNull();
    expect(a.member('alice')).toMatchObject({ state: 'active' });
    expect(a.verdictFiles(r.dir).sort()).toEqual([`failed/${forged}`, `passed/${good}`].sort());
  });
});

describe('the key verdicts are sealed with', () => {
  it('a blank or short key is refused before anything is asked or written, a blank one read as unset', async () => {
    const envs: Record<string, string>[] = [
      { GRANTOPS_VERDICT_KEY: ' \n', GRANTOPS_APP_PRIVATE_KEY: '' },
      { GRANTOPS_VERDICT_KEY: 'hunter2' },
      { GRANTOPS_VERDICT_KEY: '', GRANTOPS_APP_PRIVATE_KEY: '\n' },
      { GRANTOPS_VERDICT_KEY: '', GRANTOPS_APP_PRIVATE_KEY: 'short-key' },
    ];
    for (const env of envs) {
      const r = await a.grantops('reconcile', [], { env, format: 'text' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/GRANTOPS_(VERDICT_KEY|APP_PRIVATE_KEY)/);
      expect(
        r.calls.filter(
          (c) => c.operation === 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
        ),
      ).toEqual([]);
    }
    expect(a.w.gh.writes()).toEqual([]);
    // A blank GRANTOPS_VERDICT_KEY (a missing secret) falls back to the App's private key.
    const r = await a.grantops('reconcile', [], { env: { GRANTOPS_VERDICT_KEY: ' ' } });
    expect(r.code).toBe(0);
  });

  it('a guessable key would let a writer seal a pass for a landing nobody approved', async () => {
    const { w } = a;
    const forged = w.land(
      { [pathOf('bob')]: GRANT },
      `Grant prod-admin to bob\n\n${trailers('bob', ['carol'])}`,
    );
    // The writer seals "passed" with the key they guessed, and pushes it.
    const dir = a.checkout();
    const seal = verdictSeal('hunter2', { repository: 'acme/access', branch: 'main' });
    await rememberVerdicts(
      dir,
      [
        {
          commit: forged,
          passed: true,
          request: '#1',
          author: 'bob',
          mergedBy: null,
          approvers: [],
          problems: [],
          final: true,
        },
      ],
      new Date(),
      seal,
    );
    a.git(dir, 'push', '--quiet', '--force', 'origin', `${VERDICTS_REF}:${VERDICTS_REF}`);
    const r = await a.grantops('reconcile', [], {
      env: { GRANTOPS_VERDICT_KEY: 'hunter2' },
      format: 'text',
    });
    expect(r.code).toBe(2);
    expect(teamWrites(r)).toEqual([]);
    expect(a.member('bob')).toBeNull();
  });

  it('a key that changes between runs only costs a question: the old verdicts are asked about again', async () => {
    const { w } = a;
    const n = await w.openRequest('alice', 'request/prod-admin/alice', {
      [pathOf('alice')]: GRANT,
    });
    await w.review('carol', n);
    await a.merge(n);
    const own = { GRANTOPS_VERDICT_KEY: 'k'.repeat(40) };
    expect(verifications(await a.grantops('reconcile', [], { env: own }))).toHaveLength(1);
    expect(verifications(await a.grantops('reconcile', [], { env: own }))).toHaveLength(0);
    // The next run has no GRANTOPS_VERDICT_KEY: it seals with the App's key and asks once.
    const other = await a.grantops('reconcile');
    expect(other.code).toBe(0);
    expect(verifications(other)).toHaveLength(1);
    expect(verifications(await a.grantops('reconcile'))).toHaveLength(0);
    expect(a.member('alice')).toMatchObject({ state: 'active' });
  });
});
