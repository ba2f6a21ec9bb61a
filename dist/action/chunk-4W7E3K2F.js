import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  FORGE_KINDS
} from "./chunk-XC7LFRFC.js";
import {
  objectAt,
  objectsAt
} from "./chunk-5CDPNGCY.js";
import {
  LOGIN_PATTERN,
  git,
  gitOk,
  resolveCommit,
  splitZ,
  stringArg
} from "./chunk-L2WRRIKU.js";
import {
  ExternalError,
  UsageError
} from "./chunk-AEA6CW7H.js";
import {
  quote
} from "./chunk-KLQUP7ME.js";

// src/git/fetch.ts
var SHA1 = /^[0-9a-f]{40}$/;
var present = async (repo, sha) => (await git(repo, ["cat-file", "-e", `${sha}^{commit}`])).code === 0;
function authEnv(url, token) {
  if (!token) return {};
  const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
  const key = `http.${url}.extraHeader`;
  return {
    GIT_CONFIG_COUNT: "2",
    GIT_CONFIG_KEY_0: key,
    GIT_CONFIG_VALUE_0: "",
    GIT_CONFIG_KEY_1: key,
    GIT_CONFIG_VALUE_1: `Authorization: Basic ${basic}`
  };
}
async function fetchCommits(repo, source, shas) {
  const missing = [];
  for (const sha of new Set(shas)) {
    if (!SHA1.test(sha))
      throw new ExternalError(
        "E_GIT",
        `${quote(sha, 60)} was named as a commit to fetch; only a full SHA-1 (40 hex digits) can be. This is a bug in grantops: please report it.`
      );
    if (!await present(repo, sha)) missing.push(sha);
  }
  if (!missing.length) return;
  const r = await git(
    repo,
    [
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-write-fetch-head",
      "--end-of-options",
      source.url,
      ...missing
    ],
    void 0,
    authEnv(source.url, source.token)
  );
  const fetched = (await Promise.all(missing.map((s) => present(repo, s)))).every(Boolean);
  if (r.code !== 0 || !fetched) {
    throw new ExternalError(
      "E_GIT_FETCH",
      `git could not fetch ${missing.map((s) => s.slice(0, 12)).join(", ")} into ${quote(repo, 200)}: ${r.stderr.trim().slice(0, 300) || `exit ${r.code}`}. Give the local repository the remote's history (in a workflow: actions/checkout with fetch-depth: 0) and a token that can read it, then run again.`
    );
  }
}

// src/git/history.ts
async function commitsBetween(repo, base, head) {
  const out = await gitOk(repo, [
    "log",
    "-z",
    "--reverse",
    "--topo-order",
    "--no-show-signature",
    "--format=%H%x00%an%x00%ae%x00%cn%x00%ce",
    `${base}..${head}`,
    "--"
  ]);
  const fields = out.toString("utf8").split("\0");
  const commits = [];
  for (let i = 0; i + 4 < fields.length; i += 5) {
    commits.push({
      sha: fields[i].trim(),
      author: { name: fields[i + 1], email: fields[i + 2] },
      committer: { name: fields[i + 3], email: fields[i + 4] }
    });
  }
  return commits;
}
async function firstParent(repo, commit) {
  const r = await git(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${commit}^`]);
  return r.code === 0 ? r.stdout.toString("utf8").trim() : null;
}
async function mergeBase(repo, a, b) {
  const r = await git(repo, ["merge-base", "--end-of-options", a, b]);
  if (r.code === 0) return r.stdout.toString("utf8").trim();
  throw new ExternalError(
    "E_GIT",
    r.code === 1 && !r.stderr.trim() ? `${a.slice(0, 12)} and ${b.slice(0, 12)} have no history in common: name a base and a head of the same repository.` : `git merge-base failed: ${r.stderr.trim() || `exit ${r.code}`}. Fix what git reports, then run again.`
  );
}
async function changedPaths(repo, base, head) {
  const fields = splitZ(
    await gitOk(repo, ["diff", "--no-renames", "--name-status", "-z", base, head, "--"])
  );
  const changes = [];
  for (let i = 0; i + 1 < fields.length; i += 2)
    changes.push({ status: fields[i], path: fields[i + 1] });
  return changes;
}

// src/git/push.ts
var BRANCH = /^[a-z0-9][a-z0-9/_-]{0,200}$/;
async function pushNewBranch(repo, target, branch, sha) {
  if (!SHA1.test(sha) || !BRANCH.test(branch) || branch.includes("//"))
    throw new ExternalError(
      "E_GIT",
      `Only a full SHA-1 to a request branch can be pushed; got ${quote(sha, 60)} to ${quote(branch, 120)}. This is a bug in grantops: please report it.`
    );
  const ref = `refs/heads/${branch}`;
  const r = await git(
    repo,
    [
      "push",
      "--quiet",
      "--porcelain",
      `--force-with-lease=${ref}:`,
      "--end-of-options",
      target.url,
      `${sha}:${ref}`
    ],
    void 0,
    authEnv(target.url, target.token)
  );
  if (r.code === 0) return true;
  if (/^!\t[^\t]*\t\[rejected\]/m.test(r.stdout.toString("utf8"))) return false;
  throw new ExternalError(
    "E_GIT",
    `git could not push ${branch} to the remote: ${r.stderr.trim().slice(0, 300) || `exit ${r.code}`}. The token must be able to write the repository's branches (for a fine-grained token: Contents, read and write).`
  );
}

// src/git/refs.ts
var ZERO_OID = "0000000000000000000000000000000000000000";
async function listRefs(repo, prefix) {
  const out = await gitOk(repo, [
    "for-each-ref",
    "--sort=refname",
    "--format=%(objectname) %(refname)",
    prefix
  ]);
  return out.toString("utf8").split("\n").filter(Boolean).map((line) => ({
    oid: line.slice(0, line.indexOf(" ")),
    name: line.slice(line.indexOf(" ") + 1)
  }));
}
async function readRef(repo, ref) {
  const r = await git(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", ref]);
  return r.code === 0 ? r.stdout.toString("utf8").trim() : null;
}
async function setRef(repo, ref, oid, reason) {
  await gitOk(repo, ["update-ref", "-m", reason, ref, oid]);
}
async function swapRef(repo, ref, to, from, reason) {
  const r = await git(repo, ["update-ref", "-m", reason, ref, to, from ?? ZERO_OID]);
  if (r.code === 0) return true;
  if (/but expected|reference already exists|\.lock': File exists/.test(r.stderr)) return false;
  throw new ExternalError(
    "E_GIT",
    `git update-ref ${ref} failed: ${r.stderr.trim()}. Fix what git reports (a lock file left by a stopped git?), then run again.`
  );
}
async function deleteRef(repo, ref, from) {
  const r = await git(repo, ["update-ref", "-d", ref, from]);
  return r.code === 0;
}
async function isAncestor(repo, ancestor, descendant) {
  const r = await git(repo, ["merge-base", "--is-ancestor", ancestor, descendant]);
  if (r.code === 0) return true;
  if (r.code === 1) return false;
  throw new ExternalError(
    "E_GIT",
    `git merge-base failed: ${r.stderr.trim()}. Fix what git reports, then run again.`
  );
}

// src/git/worktree.ts
async function checkoutsOf(repo, branch) {
  const out = (await gitOk(repo, ["worktree", "list", "--porcelain", "-z"])).toString("utf8");
  const dirs = [];
  for (const entry of out.split("\0\0")) {
    const fields = entry.split("\0");
    const dir = fields.find((f) => f.startsWith("worktree "))?.slice("worktree ".length);
    if (dir && !fields.includes("bare") && fields.includes(`branch ${branch}`)) dirs.push(dir);
  }
  return dirs;
}
async function advanceBranch(repo, branch, from, to, reason) {
  const checkouts = await checkoutsOf(repo, branch);
  for (const dir of checkouts) {
    const r = await git(dir, ["read-tree", "-n", "-m", "-u", from, to]);
    if (r.code !== 0) throw dirty(dir, branch, r.stderr);
  }
  if (!await swapRef(repo, branch, to, from, reason)) return false;
  for (const dir of checkouts) {
    const r = await git(dir, ["read-tree", "-m", "-u", from, to]);
    if (r.code !== 0) {
      await swapRef(repo, branch, from, to, `${reason} (undone)`);
      throw dirty(dir, branch, r.stderr);
    }
  }
  return true;
}
function dirty(dir, branch, stderr) {
  const name = branch.replace(/^refs\/heads\//, "");
  return new ExternalError(
    "E_WORKTREE_CHANGES",
    `${name} is checked out in ${dir} with local changes that moving it would overwrite, so ${name} was not moved: ${stderr.trim().split("\n").slice(0, 3).join(" ")} Commit or stash them (or check out another branch), then run again.`
  );
}

// src/git/write.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
var rawDate = (at) => `@${Math.floor(at.getTime() / 1e3)} +0000`;
async function writeBlob(repo, content) {
  return (await gitOk(repo, ["hash-object", "-w", "--stdin"], content)).toString("utf8").trim();
}
async function treeOf(repo, commit) {
  return (await gitOk(repo, ["rev-parse", "--verify", `${commit}^{tree}`])).toString("utf8").trim();
}
async function editTree(repo, commit, edits) {
  const dir = await mkdtemp(join(tmpdir(), "grantops-index-"));
  const env = { GIT_INDEX_FILE: join(dir, "index") };
  try {
    await gitOk(repo, ["read-tree", commit], void 0, env);
    for (const e of edits) {
      const args = e.blob ? ["update-index", "--add", "--cacheinfo", `${e.mode ?? "100644"},${e.blob},${e.path}`] : ["update-index", "--force-remove", "--", e.path];
      await gitOk(repo, args, void 0, env);
    }
    return (await gitOk(repo, ["write-tree"], void 0, env)).toString("utf8").trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
async function mergeTree(repo, ours, theirs) {
  const r = await git(repo, ["merge-tree", "--write-tree", "--no-messages", ours, theirs]);
  if (r.code === 1) return null;
  if (r.code !== 0)
    throw new ExternalError(
      "E_GIT",
      `git merge-tree failed: ${r.stderr.trim()}. Fix what git reports, then run again.`
    );
  return r.stdout.toString("utf8").split("\n", 1)[0].trim();
}
async function writeCommit(repo, spec) {
  const env = {
    GIT_AUTHOR_NAME: spec.author.name,
    GIT_AUTHOR_EMAIL: spec.author.email,
    GIT_AUTHOR_DATE: rawDate(spec.at),
    GIT_COMMITTER_NAME: spec.committer.name,
    GIT_COMMITTER_EMAIL: spec.committer.email,
    GIT_COMMITTER_DATE: rawDate(spec.at)
  };
  const args = ["commit-tree", spec.tree, ...spec.parents.flatMap((p) => ["-p", p]), "-F", "-"];
  return (await gitOk(repo, args, spec.message, env)).toString("utf8").trim();
}

// src/git/repository.ts
function gitRepository(dir) {
  return {
    dir,
    listRefs: (prefix) => listRefs(dir, prefix),
    readRef: (ref) => readRef(dir, ref),
    setRef: (ref, oid, reason) => setRef(dir, ref, oid, reason),
    swapRef: (ref, to, from, reason) => swapRef(dir, ref, to, from, reason),
    deleteRef: (ref, from) => deleteRef(dir, ref, from),
    advanceBranch: (ref, from, to, reason) => advanceBranch(dir, ref, from, to, reason),
    resolveCommit: (rev) => resolveCommit(dir, rev),
    firstParent: (commit) => firstParent(dir, commit),
    isAncestor: (ancestor, descendant) => isAncestor(dir, ancestor, descendant),
    mergeBase: (a, b) => mergeBase(dir, a, b),
    commitsBetween: (base, head) => commitsBetween(dir, base, head),
    changedPaths: (base, head) => changedPaths(dir, base, head),
    treeOf: (commit) => treeOf(dir, commit),
    objectAt: (commit, path) => objectAt(dir, commit, path),
    objectsAt: (commit, paths) => objectsAt(dir, commit, paths),
    readText: async (oid) => (await gitOk(dir, ["cat-file", "blob", oid])).toString("utf8"),
    writeBlob: (content) => writeBlob(dir, content),
    editTree: (commit, edits) => editTree(dir, commit, edits),
    mergeTree: (ours, theirs) => mergeTree(dir, ours, theirs),
    writeCommit: (spec) => writeCommit(dir, spec),
    async configuredIdentity() {
      const read = async (key) => (await git(dir, ["config", "--get", key])).stdout.toString("utf8").trim();
      const [name, email] = await Promise.all([read("user.name"), read("user.email")]);
      return { name, email };
    },
    fetchCommits: (source, shas) => fetchCommits(dir, source, shas),
    pushNewBranch: (target, branch, sha) => pushNewBranch(dir, target, branch, sha)
  };
}

// src/local/identity.ts
var LOGIN = new RegExp(LOGIN_PATTERN);
var NO_REPLY = /^(?:\d+\+)?([^@+\s]+)@users\.noreply\.github\.com$/i;
function loginOf(name, email) {
  const m = NO_REPLY.exec(email.trim());
  const candidate = m ? m[1] : name.trim();
  return LOGIN.test(candidate) ? candidate.toLowerCase() : null;
}
function identityOf(name, email) {
  return { login: loginOf(name, email), display: `${name} <${email}>` };
}
function signatureFor(login) {
  return { name: login, email: `${login}@users.noreply.github.com` };
}
var FORGE_SIGNATURE = { name: "grantops", email: "grantops@localhost" };
async function configuredLogin(git2) {
  const { name, email } = await git2.configuredIdentity();
  return name || email ? loginOf(name, email) : null;
}

// src/local/names.ts
var REQUEST_BRANCHES = "refs/heads/request/";
var APPROVALS = "refs/grantops/approvals/";
var REPORTS = "refs/grantops/reports/";
var LANDINGS = "refs/grantops/landings/";
var EXPIRY_BRANCHES = "refs/heads/grantops/expire/";
var CLOSED_EXPIRIES = "refs/grantops/closed/";
var heads = (branch) => `refs/heads/${branch}`;
var branchOf = (ref) => ref.replace(/^refs\/heads\//, "");

// src/local/expiries.ts
var RETRIES = 5;
var fullMessage = (m) => `${m.title}
${m.message ? `
${m.message}
` : ""}`;
function expiry(branch, head, state, mergedAs) {
  return { id: branch, reference: branch, branch, state, head, mergedAs };
}
async function listExpiries(ctx) {
  const { git: git2 } = ctx;
  const [open, closed, base] = await Promise.all([
    git2.listRefs(EXPIRY_BRANCHES),
    git2.listRefs(`${CLOSED_EXPIRIES}grantops/expire/`),
    git2.readRef(heads(ctx.base))
  ]);
  const out = [];
  for (const r of open) {
    const merged = base !== null && await git2.isAncestor(r.oid, base);
    out.push(expiry(branchOf(r.name), r.oid, merged ? "merged" : "open", merged ? r.oid : null));
  }
  for (const r of closed)
    out.push(expiry(r.name.slice(CLOSED_EXPIRIES.length), r.oid, "closed", null));
  return out;
}
async function current(ctx, branch) {
  const head = await ctx.git.readRef(heads(branch));
  if (!head) return null;
  const base = await ctx.git.readRef(heads(ctx.base));
  const merged = base !== null && await ctx.git.isAncestor(head, base);
  return expiry(branch, head, merged ? "merged" : "open", merged ? head : null);
}
async function openExpiry(ctx, spec) {
  const existing = await current(ctx, spec.branch);
  if (existing) return { expiry: existing, created: false };
  const { git: git2 } = ctx;
  if (await git2.objectAt(spec.base, spec.path) === null) {
    throw new ExternalError(
      "E_EXPIRY_NO_FILE",
      `Cannot open ${spec.branch}: ${spec.path} is not in ${spec.base.slice(0, 10)}. Run grantops expire again: it decides from main as it is now.`
    );
  }
  const commit = await git2.writeCommit({
    tree: await git2.editTree(spec.base, [{ path: spec.path, blob: null }]),
    parents: [spec.base],
    message: fullMessage(spec),
    author: FORGE_SIGNATURE,
    committer: FORGE_SIGNATURE,
    at: ctx.clock.now()
  });
  if (await git2.swapRef(heads(spec.branch), commit, null, "grantops expire: open")) {
    return { expiry: expiry(spec.branch, commit, "open", null), created: true };
  }
  const theirs = await current(ctx, spec.branch);
  if (!theirs)
    throw new ExternalError(
      "E_EXPIRY_RACE",
      `${spec.branch} vanished while it was opened; the next run opens it again.`
    );
  return { expiry: theirs, created: false };
}
async function mergeExpiry(ctx, branch, message) {
  const { git: git2 } = ctx;
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const base = await git2.readRef(heads(ctx.base));
    const head = await git2.readRef(heads(branch));
    if (!head || !base) {
      return { merged: false, reason: "not-allowed", message: `${branch} is closed.` };
    }
    if (await git2.isAncestor(head, base)) return { merged: true, commit: head };
    if (await git2.firstParent(head) === base) {
      if (await git2.advanceBranch(heads(ctx.base), base, head, "grantops expire"))
        return { merged: true, commit: head };
      continue;
    }
    const tree = await git2.mergeTree(base, head);
    if (tree === null) {
      return {
        merged: false,
        reason: "conflict",
        message: `${ctx.base} changed the grant file since ${branch} was opened (renewed or edited): the revert no longer applies.`
      };
    }
    if (tree === await git2.treeOf(base)) {
      return {
        merged: false,
        reason: "conflict",
        message: `${ctx.base} no longer has the grant file: nothing is left to revert.`
      };
    }
    const rebased = await git2.writeCommit({
      tree,
      parents: [base],
      message: fullMessage(message),
      author: FORGE_SIGNATURE,
      committer: FORGE_SIGNATURE,
      at: ctx.clock.now()
    });
    await git2.swapRef(heads(branch), rebased, head, "grantops expire: onto the base");
  }
  return {
    merged: false,
    reason: "head-moved",
    message: `${ctx.base} kept moving while ${branch} was merged; run again.`
  };
}
async function closeExpiry(ctx, e) {
  await ctx.git.setRef(`${CLOSED_EXPIRIES}${e.branch}`, e.head, "grantops expire: close");
  await ctx.git.deleteRef(heads(e.branch), e.head);
}

// src/local/records.ts
async function writeRecord(git2, ref, value) {
  const blob = await git2.writeBlob(`${JSON.stringify(value, null, 2)}
`);
  await git2.setRef(ref, blob, "grantops");
}
async function readRecord(git2, ref) {
  const oid = await git2.readRef(ref);
  if (!oid) return null;
  try {
    return JSON.parse(await git2.readText(oid));
  } catch {
    return null;
  }
}

// src/local/requests.ts
async function commitsBetween2(git2, base, head) {
  return (await git2.commitsBetween(base, head)).map((c) => ({
    sha: c.sha,
    author: identityOf(c.author.name, c.author.email),
    committer: identityOf(c.committer.name, c.committer.email)
  }));
}
async function readRequest(git2, base, branch) {
  const [head, baseSha] = await Promise.all([git2.readRef(heads(branch)), git2.readRef(heads(base))]);
  if (!head) return null;
  if (!baseSha) {
    throw new ExternalError(
      "E_GIT_REF",
      `The base branch ${quote(base)} does not exist in ${git2.dir}: the local forge merges requests into it. Create it with the policies committed on it, then run again.`
    );
  }
  const commits = await commitsBetween2(git2, baseSha, head);
  if (commits.length === 0) return null;
  const seen = /* @__PURE__ */ new Set();
  const pushers = [];
  for (const who of commits.flatMap((c) => [c.author, c.committer])) {
    const key = who.login ?? who.display;
    if (seen.has(key)) continue;
    seen.add(key);
    pushers.push(who);
  }
  return {
    id: branch,
    reference: branch,
    title: branch,
    author: commits[0].author,
    base: { ref: base, sha: baseSha },
    head: { ref: branch, sha: head },
    commits,
    pushers,
    url: null
  };
}
async function listRequestBranches(git2) {
  return (await git2.listRefs(REQUEST_BRANCHES)).map((r) => branchOf(r.name));
}
async function resolveRequestBranch(git2, id) {
  const trimmed = id.trim().replace(/^refs\/heads\//, "");
  const candidates = trimmed.startsWith("request/") ? [trimmed] : [`request/${trimmed}`, trimmed];
  for (const c of candidates) {
    if (c.startsWith("request/") && await git2.readRef(heads(c))) return c;
  }
  const open = await listRequestBranches(git2);
  throw new ExternalError(
    "E_REQUEST_NOT_FOUND",
    `There is no request ${quote(id)}: requests are branches request/<role>/<login>.${open.length ? ` Open: ${open.slice(0, 10).join(", ")}${open.length > 10 ? ", \u2026" : ""}.` : " None is open; make one with grantops request."}`
  );
}

// src/local/forge.ts
var LOGIN2 = new RegExp(LOGIN_PATTERN);
var RETRIES2 = 5;
var LocalForge = class {
  kind = "local";
  git;
  base;
  clock;
  constructor(options) {
    this.git = options.git;
    this.clock = options.clock;
    this.base = options.base ?? "main";
  }
  get expiryContext() {
    return { git: this.git, base: this.base, clock: this.clock };
  }
  async listRequests() {
    const out = [];
    for (const branch of await listRequestBranches(this.git)) {
      const r = await readRequest(this.git, this.base, branch);
      if (r) out.push(summaryOf(r));
    }
    return out;
  }
  async request(id) {
    const branch = await resolveRequestBranch(this.git, id);
    const r = await readRequest(this.git, this.base, branch);
    if (!r) {
      throw new ExternalError(
        "E_REQUEST_NOT_FOUND",
        `${quote(branch)} has no commit that is not already on ${this.base}: it was merged, or holds no change yet. Commit the grant file on it, or see grantops status if it was merged.`
      );
    }
    return r;
  }
  /** Approvals only: the local forge has no other kind of review. One per login, its latest. */
  async reviews(request) {
    const prefix = `${APPROVALS}${request.head.ref}/`;
    return (await this.git.listRefs(prefix)).flatMap((r) => {
      const login = r.name.slice(prefix.length);
      return LOGIN2.test(login) ? [
        {
          reviewer: login.toLowerCase(),
          state: "approved",
          commit: r.oid,
          submittedAt: null
        }
      ] : [];
    });
  }
  /**
   * Records `login`'s approval of the request's current head (`grantops approve`). A later
   * commit on the request leaves the ref on the old commit: the approval is then stale.
   */
  async approve(id, login, expectedHead) {
    if (!LOGIN2.test(login)) {
      throw new ExternalError(
        "E_LOGIN",
        `${quote(login)} is not a GitHub login (letters, digits and single inner hyphens, at most 39). Use the login as GitHub shows it, e.g. carol.`
      );
    }
    const request = await this.request(id);
    if (expectedHead !== void 0 && request.head.sha !== expectedHead) {
      throw new ExternalError(
        "E_HEAD_MOVED",
        `${quote(request.id)} moved to ${request.head.sha.slice(0, 10)} while ${expectedHead.slice(0, 10)} was being approved: look at the new commit, then approve again.`
      );
    }
    const ref = `${APPROVALS}${request.head.ref}/${login.toLowerCase()}`;
    await this.git.setRef(ref, request.head.sha, "grantops approve");
    return { request, commit: request.head.sha };
  }
  async report(request, report) {
    await writeRecord(this.git, `${REPORTS}${request.head.ref}`, report);
  }
  /** The last decision reported on a request branch, as `report` stored it. */
  async lastReport(branch) {
    return await readRecord(this.git, `${REPORTS}${branch}`);
  }
  async merge(request, spec) {
    const branch = request.head.ref;
    for (let attempt = 0; attempt < RETRIES2; attempt++) {
      const head = await this.git.readRef(heads(branch));
      if (head !== spec.head) {
        return {
          merged: false,
          reason: "head-moved",
          message: `${branch} moved to ${head?.slice(0, 10) ?? "nothing"} after ${spec.head.slice(0, 10)} was judged; it is decided again on the next run.`
        };
      }
      const base = await this.git.readRef(heads(this.base));
      if (!base)
        throw new ExternalError(
          "E_GIT_REF",
          `The base branch ${this.base} is gone. Create it again at its last commit, then run again.`
        );
      const tree = await this.git.mergeTree(base, spec.head);
      if (tree === null) {
        return {
          merged: false,
          reason: "conflict",
          message: `${branch} conflicts with ${this.base}: update the request onto ${this.base} and ask for approval again.`
        };
      }
      if (tree === await this.git.treeOf(base)) {
        return {
          merged: false,
          reason: "not-allowed",
          message: `${branch} changes nothing on ${this.base}.`
        };
      }
      const judged = await readRequest(this.git, this.base, branch);
      const author = request.author.login;
      const reviews = await this.reviews(request);
      const commit = await this.git.writeCommit({
        tree,
        parents: [base],
        message: `${spec.title}
${spec.message ? `
${spec.message}
` : ""}`,
        author: author ? signatureFor(author) : FORGE_SIGNATURE,
        committer: FORGE_SIGNATURE,
        at: this.clock.now()
      });
      if (!await this.git.advanceBranch(heads(this.base), base, commit, "grantops merge"))
        continue;
      const proof = {
        request: request.reference,
        author: request.author,
        mergedBy: FORGE_SIGNATURE.name,
        head: spec.head,
        reviews,
        pushers: judged?.pushers ?? []
      };
      await writeRecord(this.git, `${LANDINGS}${commit}`, proof);
      for (const r of reviews)
        await this.git.deleteRef(`${APPROVALS}${branch}/${r.reviewer}`, r.commit);
      await this.git.deleteRef(heads(branch), spec.head);
      return { merged: true, commit };
    }
    return {
      merged: false,
      reason: "head-moved",
      message: `${this.base} kept moving while ${branch} was merged; run again.`
    };
  }
  listExpiries() {
    return listExpiries(this.expiryContext);
  }
  openExpiry(spec) {
    return openExpiry(this.expiryContext, spec);
  }
  mergeExpiry(expiry2, message) {
    return mergeExpiry(this.expiryContext, expiry2.branch, message);
  }
  closeExpiry(expiry2, _why) {
    return closeExpiry(this.expiryContext, expiry2);
  }
  async verifyLanding(commit) {
    const sha = await this.git.resolveCommit(commit);
    return asProof(await readRecord(this.git, `${LANDINGS}${sha}`));
  }
};
function summaryOf(r) {
  return {
    id: r.id,
    reference: r.reference,
    title: r.title,
    author: r.author,
    base: r.base,
    head: r.head
  };
}
function asProof(value) {
  const v = value;
  return v && typeof v.request === "string" && typeof v.head === "string" && Array.isArray(v.reviews) && Array.isArray(v.pushers) && typeof v.author === "object" ? v : null;
}

// src/wiring/forge.ts
var FORGE_OPTION = {
  forge: {
    type: "string",
    help: "github or local (default: github inside GitHub Actions or when GITHUB_REPOSITORY is set, else local)."
  }
};
function forgeKind(ctx, args) {
  const asked = stringArg(args, "forge");
  if (asked === void 0)
    return ctx.env.GITHUB_ACTIONS === "true" || ctx.env.GITHUB_REPOSITORY ? "github" : "local";
  if (!FORGE_KINDS.includes(asked))
    throw new UsageError(
      `--forge ${quote(asked)} is not a forge. Use one of: ${FORGE_KINDS.join(", ")}.`
    );
  return asked;
}
async function openForge(ctx, args, command, seams = {}) {
  if (forgeKind(ctx, args) === "github") {
    const { githubForgeFromEnv } = await import("./from-env-HBWQB5WS.js");
    return githubForgeFromEnv({ env: ctx.env, git: gitRepository(ctx.repo), ...seams });
  }
  return localForge(ctx, args, command);
}
function localForge(ctx, args, command) {
  const kind = forgeKind(ctx, args);
  if (kind !== "local") {
    throw new UsageError(
      `grantops ${command} --forge ${kind} works on the local forge only; on GitHub, use the pull request itself. Use --forge local on a plain git repository${kind === "github" && !stringArg(args, "forge") ? " (GitHub was chosen because GITHUB_ACTIONS or GITHUB_REPOSITORY is set)" : ""}.`
    );
  }
  return new LocalForge({ git: gitRepository(ctx.repo), clock: ctx.clock });
}

export {
  isAncestor,
  gitRepository,
  signatureFor,
  configuredLogin,
  heads,
  FORGE_OPTION,
  forgeKind,
  openForge,
  localForge
};
