import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  forgeSettings
} from "./chunk-OT77CHOJ.js";
import {
  EXPIRY_LABEL,
  addLabel,
  branchHead,
  closePullRequest,
  commitDeletion,
  createBranch,
  deleteBranch,
  getPullRequest,
  listExpiryBranches,
  listOpenPullRequests,
  openPullRequest,
  pullCommitIdentities,
  pullData,
  pullsForHead
} from "./chunk-KPBPZKB7.js";
import {
  repoName
} from "./chunk-ZMUX3FSB.js";
import {
  cardMarkdown,
  checkAnnotations,
  mdText
} from "./chunk-JA6BUSJN.js";
import {
  postCheck
} from "./chunk-DNXJ7DRY.js";
import {
  EXPIRY_PREFIX,
  parseExpiryBranch
} from "./chunk-XC7LFRFC.js";
import {
  githubError,
  statusOf
} from "./chunk-CJB666U3.js";
import {
  ExternalError,
  GrantopsError
} from "./chunk-AEA6CW7H.js";
import {
  quote
} from "./chunk-KLQUP7ME.js";

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
    throw new ExternalError(
      "E_EXPIRY_BRANCH",
      `${quote(branch)} is not an expiry branch. This is a bug in grantops: please report it.`
    );
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
      `${quote(spec.branch)} does not name the grant ${quote(spec.path)}. This is a bug in grantops: please report it.`
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
  const { pull, created: opened } = await openPullRequest(octokit, repo, {
    head: spec.branch,
    base: ctx.base,
    title: spec.title,
    body
  });
  if (opened && !created) {
    const merged = (await pullsForHead(octokit, repo, spec.branch, "all")).find(
      (p) => p.merged && p.number !== pull.number
    );
    if (merged) {
      await closePullRequest(
        octokit,
        repo,
        pull.number,
        `Closed by grantops: #${merged.number} already recorded this expiry.`
      );
      return { expiry: expiryOf(merged, spec.branch), created: false };
    }
  }
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
  if (!pull.labels.includes(EXPIRY_LABEL))
    await addLabel(ctx.octokit, ctx.repo, pull.number, EXPIRY_LABEL);
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
    const unseen = {
      login: null,
      // Short enough to be quoted whole in the decision's message (it cuts at 120 characters).
      display: `someone who pushed to the fork: open the request from a branch of ${repo.owner}/${repo.repo}`
    };
    return pull.head.owner ? [{ login: pull.head.owner, display: pull.head.owner }, unseen] : [{ login: null, display: `the deleted fork that opened #${pull.number}` }];
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
  const [{ data }, reviews, commits, pushers] = await Promise.all([
    octokit.rest.pulls.get({ ...repo, pull_number: merged.number }),
    listReviews(octokit, repo, merged.number),
    pullCommitIdentities(octokit, repo, merged.number),
    pushersOf(octokit, repo, pullData(merged))
  ]);
  const pull = pullData(data);
  if (!pull.merged || pull.mergeCommitSha !== commit) return null;
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
var doing = (what) => ({ doing: what, tokenEnv: "GRANTOPS_APP_TOKEN" });
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
  async report(request, report, parts = { check: true, card: true }) {
    const card = cardMarkdown(report);
    if (parts.check) {
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
    }
    if (!parts.card || !this.botLogin) return;
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
      throw githubError(e, doing(`reading pull request #${id}`));
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
      throw githubError(e, doing(what));
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

export {
  GitHubForge
};
