import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitRepository } from '../../../src/git/repository.js';
import { GitHubForge, type GitHubForgeOptions } from '../../../src/github/forge.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/octokit.js';
import type { App } from './apps.js';
import { makeCompliant } from './compliant.js';
import { createFakeGitHub, type FakeGitHub } from './index.js';
import type { Repo } from './repo.js';
import { pushViolations } from './rules.js';
import type { Account } from './store.js';

/**
 * An access repository on the fake GitHub, for the GitHub forge and the commands over it:
 * organization `acme` with people, the team `db-admins`, the repository `acme/access` (a real
 * bare git repository with one commit on main), the grantops App installed with the setup of
 * DESIGN §4 (its ruleset, its environment), and a local clone the forge fetches into. People act
 * through the API with their own tokens (opening pull requests, reviewing), and push commits
 * they author; the fake records every push with its pusher, as GitHub's activity log does.
 */

export const APP_SLUG = 'grantops-acme';
export const BOT = `${APP_SLUG}[bot]`;
export const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'mallory'] as const;
/** An organization owner: bypasses the ruleset to push to main, as admins can be allowed to. */
export const ADMIN = 'owner';

export const tokenOf = (login: string) => `ghp_${login.replace(/\W/g, '')}0000000000`;

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export interface AccessWorld {
  gh: FakeGitHub;
  repo: Repo;
  app: App;
  privateKey: string;
  appToken: string;
  /** The App's client (installation token). */
  octokit: GitHubClient;
  /** A client acting as `login` (a person's own token). */
  client(login: string): GitHubClient;
  /** The local clone the forge fetches into. */
  localDir: string;
  forge(options?: Partial<GitHubForgeOptions>): GitHubForge;
  account(login: string): Account;
  /** A commit on `parent` writing `files`, authored and committed by `login` unless told. */
  commit(
    login: string,
    parent: string | null,
    files: Record<string, string | null>,
    options?: { message?: string; committer?: string; repo?: Repo; authorEmail?: string },
  ): string;
  /** `login` pushes `sha` to `branch` (of `repo`, default acme/access); refused like GitHub. */
  push(login: string, branch: string, sha: string, repo?: Repo): void;
  /** `login` opens a pull request from a new branch with one commit writing `files`. */
  openRequest(
    login: string,
    branch: string,
    files: Record<string, string | null>,
    options?: { title?: string; body?: string; fork?: boolean },
  ): Promise<number>;
  /** `login` reviews pull request `n` (default: approves its current head). */
  review(
    login: string,
    n: number,
    event?: 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT',
    commitId?: string,
  ): Promise<void>;
  /** The admin pushes a commit writing `files` straight to main. */
  land(files: Record<string, string | null>, message?: string): string;
  main(): string;
  cleanup(): void;
}

export interface AccessWorldOptions {
  /** Files of the first commit on main (default: an empty grants/ folder). */
  files?: Record<string, string>;
  /** Apply DESIGN §4's ruleset and environment (default true). */
  compliant?: boolean;
}

export function accessWorld(options: AccessWorldOptions = {}): AccessWorld {
  const gh = createFakeGitHub();
  const store = gh.store;
  store.addOrg('acme');
  for (const login of [...PEOPLE, ADMIN]) {
    store.addOrgMember('acme', login, login === ADMIN ? 'admin' : 'member');
    gh.addToken(tokenOf(login), login, { admin: login === ADMIN });
  }
  store.addTeam('acme', 'db-admins');
  store.addTeamMember('acme', 'db-admins', 'carol');
  store.addTeamMember('acme', 'db-admins', 'dave');
  const repo = store.addRepo('acme', 'access');
  const { app, privateKey } = gh.addApp(APP_SLUG, 'acme');
  gh.install(app, 'acme');
  const appToken = gh.installationToken(app, 'ghs_grantopsAppInstallationToken000');
  if (options.compliant !== false) {
    makeCompliant(repo, app);
    const owner = store.mustAccount(ADMIN);
    repo.rulesets[0]?.bypass.push({
      actor_id: owner.id,
      actor_type: 'User',
      bypass_mode: 'always',
    });
  }

  const account = (login: string) => store.mustAccount(login);
  const person = (login: string, email?: string) => {
    const a = account(login);
    return {
      name: login,
      email: email ?? `${a.id}+${a.login}@users.noreply.github.com`,
      date: store.timestamp(),
    };
  };
  const first = repo.git.commitFiles(
    null,
    options.files ?? { 'grants/.gitkeep': '' },
    'Access repository',
    person(ADMIN),
  );
  repo.push(account(ADMIN), 'main', first);

  const localDir = mkdtempSync(join(tmpdir(), 'grantops-checkout-'));
  execFileSync('git', ['clone', '--quiet', repo.git.dir, localDir], { stdio: 'ignore' });

  const client = (login: string) =>
    createGitHubClient({ token: tokenOf(login), fetch: gh.fetch, noWait: true, log: quiet });
  const octokit = createGitHubClient({
    token: appToken,
    fetch: gh.fetch,
    noWait: true,
    log: quiet,
  });

  const world: AccessWorld = {
    gh,
    repo,
    app,
    privateKey,
    appToken,
    octokit,
    client,
    localDir,
    account,
    forge: (o = {}) =>
      new GitHubForge({
        octokit,
        repo: { owner: 'acme', repo: 'access' },
        git: gitRepository(localDir),
        source: { url: repo.git.dir },
        ...o,
      }),
    commit(login, parent, files, o = {}) {
      const target = o.repo ?? repo;
      const author = person(login, o.authorEmail);
      const committer = o.committer ? person(o.committer) : author;
      return target.git.commitFiles(
        parent,
        files,
        o.message ?? `Change by ${login}`,
        author,
        committer,
      );
    },
    push(login, branch, sha, target = repo) {
      const before = target.branchSha(branch);
      const kind = before && !target.git.isAncestor(before, sha) ? 'force' : 'push';
      const refused = pushViolations(target, branch, { token: '', login, canWrite: true }, kind);
      if (refused.length) throw new Error(`push to ${branch} refused: ${refused.join(' ')}`);
      target.push(account(login), branch, sha);
    },
    async openRequest(login, branch, files, o = {}) {
      const target = o.fork ? (store.repo(login, 'access') ?? store.fork(repo, login)) : repo;
      // A fork starts from main as it is now (the owner syncs it with the parent first).
      if (target !== repo) target.git.fetchFrom(repo.git, 'refs/heads/main', 'refs/heads/main');
      const sha = world.commit(login, world.main(), files, {
        repo: target,
        message: o.title ?? `Request by ${login}`,
      });
      world.push(login, branch, sha, target);
      const { data } = await client(login).rest.pulls.create({
        owner: 'acme',
        repo: 'access',
        title: o.title ?? `Request by ${login}`,
        head: o.fork ? `${login}:${branch}` : branch,
        base: 'main',
        ...(o.body !== undefined ? { body: o.body } : {}),
      });
      return data.number;
    },
    async review(login, n, event = 'APPROVE', commitId) {
      await client(login).rest.pulls.createReview({
        owner: 'acme',
        repo: 'access',
        pull_number: n,
        event,
        ...(commitId ? { commit_id: commitId } : {}),
      });
    },
    land(files, message = 'Land by hand') {
      const sha = world.commit(ADMIN, world.main(), files, { message });
      world.push(ADMIN, 'main', sha);
      return sha;
    },
    main: () => repo.branchSha('main') as string,
    cleanup() {
      gh.dispose();
      rmSync(localDir, { recursive: true, force: true });
    },
  };
  return world;
}
