#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  EXPIRY_PREFIX,
  parseExpiryBranch
} from "./chunk-AEYEIEEU.js";
import {
  forgeSettings,
  parseRepoRef,
  postCheck,
  repoName
} from "./chunk-4UFIR5RJ.js";
import {
  githubError,
  statusOf
} from "./chunk-346FUDTM.js";
import {
  createGitHubClient
} from "./chunk-LJEX3IY7.js";
import {
  ConfigError,
  ExternalError,
  GrantopsError,
  quote
} from "./chunk-3UBAAKNO.js";
import "./chunk-LC3XKIL7.js";

// src/github/app-token.ts
import { createPrivateKey, sign } from "node:crypto";
function privateKeyOf(pem) {
  try {
    return createPrivateKey(pem.includes("\\n") ? pem.replace(/\\n/g, "\n") : pem);
  } catch (e) {
    throw new ConfigError(
      `The GitHub App private key is not a PEM private key (${e instanceof Error ? e.message : String(e)}). Paste the whole .pem file GitHub generated, from "-----BEGIN RSA PRIVATE KEY-----" to the END line, into the secret.`
    );
  }
}
function appJwt(credentials, nowSeconds) {
  const key = privateKeyOf(credentials.privateKey);
  const part = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const iss = /^\d+$/.test(credentials.appId) ? Number(credentials.appId) : credentials.appId;
  const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iat: nowSeconds - 60, exp: nowSeconds + 540, iss })}`;
  const signature = sign("RSA-SHA256", Buffer.from(unsigned), key).toString("base64url");
  return `${unsigned}.${signature}`;
}
async function installationToken(options) {
  const { credentials, repo, nowSeconds, ...client } = options;
  const jwt = appJwt(credentials, nowSeconds ?? Math.floor(Date.now() / 1e3));
  const octokit = createGitHubClient({ ...client, token: jwt });
  const doing3 = `minting a GitHub App installation token for ${repoName(repo)}`;
  try {
    const { data: installation } = await octokit.rest.apps.getRepoInstallation({ ...repo });
    const { data } = await octokit.rest.apps.createInstallationAccessToken({
      installation_id: installation.id,
      repositories: [repo.repo]
    });
    return { token: data.token, expiresAt: data.expires_at, installationId: installation.id };
  } catch (e) {
    if (statusOf(e) === 404) {
      throw new ConfigError(
        `The GitHub App ${credentials.appId} is not installed on ${repoName(repo)} (GitHub answered 404 while ${doing3}). Install it on the repository (Settings \u2192 GitHub Apps, or the App's page \u2192 Install) and run again.`
      );
    }
    throw githubError(e, { doing: doing3, tokenEnv: "the GitHub App private key" });
  }
}

// src/github/card.ts
var CARD_MARKER = "<!-- grantops:request-card -->";
var MAX_COMMENT = 65536;
function cardBody(markdown) {
  const body = `${CARD_MARKER}
${markdown}`;
  if (body.length <= MAX_COMMENT) return body;
  const note = "\n\n\u2026 (cut: the full list is in the check `grantops/decision`)";
  return body.slice(0, MAX_COMMENT - note.length) + note;
}
async function upsertCard(octokit, repo, issueNumber, markdown, botLogin) {
  const body = cardBody(markdown);
  const bot = botLogin.toLowerCase();
  const cards = [];
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100
  });
  for await (const page of pages) {
    for (const c of page.data) {
      if (c.user?.login.toLowerCase() === bot && c.body?.startsWith(CARD_MARKER))
        cards.push({ id: c.id, body: c.body });
    }
    if (cards.length) break;
  }
  const [card, ...extra] = cards;
  for (const e of extra) await octokit.rest.issues.deleteComment({ ...repo, comment_id: e.id });
  if (!card) {
    await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
    return "created";
  }
  if (card.body === body) return "unchanged";
  await octokit.rest.issues.updateComment({ ...repo, comment_id: card.id, body });
  return "updated";
}

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
    const [existing] = await pullsForHead(octokit, repo, spec.head, "open");
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

// src/github/merge.ts
var message = (e) => {
  const data = e.response?.data;
  const text = typeof data?.message === "string" ? data.message : String(e.message);
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
};
async function squashMerge(octokit, repo, number, spec) {
  try {
    const { data } = await octokit.rest.pulls.merge({
      ...repo,
      pull_number: number,
      merge_method: "squash",
      sha: spec.sha,
      commit_title: spec.title,
      commit_message: spec.message
    });
    return { merged: true, commit: data.sha };
  } catch (e) {
    const status = statusOf(e);
    if (status !== 405 && status !== 409 && status !== 422) {
      throw githubError(e, {
        doing: `merging pull request #${number}`,
        tokenEnv: "GRANTOPS_APP_TOKEN"
      });
    }
    const said = message(e);
    if (status === 405) {
      const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
      if (pull.merged && pull.head.sha === spec.sha && pull.merge_commit_sha)
        return { merged: true, commit: pull.merge_commit_sha };
      if (pull.state !== "open")
        return { merged: false, reason: "not-allowed", message: `#${number} is closed.` };
      if (/base branch was modified/i.test(said))
        return { merged: false, reason: "head-moved", message: `GitHub: ${said}` };
      if (pull.mergeable === false || /not mergeable|conflict/i.test(said))
        return { merged: false, reason: "conflict", message: `GitHub: ${said}` };
    }
    if (status === 409) return { merged: false, reason: "head-moved", message: `GitHub: ${said}` };
    return { merged: false, reason: "not-allowed", message: `GitHub: ${said}` };
  }
}

// src/github/report-text.ts
var MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|~]/g;
var HTML = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
function mdText(text, max = 500) {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
  return cut.replace(/[&<>]/g, (c) => HTML[c]).replace(MD_SPECIAL, (c) => `\\${c}`).replace(/@/g, "@\u200B");
}
var code = (text) => `\`${text.slice(0, 200).replace(/[`\n\r]/g, "'").replace(/\|/g, "\\|")}\``;
var ICON = { success: "\u2705", pending: "\u23F3", failure: "\u274C" };
function duration(seconds) {
  if (seconds === null) return "\u2014";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds % 3600 / 60);
  return [h ? `${h}h` : "", m ? `${m}m` : "", !h && !m ? `${seconds}s` : ""].join("");
}
function cardMarkdown(report) {
  const lines = [`### ${ICON[report.conclusion]} grantops: ${mdText(report.summary, 200)}`, ""];
  if (report.grants.length) {
    lines.push("| grant file | role | for | change | window | approvals needed |");
    lines.push("| --- | --- | --- | --- | --- | --- |");
    for (const g of report.grants) {
      lines.push(
        `| ${code(g.path)} | ${mdText(g.role, 80)} | ${mdText(g.requester, 60)} | ${g.change} | ${duration(g.duration_seconds)} | ${g.approvals_required ?? "\u2014"} |`
      );
    }
    lines.push("");
  }
  const counted = report.approvals.counted.map((l) => mdText(l, 60));
  lines.push(`**Approvals that count:** ${counted.length ? counted.join(", ") : "none yet"}`);
  for (const i of report.approvals.ignored)
    lines.push(`- not counted: ${mdText(i.login, 60)} (${mdText(i.why, 200)})`);
  if (report.problems.length) {
    lines.push("", "**What to fix**", "");
    for (const p of report.problems) {
      const where = p.line ? `${p.path}:${p.line}` : p.path;
      lines.push(`- ${code(where)} ${code(p.code)} ${mdText(p.message, 1e3)}`);
    }
  }
  lines.push(
    "",
    `<sub>Decided on ${code(report.head.slice(0, 12))}. This comment is updated in place by grantops; a new commit or review starts a new decision.</sub>`
  );
  return lines.join("\n");
}
function checkAnnotations(report) {
  return report.problems.map((p) => ({
    path: p.path,
    line: p.line,
    level: "failure",
    title: p.code,
    message: p.message
  }));
}

// src/github/forge-expiry.ts
function expiryOf(pull, branch) {
  return {
    id: String(pull.number),
    reference: `#${pull.number}`,
    branch,
    state: pull.merged ? "merged" : pull.state === "open" ? "open" : "closed",
    head: pull.head.sha,
    mergedAs: pull.merged ? pull.mergeCommitSha : null
  };
}
var pathOf = (branch) => {
  const parts = parseExpiryBranch(branch);
  if (!parts)
    throw new ExternalError("E_EXPIRY_BRANCH", `${quote(branch)} is not an expiry branch.`);
  return `grants/${parts.role}/${parts.login}.yaml`;
};
async function listExpiries(ctx) {
  const branches = (await listExpiryBranches(ctx.octokit, ctx.repo)).filter(
    (b) => parseExpiryBranch(b.branch)
  );
  if (!branches.length) return [];
  const open = await listOpenPullRequests(ctx.octokit, ctx.repo, ctx.base);
  const out = [];
  for (const b of branches) {
    const pull = open.find((p) => !p.head.fork && p.head.ref === b.branch) ?? (await pullsForHead(ctx.octokit, ctx.repo, b.branch, "all"))[0];
    if (!pull) continue;
    const found = expiryOf(pull, b.branch);
    out.push(found);
    if (found.state !== "open") await deleteBranch(ctx.octokit, ctx.repo, b.branch);
  }
  return out;
}
async function openExpiry(ctx, spec) {
  const { octokit, repo } = ctx;
  if (pathOf(spec.branch) !== spec.path)
    throw new ExternalError(
      "E_EXPIRY_BRANCH",
      `${quote(spec.branch)} does not name the grant ${quote(spec.path)}.`
    );
  const created = await createBranch(octokit, repo, spec.branch, spec.base);
  if (!created) {
    const [existing] = await pullsForHead(octokit, repo, spec.branch, "all");
    if (existing) return { expiry: expiryOf(existing, spec.branch), created: false };
  }
  const head = created ? spec.base : await branchHead(octokit, repo, spec.branch);
  if (!head)
    throw new ExternalError(
      "E_EXPIRY_RACE",
      `The branch ${spec.branch} vanished while it was being opened; the next run opens it again.`
    );
  await ctx.git.fetchCommits(ctx.source, [head, spec.base]);
  const blob = await ctx.git.objectAt(head, spec.path);
  if (blob) {
    const judged = await ctx.git.objectAt(spec.base, spec.path);
    if (judged !== blob) {
      throw new ExternalError(
        "E_EXPIRY_STALE",
        `${quote(spec.path)} on ${spec.branch} is not the file judged at ${spec.base.slice(0, 12)}; the next run decides again.`
      );
    }
    try {
      await commitDeletion(octokit, repo, {
        branch: spec.branch,
        path: spec.path,
        blob,
        message: spec.title
      });
    } catch (e) {
      if (statusOf(e) !== 404 && statusOf(e) !== 409) throw e;
    }
  }
  const body = [
    `Records in git that access ended: deletes ${"`"}${spec.path}${"`"} (${mdText(spec.title, 200)}).`,
    "",
    "grantops merges this pull request itself with the audit trailers of docs/audit-trailers.md; revocation at the provider has already happened and never waits for it."
  ].join("\n");
  const { pull } = await openPullRequest(octokit, repo, {
    head: spec.branch,
    base: ctx.base,
    title: spec.title,
    body
  });
  if (!pull.labels.includes(EXPIRY_LABEL)) await addLabel(octokit, repo, pull.number, EXPIRY_LABEL);
  return { expiry: { ...expiryOf(pull, spec.branch), head: pull.head.sha }, created };
}
async function mergeExpiry(ctx, request, message2) {
  const pull = await getPullRequest(ctx.octokit, ctx.repo, Number(request.id));
  if (pull.merged) {
    return pull.head.sha === request.head && pull.mergeCommitSha ? { merged: true, commit: pull.mergeCommitSha } : {
      merged: false,
      reason: "head-moved",
      message: `${request.reference} was merged from another head.`
    };
  }
  if (pull.state !== "open")
    return { merged: false, reason: "not-allowed", message: `${request.reference} is closed.` };
  const path = pathOf(request.branch);
  await ctx.git.fetchCommits(ctx.source, [pull.base.sha, request.head]);
  const forkPoint = await ctx.git.mergeBase(pull.base.sha, request.head);
  const change = (await ctx.git.changedPaths(forkPoint, request.head)).flatMap((c) => [
    c.status,
    c.path
  ]);
  if (change.length !== 2 || change[0] !== "D" || change[1] !== path) {
    return {
      merged: false,
      reason: "not-allowed",
      message: `${request.reference} must only delete ${path}; its branch changes ${change.filter((_, i) => i % 2).map((p) => quote(p)).join(", ") || "nothing"}. Close it; the next expire run opens a clean one.`
    };
  }
  const judged = await ctx.git.objectAt(forkPoint, path);
  const now = await ctx.git.objectAt(pull.base.sha, path);
  if (now === null || now !== judged) {
    return {
      merged: false,
      reason: "not-allowed",
      message: `${path} changed on ${ctx.base} since ${request.reference} was opened (renewed or revoked): the revert is no longer due.`
    };
  }
  return squashMerge(ctx.octokit, ctx.repo, pull.number, { sha: request.head, ...message2 });
}
async function closeExpiry(ctx, request, why) {
  const pull = await getPullRequest(ctx.octokit, ctx.repo, Number(request.id));
  if (pull.state !== "open") return;
  await closePullRequest(
    ctx.octokit,
    ctx.repo,
    pull.number,
    `Closed by grantops: ${mdText(why, 500)}`
  );
}

// src/github/pushers.ts
async function pushersOf(octokit, repo, pull) {
  if (pull.head.fork) {
    return pull.head.owner ? [{ login: pull.head.owner, display: pull.head.owner }] : [{ login: null, display: `the deleted fork that opened #${pull.number}` }];
  }
  const res = await octokit.rest.repos.listActivities({
    ...repo,
    ref: `refs/heads/${pull.head.ref}`,
    direction: "desc",
    per_page: 100
  });
  const seen = /* @__PURE__ */ new Map();
  for (const a of res.data) {
    if (a.actor)
      seen.set(a.actor.login.toLowerCase(), {
        login: a.actor.login.toLowerCase(),
        display: a.actor.login
      });
    else
      seen.set("", { login: null, display: `a deleted account that pushed to ${pull.head.ref}` });
  }
  if (/rel="next"/.test(res.headers.link ?? "")) {
    seen.set("\0more", {
      login: null,
      display: `the authors of pushes to ${pull.head.ref} older than its latest 100 (open a new request from a fresh branch)`
    });
  }
  return [...seen.values()];
}

// src/github/reviews.ts
var STATES = {
  APPROVED: "approved",
  CHANGES_REQUESTED: "changes_requested",
  COMMENTED: "commented",
  DISMISSED: "dismissed"
};
async function listReviews(octokit, repo, number) {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    ...repo,
    pull_number: number,
    per_page: 100
  });
  return reviews.flatMap((r) => {
    const state = STATES[r.state];
    if (!state || !r.user) return [];
    return [
      {
        reviewer: r.user.login.toLowerCase(),
        state,
        commit: r.commit_id ?? "",
        submittedAt: r.submitted_at ?? null
      }
    ];
  });
}

// src/github/landing.ts
async function landingOf(octokit, repo, commit, baseBranch) {
  const { data: associated } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    ...repo,
    commit_sha: commit
  });
  const merged = associated.find((p) => p.merge_commit_sha === commit && p.base.ref === baseBranch);
  if (!merged || merged.merged_at === null) return null;
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: merged.number });
  const pull = pullData(data);
  if (!pull.merged || pull.mergeCommitSha !== commit) return null;
  const [reviews, commits, pushers] = await Promise.all([
    listReviews(octokit, repo, pull.number),
    pullCommitIdentities(octokit, repo, pull.number),
    pushersOf(octokit, repo, pull)
  ]);
  const fromCommits = commits.commits.flatMap((c) => [c.author, c.committer]);
  const incomplete = commits.complete ? [] : [{ login: null, display: `the authors of commits beyond the first 100 of #${pull.number}` }];
  return {
    request: `#${pull.number}`,
    author: pull.author,
    mergedBy: pull.mergedBy,
    head: pull.head.sha,
    reviews,
    pushers: [...pushers, ...fromCommits, ...incomplete]
  };
}

// src/github/forge.ts
var doing2 = (what) => ({ doing: what, tokenEnv: "GRANTOPS_APP_TOKEN" });
var GitHubForge = class {
  constructor(options) {
    this.options = options;
    this.base = options.base ?? "main";
    this.botLogin = options.botLogin?.toLowerCase() ?? null;
  }
  options;
  kind = "github";
  base;
  botLogin;
  /** Pull requests as the last listing gave them: `request()` of a listed id reuses them. */
  listed = /* @__PURE__ */ new Map();
  get gh() {
    return this.options.octokit;
  }
  get repo() {
    return this.options.repo;
  }
  async listRequests() {
    const pulls = await this.call(
      "listing open pull requests",
      () => listOpenPullRequests(this.gh, this.repo, this.base)
    );
    this.listed.clear();
    const requests = pulls.filter(
      (p) => !(p.head.ref.startsWith(EXPIRY_PREFIX) && !p.head.fork && this.isBot(p.author))
    );
    for (const p of requests) this.listed.set(String(p.number), p);
    return requests.map(summaryOf);
  }
  async request(id) {
    const pull = this.listed.get(id) ?? await this.fetchPull(id);
    const [identities, pushers] = await Promise.all([
      this.call(
        `reading the commits of #${id}`,
        () => pullCommitIdentities(this.gh, this.repo, pull.number)
      ),
      this.call(`reading who pushed to #${id}`, () => pushersOf(this.gh, this.repo, pull)),
      this.options.git.fetchCommits(this.options.source, [pull.head.sha, pull.base.sha])
    ]);
    const bySha = new Map(identities.commits.map((c) => [c.sha, c]));
    const shas = (await this.options.git.commitsBetween(pull.base.sha, pull.head.sha)).map(
      (c) => c.sha
    );
    const unknown = (sha) => ({
      login: null,
      display: `the author of ${sha.slice(0, 12)} (GitHub lists only the first 100 commits of a pull request; squash the request into fewer commits)`
    });
    const commits = shas.map((sha) => {
      const known = bySha.get(sha);
      return known ? { sha, author: known.author, committer: known.committer } : { sha, author: unknown(sha), committer: unknown(sha) };
    });
    return {
      ...summaryOf(pull),
      commits,
      pushers: dedupe([...pushers, ...commits.flatMap((c) => [c.author, c.committer])]),
      url: pull.url
    };
  }
  async reviews(request) {
    return this.call(
      `reading the reviews of ${request.reference}`,
      () => listReviews(this.gh, this.repo, Number(request.id))
    );
  }
  async report(request, report) {
    const card = cardMarkdown(report);
    const check = await this.call(
      `posting the check on ${request.reference}`,
      () => postCheck(this.gh, this.repo, {
        headSha: report.head,
        conclusion: report.conclusion,
        title: report.summary,
        summary: card,
        annotations: checkAnnotations(report)
      })
    );
    this.botLogin ??= check.appSlug ? `${check.appSlug}[bot]` : null;
    if (!this.botLogin) return;
    const bot = this.botLogin;
    await this.call(
      `updating the request card on ${request.reference}`,
      () => upsertCard(this.gh, this.repo, Number(request.id), card, bot)
    );
  }
  async merge(request, spec) {
    return squashMerge(this.gh, this.repo, Number(request.id), {
      sha: spec.head,
      title: spec.title,
      message: spec.message
    });
  }
  listExpiries() {
    return this.call("listing expiry branches", () => listExpiries(this.context()));
  }
  openExpiry(spec) {
    return this.call(
      `opening the expiry ${spec.branch}`,
      () => openExpiry(this.context(), spec)
    );
  }
  mergeExpiry(request, message2) {
    return this.call(
      `merging the expiry ${request.reference}`,
      () => mergeExpiry(this.context(), request, message2)
    );
  }
  closeExpiry(request, why) {
    return this.call(
      `closing the expiry ${request.reference}`,
      () => closeExpiry(this.context(), request, why)
    );
  }
  verifyLanding(commit) {
    return this.call(
      `asking how ${commit.slice(0, 12)} landed`,
      () => landingOf(this.gh, this.repo, commit, this.base)
    );
  }
  settings() {
    return forgeSettings(this.gh, this.repo, this.options.environment ?? "access");
  }
  context() {
    return {
      octokit: this.gh,
      repo: this.repo,
      git: this.options.git,
      source: this.options.source,
      base: this.base,
      bot: this.botLogin
    };
  }
  isBot(who) {
    return this.botLogin !== null ? who.login === this.botLogin : who.login?.endsWith("[bot]") ?? false;
  }
  async fetchPull(id) {
    const notFound = (why) => new ExternalError(
      "E_REQUEST_NOT_FOUND",
      `${quote(id)} is not an open pull request of ${repoName(this.repo)}: ${why}. Name a request by its pull request number (e.g. 12).`
    );
    if (!/^[1-9][0-9]{0,9}$/.test(id))
      throw notFound("a request on GitHub is a pull request number");
    let pull;
    try {
      pull = await getPullRequest(this.gh, this.repo, Number(id));
    } catch (e) {
      if (statusOf(e) === 404) throw notFound("GitHub has no such pull request");
      throw githubError(e, doing2(`reading pull request #${id}`));
    }
    if (pull.state !== "open") throw notFound(pull.merged ? "it was merged" : "it is closed");
    if (pull.base.ref !== this.base)
      throw notFound(`it targets ${quote(pull.base.ref)}, not ${this.base}`);
    return pull;
  }
  /** GitHub's failures become one ExternalError naming what grantops was doing. */
  async call(what, run) {
    try {
      return await run();
    } catch (e) {
      if (e instanceof GrantopsError) throw e;
      throw githubError(e, doing2(what));
    }
  }
};
function summaryOf(p) {
  return {
    id: String(p.number),
    reference: `#${p.number}`,
    title: p.title,
    author: p.author,
    base: { ref: p.base.ref, sha: p.base.sha },
    head: { ref: p.head.ref, sha: p.head.sha }
  };
}
function dedupe(people) {
  const seen = /* @__PURE__ */ new Map();
  for (const p of people) seen.set(p.login ?? `\0${p.display}`, p);
  return [...seen.values()];
}

// src/github/from-env.ts
async function githubForgeFromEnv(options) {
  const { env } = options;
  const name = env.GITHUB_REPOSITORY;
  if (!name) {
    throw new ConfigError(
      "The GitHub forge needs the repository: set GITHUB_REPOSITORY to OWNER/NAME (GitHub Actions sets it), or use --forge local."
    );
  }
  const repo = parseRepoRef(name, "GITHUB_REPOSITORY");
  const baseUrl = env.GITHUB_API_URL;
  const seams = options.fetch ? { fetch: options.fetch, noWait: true } : {};
  let token = env.GRANTOPS_APP_TOKEN;
  if (!token && env.GRANTOPS_APP_ID && env.GRANTOPS_APP_PRIVATE_KEY) {
    token = (await installationToken({
      credentials: { appId: env.GRANTOPS_APP_ID, privateKey: env.GRANTOPS_APP_PRIVATE_KEY },
      repo,
      ...baseUrl ? { baseUrl } : {},
      ...seams
    })).token;
  }
  if (!token) {
    throw new ConfigError(
      "The GitHub forge writes with the grantops App's installation token: set GRANTOPS_APP_TOKEN (the token output of actions/create-github-app-token), or GRANTOPS_APP_ID and GRANTOPS_APP_PRIVATE_KEY to mint one. GITHUB_TOKEN cannot: merges made with it trigger no workflow, and it cannot read teams."
    );
  }
  const server = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  return new GitHubForge({
    octokit: createGitHubClient({ token, ...baseUrl ? { baseUrl } : {}, ...seams }),
    repo,
    git: options.git,
    source: { url: options.gitUrl ?? `${server}/${name}.git`, token },
    ...env.GRANTOPS_APP_SLUG ? { botLogin: `${env.GRANTOPS_APP_SLUG}[bot]` } : {}
  });
}
export {
  githubForgeFromEnv
};
