import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  EXPIRY_PREFIX
} from "./chunk-XC7LFRFC.js";
import {
  githubError,
  statusOf
} from "./chunk-CJB666U3.js";

// src/github/pulls.ts
function identityOf(user, fallback) {
  return user ? { login: user.login.toLowerCase(), display: user.login } : { login: null, display: fallback };
}
function pullData(p) {
  const fork = p.head.repo === null || p.head.repo.full_name !== p.base.repo?.full_name;
  return {
    number: p.number,
    title: p.title,
    body: p.body,
    state: p.state === "open" ? "open" : "closed",
    draft: p.draft === true,
    author: identityOf(p.user, "a deleted account (ghost)"),
    base: { ref: p.base.ref, sha: p.base.sha },
    head: {
      ref: p.head.ref,
      sha: p.head.sha,
      owner: (p.head.repo?.owner.login ?? p.head.user?.login ?? null)?.toLowerCase() ?? null,
      fork
    },
    labels: p.labels.flatMap((l) => l.name ? [l.name] : []),
    url: p.html_url,
    merged: p.merged ?? p.merged_at !== null,
    mergedBy: p.merged_by?.login.toLowerCase() ?? null,
    mergeCommitSha: p.merge_commit_sha
  };
}
async function getPullRequest(octokit, repo, number) {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  return pullData(data);
}
async function listOpenPullRequests(octokit, repo, base) {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    ...repo,
    state: "open",
    ...base ? { base } : {},
    sort: "created",
    direction: "asc",
    per_page: 100
  });
  return pulls.map(pullData);
}
async function pullCommitIdentities(octokit, repo, number) {
  const res = await octokit.rest.pulls.listCommits({ ...repo, pull_number: number, per_page: 100 });
  const person = (account, git) => identityOf(
    account && "login" in account && typeof account.login === "string" ? { login: account.login } : null,
    `${git?.name ?? "?"} <${git?.email ?? "?"}>`
  );
  return {
    commits: res.data.map((c) => ({
      sha: c.sha,
      author: person(c.author, c.commit.author),
      committer: person(c.committer, c.commit.committer)
    })),
    complete: !/rel="next"/.test(res.headers.link ?? "")
  };
}

// src/github/expiry.ts
var EXPIRY_LABEL = "grantops:expiry";
var doing = (what) => ({ doing: what, tokenEnv: "GRANTOPS_APP_TOKEN" });
async function listExpiryBranches(octokit, repo) {
  return branchesUnder(octokit, repo, EXPIRY_PREFIX);
}
async function branchesUnder(octokit, repo, prefix) {
  const { data } = await octokit.rest.git.listMatchingRefs({ ...repo, ref: `heads/${prefix}` });
  return data.map((r) => ({ branch: r.ref.replace(/^refs\/heads\//, ""), sha: r.object.sha }));
}
async function branchHead(octokit, repo, branch) {
  const found = await branchesUnder(octokit, repo, branch);
  return found.find((b) => b.branch === branch)?.sha ?? null;
}
async function createBranch(octokit, repo, branch, sha) {
  try {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
    return true;
  } catch (e) {
    if (statusOf(e) === 422 && /already exists/i.test(String(e.message))) return false;
    throw githubError(e, doing(`creating the branch ${branch}`));
  }
}
async function deleteBranch(octokit, repo, branch) {
  try {
    await octokit.rest.git.deleteRef({ ...repo, ref: `heads/${branch}` });
  } catch (e) {
    if (statusOf(e) === 422 || statusOf(e) === 404) return;
    throw githubError(e, doing(`deleting the branch ${branch}`));
  }
}
async function commitDeletion(octokit, repo, spec) {
  const { data } = await octokit.rest.repos.deleteFile({
    ...repo,
    path: spec.path,
    branch: spec.branch,
    sha: spec.blob,
    message: spec.message
  });
  if (!data.commit.sha)
    throw githubError(new Error("no commit in the answer"), doing(`deleting ${spec.path}`));
  return data.commit.sha;
}
async function openPullRequest(octokit, repo, spec) {
  try {
    const { data } = await octokit.rest.pulls.create({ ...repo, ...spec });
    return { pull: pullData(data), created: true };
  } catch (e) {
    if (statusOf(e) !== 422)
      throw githubError(e, doing(`opening a pull request from ${spec.head}`));
    const [existing] = await pullsForHead(octokit, repo, spec.head, "all");
    if (!existing) throw githubError(e, doing(`opening a pull request from ${spec.head}`));
    return { pull: existing, created: false };
  }
}
async function pullsForHead(octokit, repo, branch, state) {
  const { data } = await octokit.rest.pulls.list({
    ...repo,
    head: `${repo.owner}:${branch}`,
    state,
    per_page: 100
  });
  return data.map(pullData);
}
async function addLabel(octokit, repo, number, label) {
  await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: [label] });
}
async function closePullRequest(octokit, repo, number, why) {
  await octokit.rest.issues.createComment({ ...repo, issue_number: number, body: why });
  await octokit.rest.pulls.update({ ...repo, pull_number: number, state: "closed" });
}

export {
  pullData,
  getPullRequest,
  listOpenPullRequests,
  pullCommitIdentities,
  EXPIRY_LABEL,
  listExpiryBranches,
  branchHead,
  createBranch,
  deleteBranch,
  commitDeletion,
  openPullRequest,
  pullsForHead,
  addLabel,
  closePullRequest
};
