import { ExternalError, GrantopsError } from '../core/errors.js';
import type { GitRepository, GitSource } from '../core/git-port.js';
import { githubError, statusOf } from './errors.js';
import { branchHead, pullsForHead } from './expiry.js';
import type { GitHubClient } from './octokit.js';
import { pullData, type PullRequestData } from './pulls.js';
import type { RepoRef } from './repo-ref.js';
import { noReplySignature, type TokenAccount } from './requester.js';

/**
 * A checked request put on GitHub as the requester: one commit adding the grant file on top of
 * GitHub's main, the branch `request/<role>/<login>` pushed, and the pull request opened, all
 * with the requester's own token, so GitHub names them as the pull request's author (I1). The
 * App's token is never given here.
 *
 * Run again, it converges and destroys nothing: a branch (on GitHub, or in the clone) that
 * already holds exactly this grant file is reused, and its pull request reported rather than
 * opened twice; a branch that holds anything else is someone's request, and is left alone.
 */
export interface PublishSpec {
  /** A client holding the requester's own token. */
  octokit: GitHubClient;
  repo: RepoRef;
  /** The clone, and where it fetches from and pushes to with the same token. */
  git: GitRepository;
  source: GitSource;
  tokenEnv: string;
  account: TokenAccount;
  base: string;
  /** GitHub's base branch as the request was checked against, present in the clone. */
  baseSha: string;
  branch: string;
  path: string;
  text: string;
  title: string;
  body: string;
  at: Date;
  /** Push and open the pull request; otherwise the branch is written in the clone only. */
  openPr: boolean;
}

export type Published =
  | {
      taken: false;
      commit: string;
      pushed: boolean;
      pull: PullRequestData | null;
      /** False when an earlier run had done everything already: nothing was written. */
      changed: boolean;
    }
  | {
      /** The branch exists and holds something else: nothing was written. */
      taken: true;
      where: 'github' | 'clone';
      head: string;
      pull: PullRequestData | null;
    };

/** GitHub's base branch as it is now, fetched into the clone: a request is checked and built on it. */
export async function baseOnGitHub(
  spec: Pick<PublishSpec, 'octokit' | 'repo' | 'git' | 'source' | 'tokenEnv' | 'base'>,
): Promise<string> {
  const sha = await caller(spec.tokenEnv)(`reading the branch ${spec.base}`, () =>
    branchHead(spec.octokit, spec.repo, spec.base),
  );
  if (!sha)
    throw new ExternalError(
      'E_GIT_REF',
      `${spec.repo.owner}/${spec.repo.repo} has no branch ${spec.base} on GitHub, or the token in ${spec.tokenEnv} cannot see it: check GITHUB_REPOSITORY (or the clone's origin), and that the token can read the repository.`,
    );
  await spec.git.fetchCommits(spec.source, [sha]);
  return sha;
}

export async function publishRequest(spec: PublishSpec): Promise<Published> {
  const { git } = spec;
  const call = caller(spec.tokenEnv);
  const ref = `refs/heads/${spec.branch}`;

  const remote = await call(`looking for the branch ${spec.branch}`, () =>
    branchHead(spec.octokit, spec.repo, spec.branch),
  );
  if (remote) {
    const [pull] = await call(`looking for the pull request of ${spec.branch}`, () =>
      pullsForHead(spec.octokit, spec.repo, spec.branch, 'open'),
    );
    await git.fetchCommits(spec.source, [remote]);
    if (!(await holdsExactly(spec, remote)))
      return { taken: true, where: 'github', head: remote, pull: pull ?? null };
    if (pull || !spec.openPr)
      return { taken: false, commit: remote, pushed: true, pull: pull ?? null, changed: false };
    return { ...(await open(spec, remote)), commit: remote, pushed: true };
  }

  let commit = await git.readRef(ref);
  let changed = false;
  if (commit) {
    if (!(await holdsExactly(spec, commit)))
      return { taken: true, where: 'clone', head: commit, pull: null };
  } else {
    commit = await writeCommit(spec);
    if (!(await git.swapRef(ref, commit, null, 'grantops request'))) {
      const head = (await git.readRef(ref)) ?? commit;
      return { taken: true, where: 'clone', head, pull: null };
    }
    changed = true;
  }
  if (!spec.openPr) return { taken: false, commit, pushed: false, pull: null, changed };

  if (!(await git.pushNewBranch(spec.source, spec.branch, commit))) {
    // Pushed by someone else between the look and the push: theirs stays.
    const head =
      (await call(`looking for the branch ${spec.branch}`, () =>
        branchHead(spec.octokit, spec.repo, spec.branch),
      )) ?? commit;
    return { taken: true, where: 'github', head, pull: null };
  }
  return { ...(await open(spec, commit)), commit, pushed: true, changed: true };
}

/** The one commit of a request, by the requester, at the clock's time, on GitHub's main. */
async function writeCommit(spec: PublishSpec): Promise<string> {
  const who = noReplySignature(spec.account);
  const blob = await spec.git.writeBlob(spec.text);
  return spec.git.writeCommit({
    tree: await spec.git.editTree(spec.baseSha, [{ path: spec.path, blob }]),
    parents: [spec.baseSha],
    message: `${spec.title}\n`,
    author: who,
    committer: who,
    at: spec.at,
  });
}

/**
 * Whether the branch at `head` is this very request: since it left the base, it changes one
 * file, the grant file, and holds exactly the text this run would write.
 */
async function holdsExactly(spec: PublishSpec, head: string): Promise<boolean> {
  const { git } = spec;
  let forkPoint: string;
  try {
    forkPoint = await git.mergeBase(spec.baseSha, head);
  } catch (e) {
    if (e instanceof GrantopsError) return false; // no history in common
    throw e;
  }
  const changes = await git.changedPaths(forkPoint, head);
  if (changes.length !== 1 || changes[0]!.path !== spec.path || changes[0]!.status === 'D')
    return false;
  const blob = await git.objectAt(head, spec.path);
  return blob !== null && (await git.readText(blob)) === spec.text;
}

/** Opens the pull request with the requester's token; one that GitHub says exists is reported. */
async function open(
  spec: PublishSpec,
  head: string,
): Promise<{ taken: false; pull: PullRequestData; changed: boolean }> {
  const doing = { doing: `opening the pull request from ${spec.branch}`, tokenEnv: spec.tokenEnv };
  try {
    const { data } = await spec.octokit.rest.pulls.create({
      ...spec.repo,
      head: spec.branch,
      base: spec.base,
      title: spec.title,
      body: spec.body,
    });
    return { taken: false, pull: pullData(data), changed: true };
  } catch (e) {
    if (statusOf(e) !== 422) throw githubError(e, doing);
    // "A pull request already exists": another run opened it between the look and now.
    const [existing] = await pullsForHead(spec.octokit, spec.repo, spec.branch, 'open');
    if (!existing || existing.head.sha !== head) throw githubError(e, doing);
    return { taken: false, pull: existing, changed: false };
  }
}

function caller(tokenEnv: string) {
  return async <T>(doing: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof GrantopsError) throw e;
      throw githubError(e, { doing, tokenEnv });
    }
  };
}

/** Why an existing branch or pull request was left alone, and what to do about it. */
export function leftAlone(
  p: Published,
  r: { branch: string; role: string; login: string },
): string {
  const pull = p.pull ? `pull request #${p.pull.number} (${p.pull.url})` : null;
  const at = p.taken ? ` at ${p.head.slice(0, 10)}` : '';
  if (p.pull && p.pull.author.login !== r.login)
    return `${pull} from ${r.branch} was opened by ${p.pull.author.display}, not ${r.login}: the grantee is the author of the pull request (I1), so it can never grant ${r.login} access. Close it, then run this again.`;
  if (p.taken && p.where === 'clone')
    return `The branch ${r.branch} exists in this clone${at} with another change than this request. Delete it (git branch -D ${r.branch}) or publish it yourself, then run this again.`;
  if (pull)
    return `A request for ${r.role} by ${r.login} is open: ${pull}, on ${r.branch}${at}, with another grant file than this one. Push a commit to its branch to change it, or close it and delete the branch, then run this again.`;
  return `The branch ${r.branch} exists on GitHub${at} with another change than this request, and no pull request. Open a pull request from it, or delete it (git push origin --delete ${r.branch}), then run this again.`;
}
