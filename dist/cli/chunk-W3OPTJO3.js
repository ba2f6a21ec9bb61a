#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  grantWindow,
  parseTrailers,
  pullRequestFromSubject,
  trailersFor,
  windowState
} from "./chunk-5GSE7XHR.js";
import {
  describeIgnored,
  fileRules,
  judgeApprovals,
  landedContentRules,
  parseGrantFile,
  requesterEligible,
  roleExists
} from "./chunk-V4LXNA3V.js";
import {
  parseTimestamp
} from "./chunk-R64KUAPR.js";
import {
  BlobReader,
  POLICY_FILE,
  decodeUtf8
} from "./chunk-V7ERLXNP.js";
import {
  GRANTS_DIR,
  MAX_GRANT_BYTES,
  MAX_POLICY_BYTES,
  POLICIES_DIR,
  expandPrincipals,
  git,
  gitEnv,
  gitOk,
  isRegularFileMode,
  loadPolicies,
  parseGrantPath,
  resolveCommit,
  splitZ,
  tryResolveCommit
} from "./chunk-FZ7HWEFT.js";
import {
  ExternalError,
  GrantopsError,
  problem
} from "./chunk-P6HFGWWX.js";
import {
  quote
} from "./chunk-LUMG572G.js";

// src/core/record.ts
function evidenceFor(message, path, role, requester, trailers = parseTrailers(message)) {
  const block = trailersFor(trailers, path, role, requester);
  const pr = trailers.pullRequest ?? pullRequestFromSubject(message);
  return {
    approvedBy: trailers.approvedBy,
    pr,
    source: block ? "trailers" : "git",
    reason: block?.reason ?? null
  };
}
function recordOf(v, trailers = parseTrailers(v.message)) {
  const l = v.version;
  const e = evidenceFor(v.message, v.path, l.role, l.requester, trailers);
  return {
    landing: l,
    commit: v.commit,
    landedAt: v.landedAt,
    approvers: l.approval?.counted ?? [],
    pr: e.pr,
    source: e.source
  };
}
var ORDER = {
  active: 0,
  scheduled: 1,
  unapproved: 2,
  invalid: 3,
  expired: 4
};
function grantsAt(records, now, include = ["active", "scheduled", "unapproved", "invalid"]) {
  const out = [];
  for (const r of records) {
    const { landing } = r;
    const w = landing.state === "valid" ? landing.window : null;
    const state = w ? windowState(w, now) : landing.state === "unapproved" ? "unapproved" : "invalid";
    if (!include.includes(state)) continue;
    const t = now.getTime();
    out.push({
      role: landing.role,
      requester: landing.requester,
      path: landing.path,
      state,
      startsAt: w?.startsAt ?? null,
      expiresAt: w?.expiresAt ?? null,
      landedAt: r.landedAt,
      commit: r.commit,
      secondsLeft: state === "active" ? Math.round((w.expiresAt.getTime() - t) / 1e3) : state === "scheduled" ? Math.round((w.startsAt.getTime() - t) / 1e3) : null,
      durationSeconds: w?.seconds ?? null,
      capped: w?.capped ?? false,
      reason: landing.grant?.reason ?? null,
      ticket: landing.grant?.ticket ?? null,
      approvers: r.approvers,
      approvalsRequired: landing.approval?.required ?? null,
      notCounted: landing.approval?.notCounted ?? [],
      pr: r.pr,
      source: r.source,
      problems: landing.problems.map((p) => p.code)
    });
  }
  const key = (e) => (e.state === "scheduled" ? e.startsAt : e.expiresAt)?.getTime() ?? 0;
  return out.sort(
    (a, b) => ORDER[a.state] - ORDER[b.state] || key(a) - key(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  );
}

// src/core/latest.ts
var LatestVersions = class {
  files = /* @__PURE__ */ new Map();
  /**
   * Records that commit `c` changed `path` to `version` (null: deleted, or no longer a grant
   * file at all) and returns the version it replaced, if any.
   */
  record(c, path, version) {
    const previous = this.files.get(path);
    if (version === null) this.files.delete(path);
    else
      this.files.set(path, {
        path,
        commit: c.oid,
        landedAt: c.committedAt,
        message: c.message,
        version
      });
    return previous;
  }
  /** The latest version of every grant file on the branch, in the order they first landed. */
  values() {
    return [...this.files.values()];
  }
};
var LandingClock = class {
  last = Number.NEGATIVE_INFINITY;
  /** The landing time of the next first-parent commit, given its committer time. */
  next(committedAt) {
    const t = committedAt.getTime();
    if (t >= this.last) {
      this.last = t;
      return committedAt;
    }
    return new Date(this.last);
  }
};

// src/git/judge-worker.ts
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

// src/core/landing-approval.ts
function judgeLanding(c, evidence) {
  const role = c.role;
  if (!role) return null;
  const count = judgeApprovals({
    role,
    groups: c.input.policy.groups,
    teams: c.input.teams,
    requester: c.login,
    values: evidence.approvedBy,
    directory: evidence.directory
  });
  const requester = [...requesterEligible(c)];
  return {
    required: count.required,
    counted: count.counted,
    notCounted: count.ignored,
    requester,
    approved: count.counted.length >= count.required && requester.length === 0
  };
}
function unapprovedProblem(path, roleName, approvers, a) {
  const parts = [];
  if (a.counted.length < a.required) {
    parts.push(
      `${roleName} needed ${a.required} approval${a.required > 1 ? "s" : ""} from ${approvers.join(", ")} when this landed; the landing commit's Approved-by trailers name ${a.counted.length} that count${a.counted.length ? ` (${a.counted.join(", ")})` : ""}.`
    );
  }
  if (a.notCounted.length) {
    parts.push(
      `Not counted: ${describeIgnored({ required: a.required, counted: a.counted, ignored: a.notCounted, unresolved: [] })}.`
    );
  }
  for (const p of a.requester) parts.push(`Requester: ${p.message}`);
  parts.push(
    `Trailers are evidence, not authority: anyone who writes the commit writes them. A landing that skipped review or eligibility grants nothing; revert it, or land the request through grantops.`
  );
  return problem(path, null, "E_UNAPPROVED_LANDING", parts.join(" "));
}

// src/core/landing.ts
function isGrantCandidate(path) {
  return path.startsWith("grants/") && /\.ya?ml$/i.test(path);
}
function grantIdentity(path) {
  const parsed = parseGrantPath(path);
  if (parsed) return { role: parsed.role, requester: parsed.login };
  const segments = path.split("/");
  return {
    role: segments[1] ?? "",
    requester: (segments[segments.length - 1] ?? "").replace(/\.ya?ml$/i, "")
  };
}
var NO_POLICY = { admins: [], groups: /* @__PURE__ */ new Map(), providers: /* @__PURE__ */ new Map(), roles: /* @__PURE__ */ new Map() };
function checkLanding(v, ctx) {
  const { role, requester } = grantIdentity(v.path);
  const base = { path: v.path, role, requester, window: null };
  const invalid = (problems2, grant2 = null, approval2 = null) => ({ ...base, state: "invalid", grant: grant2, approval: approval2, problems: problems2 });
  if (!parseGrantPath(v.path)) {
    return invalid([
      problem(
        v.path,
        null,
        "E_PATH",
        `${quote(v.path)} is not a grant path. Grants live at grants/<role>/<login>.yaml, in lower case.`
      )
    ]);
  }
  const change = fileChangeOf(v);
  const policy = ctx.policy ?? NO_POLICY;
  const c = {
    change,
    roleName: role,
    login: requester,
    role: policy.roles.get(role),
    input: { author: requester, changes: [], policy, teams: ctx.teams, now: ctx.landedAt }
  };
  const stored = fileRules.flatMap((r) => r(c));
  if (stored.length) return invalid(stored);
  if (change.text === null) {
    return invalid([
      problem(
        v.path,
        null,
        "E_MISSING_OBJECT",
        "The grant file content is missing from the repository (a partial or damaged clone)."
      )
    ]);
  }
  const problems = [...roleExists(c)];
  if (c.role && !(c.role.maxDurationSeconds > 0 && Number.isFinite(c.role.maxDurationSeconds))) {
    problems.push(
      problem(
        v.path,
        null,
        "E_POLICY_INVALID",
        `Role ${quote(role)} had no readable max_duration when this file landed, so no window can be bounded.`
      )
    );
  }
  c.parsed = parseGrantFile(v.path, change.text, c.role);
  problems.push(...c.parsed.problems);
  let approval = null;
  try {
    problems.push(...landedContentRules.flatMap((r) => r(c)));
    approval = judgeLanding(c, ctx);
  } catch (err) {
    problems.push(
      problem(
        v.path,
        null,
        "E_POLICY_INVALID",
        `Role ${quote(role)} could not be applied as it stood when this file landed: ${quote(err.message, 200)}.`
      )
    );
  }
  const grant = c.parsed.grant;
  const seconds = c.parsed.durationSeconds;
  if (problems.length || !grant || !c.role || seconds === null || !approval)
    return invalid(problems, grant, approval);
  if (!approval.approved) {
    return {
      ...base,
      state: "unapproved",
      grant,
      approval,
      problems: [
        unapprovedProblem(v.path, role, c.role.approvers, approval),
        ...approval.requester
      ]
    };
  }
  return {
    ...base,
    state: "valid",
    grant,
    approval,
    // The rules refused a duration over the role's maximum; the cap stays as a second guard.
    window: grantWindow({
      landedAt: ctx.landedAt,
      start: grant.start === void 0 ? null : parseTimestamp(grant.start),
      durationSeconds: seconds,
      maxSeconds: c.role.maxDurationSeconds
    }),
    problems: []
  };
}
function fileChangeOf(v) {
  const change = {
    path: v.path,
    status: "added",
    oldMode: "000000",
    newMode: v.mode,
    size: null,
    text: null
  };
  if ("text" in v.content) {
    change.text = v.content.text;
  } else if (v.content.unreadable === "too-large") {
    change.size = v.content.size ?? MAX_GRANT_BYTES + 1;
  } else if (v.content.unreadable === "not-utf8") {
    change.notUtf8 = true;
  }
  return change;
}

// src/git/landing-judge.ts
function hasContent(c) {
  return c.status !== "D" && isRegularFileMode(c.newMode);
}
function versionOf(c, blob) {
  const content = blob ? contentOf(blob) : { unreadable: "missing" };
  return { path: c.path, mode: c.newMode, content };
}
function contentOf(b) {
  if (b.size === null) return { unreadable: "missing" };
  if (b.size > MAX_GRANT_BYTES || !b.bytes) return { unreadable: "too-large", size: b.size };
  const text = decodeUtf8(b.bytes);
  return text === null ? { unreadable: "not-utf8" } : { text };
}
var TeamLookup = class {
  constructor(directory) {
    this.directory = directory;
  }
  directory;
  cache = /* @__PURE__ */ new Map();
  get known() {
    return this.directory !== void 0;
  }
  forRole(policy, roleName) {
    const role = policy?.roles.get(roleName);
    if (!this.directory || !policy || !role) return NO_TEAMS;
    const teams = /* @__PURE__ */ new Set([
      ...expandPrincipals(role.requesters, policy.groups).teams,
      ...expandPrincipals(role.approvers, policy.groups).teams
    ]);
    if (teams.size === 0) return NO_TEAMS;
    const directory = this.directory;
    return Promise.all(
      [...teams].map(async (t) => {
        let members = this.cache.get(t);
        if (!members) this.cache.set(t, members = directory.members(t));
        return [t, await members];
      })
    ).then((entries) => new Map(entries));
  }
  /**
   * Checks one landed version with the teams its role names, as far as the directory knows them:
   * at once when no team needs the directory (the usual case: no await per landing).
   */
  judge(v, policy, at) {
    const teams = this.forRole(policy, grantIdentity(v.path).role);
    if (teams instanceof Promise) return teams.then((t) => judgeWith(v, policy, at, t, this.known));
    return judgeWith(v, policy, at, teams, this.known);
  }
};
var NO_TEAMS = /* @__PURE__ */ new Map();
function judgeWith(v, policy, at, teams, directory) {
  return checkLanding(v, {
    policy,
    landedAt: at.landedAt,
    approvedBy: at.approvedBy,
    teams,
    directory
  });
}
var BATCH = 256;
var IN_FLIGHT = { worker: 8192, here: 1024 };
function judgeHere(blobs, policies, teams) {
  return async (jobs) => {
    const oids = [];
    for (const j of jobs) for (const c of j.changes) if (hasContent(c)) oids.push(c.newOid);
    const [contents, epochs] = await Promise.all([
      blobs.readMany(oids),
      Promise.all(jobs.map((j) => j.changes.length ? policies.policyOf(j.step.epoch) : null))
    ]);
    let next = 0;
    const out = [];
    for (let n = 0; n < jobs.length; n++) {
      const { step, changes, approvedBy } = jobs[n];
      const at = { approvedBy, landedAt: step.landedAt };
      const landings = [];
      for (const c of changes) {
        const v = versionOf(c, hasContent(c) ? contents[next++] : null);
        const judged = teams.judge(v, epochs[n] ?? null, at);
        landings.push(judged instanceof Promise ? await judged : judged);
      }
      out.push(landings);
    }
    return out;
  };
}
var BatchJudge = class {
  constructor(judgeBatch, onJudged, depth = IN_FLIGHT.here) {
    this.judgeBatch = judgeBatch;
    this.onJudged = onJudged;
    this.depth = depth;
  }
  judgeBatch;
  onJudged;
  depth;
  open = [];
  queue = [];
  /** Commits in `queue`. */
  inFlight = 0;
  /** Judges `items` (versions `step` landed: never deletions) under the policies before it. */
  add(step, items) {
    this.open.push({ step, items, trailers: parseTrailers(step.message) });
    if (this.open.length >= BATCH) this.seal();
  }
  /**
   * Settles the batches already judged, then more until at most `keep` commits are out (0: all);
   * false when `onJudged` said stop. Commits not yet a full batch are sent when nothing else is
   * being judged. Settling what is ready as soon as the pass comes by keeps the answer built
   * while git's log runs on, instead of in bursts each time `keep` is reached.
   */
  async drain(keep = this.depth) {
    if (this.open.length && (keep === 0 || this.queue.length === 0)) this.seal();
    while (this.queue.length && (this.queue[0].ready || this.inFlight > keep)) {
      const b = this.queue.shift();
      this.inFlight -= b.jobs.length;
      if (!await this.settle(b)) return false;
    }
    return true;
  }
  seal() {
    const jobs = this.open;
    this.open = [];
    const landings = this.judgeBatch(
      jobs.map((j) => ({
        step: j.step,
        changes: j.items.map((i) => i.change),
        approvedBy: j.trailers.approvedBy
      }))
    );
    const batch = { jobs, landings, ready: false };
    landings.then(
      () => batch.ready = true,
      () => void 0
    );
    this.queue.push(batch);
    this.inFlight += jobs.length;
  }
  async settle(b) {
    const landings = await b.landings;
    for (let n = 0; n < b.jobs.length; n++) {
      const { step, trailers, items } = b.jobs[n];
      if (this.onJudged(step, trailers, items, landings[n]) === "stop") return false;
    }
    return true;
  }
};

// src/git/policy-history.ts
var PolicyHistory = class {
  /** `schemas`: the provider types' settings schemas, given by the caller (git knows no provider). */
  constructor(blobs, schemas) {
    this.blobs = blobs;
    this.schemas = schemas;
  }
  blobs;
  schemas;
  epoch = { files: /* @__PURE__ */ new Map(), policy: null };
  byBlob = /* @__PURE__ */ new Map();
  lastGroups = null;
  /** The epoch in force now (before the changes of the commit being read). */
  get current() {
    return this.epoch;
  }
  /** Applies a commit's changes to policies/; starts a new epoch when any policy file changed. */
  apply(changes) {
    let next = null;
    for (const c of changes) {
      if (!POLICY_FILE.test(c.path)) continue;
      next ??= new Map(this.epoch.files);
      if (c.status === "D") next.delete(c.path);
      else next.set(c.path, { mode: c.newMode, oid: c.newOid });
    }
    if (next) this.epoch = { files: next, policy: null };
  }
  /** The policies of an epoch; null when no policy file could be read. */
  policyOf(epoch) {
    if (!epoch.policy) {
      epoch.policy = this.load(epoch.files);
      epoch.policy.catch(() => void 0);
    }
    return epoch.policy;
  }
  async load(files) {
    const entries = [...files].filter(([, f]) => isRegularFileMode(f.mode)).sort(([a], [b]) => a < b ? -1 : 1);
    if (entries.length === 0) return null;
    const missing = entries.filter(([, f]) => !this.byBlob.has(f.oid));
    const read = this.blobs.readMany(missing.map(([, f]) => f.oid));
    missing.forEach(
      ([path, f], i) => this.byBlob.set(
        f.oid,
        read.then((b) => policyIn(path, b[i], this.schemas))
      )
    );
    const perFile = await Promise.all(entries.map(([, f]) => this.byBlob.get(f.oid)));
    const merged = {
      admins: [],
      groups: /* @__PURE__ */ new Map(),
      providers: /* @__PURE__ */ new Map(),
      roles: /* @__PURE__ */ new Map()
    };
    for (const p of perFile) {
      merged.admins.push(...p.admins);
      for (const key of ["groups", "providers", "roles"])
        for (const [name, value] of p[key])
          if (!merged[key].has(name)) merged[key].set(name, value);
    }
    merged.groups = this.sameGroups(merged.groups);
    return merged;
  }
  /**
   * The groups of an earlier epoch when they are the very same definitions: who a role's
   * requesters and approvers are is expanded once per groups map (principals.ts), so a policy
   * change that leaves the groups alone costs no new expansion for any role it did not touch.
   */
  sameGroups(groups) {
    const last = this.lastGroups;
    if (last && last.size === groups.size && [...groups].every(([k, v]) => last.get(k) === v))
      return last;
    this.lastGroups = groups;
    return groups;
  }
};
var EMPTY = () => ({
  admins: [],
  groups: /* @__PURE__ */ new Map(),
  providers: /* @__PURE__ */ new Map(),
  roles: /* @__PURE__ */ new Map()
});
function policyIn(path, b, schemas) {
  if (!b.bytes || (b.size ?? 0) > MAX_POLICY_BYTES) return EMPTY();
  const text = decodeUtf8(b.bytes);
  return text === null ? EMPTY() : loadPolicies([{ path, text }], schemas, { check: false }).policy;
}

// src/git/judge-worker.ts
var WORKER_ROLE = "grantops-ledger-judge";
var BUILT_WORKER = import.meta.url.endsWith(".js") ? new URL(import.meta.url) : null;
var JudgeWorker = class {
  worker;
  epochIds = /* @__PURE__ */ new WeakMap();
  pending = /* @__PURE__ */ new Map();
  nextId = 0;
  failure = null;
  constructor(script, repo, schemas) {
    const setup = { role: WORKER_ROLE, repo, schemas };
    this.worker = new Worker(script, { workerData: setup });
    this.worker.on("message", (m) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if ("landings" in m) p?.done(m.landings);
      else
        p?.fail(
          m.error.code ? new ExternalError(m.error.code, m.error.message) : new Error(m.error.message)
        );
    });
    const stop = (e) => {
      this.failure ??= e;
      for (const p of this.pending.values()) p.fail(this.failure);
      this.pending.clear();
    };
    this.worker.on("error", stop);
    this.worker.on(
      "exit",
      (code) => stop(
        new ExternalError(
          "E_GIT",
          `The ledger's judging thread stopped (exit ${code}). Run the command again; if it stops again, report it as a bug in grantops.`
        )
      )
    );
  }
  /** Judges batches on the worker, in the order they are sent. */
  judge = (jobs) => {
    if (this.failure) return Promise.reject(this.failure);
    const wire = [];
    for (const { step, changes, approvedBy } of jobs) {
      const epoch = changes.length ? this.epochOf(step.epoch) : -1;
      for (const c of changes) wire.push(wireJob(c, epoch, step.landedAt.getTime(), approvedBy));
    }
    const id = this.nextId++;
    const flat = new Promise((done, fail) => this.pending.set(id, { done, fail }));
    this.post({ kind: "judge", id, jobs: wire });
    return flat.then((landings) => {
      let next = 0;
      return jobs.map((j) => j.changes.map(() => landings[next++]));
    });
  };
  /**
   * Ends the worker, whatever it was doing: its answers are no longer wanted (all settled, or
   * the pass stopped early). Its `git cat-file` reads end of input as the thread goes, and exits.
   */
  async close() {
    this.failure ??= new ExternalError(
      "E_GIT",
      "The ledger's judging thread was closed before it answered. Run the command again; if it happens again, report it as a bug in grantops."
    );
    await this.worker.terminate();
  }
  epochOf(epoch) {
    let id = this.epochIds.get(epoch);
    if (id === void 0) {
      this.epochIds.set(epoch, id = this.nextId++);
      this.post({ kind: "epoch", id, files: [...epoch.files] });
    }
    return id;
  }
  post(m) {
    this.worker.postMessage(m);
  }
};
function wireJob(c, epoch, landedAt, approvedBy) {
  return {
    path: c.path,
    status: c.status,
    mode: c.newMode,
    oid: c.newOid,
    epoch,
    landedAt,
    approvedBy
  };
}
function serve(setup) {
  const port = parentPort;
  const blobs = new BlobReader(setup.repo, Math.max(MAX_GRANT_BYTES, MAX_POLICY_BYTES));
  const policies = new PolicyHistory(blobs, setup.schemas);
  const judge = judgeHere(blobs, policies, new TeamLookup(void 0));
  const epochs = /* @__PURE__ */ new Map();
  let last = Promise.resolve();
  port.on("message", (m) => {
    if (m.kind === "epoch") epochs.set(m.id, { files: new Map(m.files), policy: null });
    else {
      const jobs = m.jobs.map((j) => ({
        step: {
          oid: "",
          landedAt: new Date(j.landedAt),
          message: "",
          grants: [],
          epoch: epochs.get(j.epoch)
        },
        changes: [
          {
            status: j.status,
            newMode: j.mode,
            newOid: j.oid,
            path: j.path
          }
        ],
        approvedBy: j.approvedBy
      }));
      const work = judge(jobs);
      last = last.then(() => work).then(
        (landings) => port.postMessage({ id: m.id, landings: landings.flat() }),
        (e) => port.postMessage({
          id: m.id,
          error: { message: e.message, code: e instanceof GrantopsError ? e.code : null }
        })
      );
    }
  });
}
if (!isMainThread && workerData?.role === WORKER_ROLE)
  serve(workerData);
var WORKER_AFTER = 512;
function openJudging(repo, opts) {
  const blobs = new BlobReader(repo, Math.max(MAX_GRANT_BYTES, MAX_POLICY_BYTES));
  const policies = new PolicyHistory(blobs, opts.schemas);
  const here = judgeHere(blobs, policies, new TeamLookup(opts.directory));
  const script = opts.worker === void 0 ? BUILT_WORKER : opts.worker;
  if (!script || opts.directory)
    return {
      judge: here,
      policies,
      expect: () => void 0,
      depth: IN_FLIGHT.here,
      close: () => blobs.close()
    };
  const schemas = Object.fromEntries(
    Object.entries(opts.schemas).map(([type, s]) => [
      type,
      { settings: s.settings, grant: s.grant }
    ])
  );
  const worker = new JudgeWorker(script, repo, schemas);
  let left = opts.workerAfter ?? WORKER_AFTER;
  let closed = false;
  return {
    judge: (jobs) => {
      if (left > 0) {
        left -= jobs.length;
        return here(jobs);
      }
      return worker.judge(jobs);
    },
    expect: (versions) => {
      if (!closed && versions > left) left = 0;
    },
    depth: IN_FLIGHT.worker,
    policies,
    close: async () => {
      closed = true;
      await Promise.all([worker.close(), blobs.close()]);
    }
  };
}

// src/git/log-stream.ts
import { spawn } from "node:child_process";
var GIT_ENV = gitEnv({ GIT_FLUSH: "0" });
var PINNED = [
  "-c",
  "core.quotePath=false",
  "-c",
  "log.showSignature=false",
  "-c",
  "log.showRoot=true",
  "-c",
  "log.follow=false"
];
async function* firstParentBatches(repo, commit) {
  const log = spawn(
    "git",
    [
      ...PINNED,
      "log",
      "--first-parent",
      "--reverse",
      "-r",
      "--raw",
      "--no-abbrev",
      "--no-renames",
      "--root",
      "--diff-merges=first-parent",
      "--ignore-submodules=none",
      "--no-ext-diff",
      "--no-textconv",
      "--no-color",
      "--encoding=UTF-8",
      "-z",
      "--format=%x01%H%x00%ct%x00%B",
      "--end-of-options",
      commit,
      "--"
    ],
    { cwd: repo, env: GIT_ENV, stdio: ["ignore", "pipe", "pipe"] }
  );
  let stderr = "";
  log.stderr.setEncoding("utf8").on("data", (s) => stderr += s.slice(0, 2e3));
  const exit = new Promise((resolve, reject) => {
    log.on(
      "error",
      (e) => reject(
        new ExternalError(
          "E_GIT",
          `Could not run git: ${e.message}. Check that git (2.30 or later) is installed and on PATH, then run again.`
        )
      )
    );
    log.on("close", (code2) => resolve(code2 ?? 1));
  });
  exit.catch(() => void 0);
  const parser = new LogParser();
  let done = false;
  try {
    for await (const chunk of log.stdout) {
      const batch = parser.feed(chunk);
      if (batch.length) yield batch;
    }
    const last = parser.end();
    if (last.length) yield last;
    done = true;
  } finally {
    if (!done) log.kill();
  }
  const code = await exit;
  if (code !== 0)
    throw new ExternalError(
      "E_GIT",
      `git log failed: ${stderr.trim() || `exit ${code}`}. Fix what git reports, then run again.`
    );
}
var LogParser = class {
  /** The start of a field that a chunk ended inside, in pieces (copied: chunks are reused). */
  carry = [];
  current = null;
  /** What the next field is. */
  expect = "header";
  /** The raw meta of the change whose path comes next. */
  change = { status: "", newMode: "", newOid: "" };
  /** The commits this chunk completes. */
  feed(chunk) {
    const out = [];
    let pos = 0;
    if (this.carry.length) {
      const nul = chunk.indexOf(0);
      if (nul < 0) {
        this.carry.push(Buffer.from(chunk));
        return out;
      }
      const field = Buffer.concat([...this.carry, chunk.subarray(0, nul)]);
      this.carry = [];
      const done = this.field(field, 0, field.length);
      if (done) out.push(done);
      pos = nul + 1;
    }
    for (; ; ) {
      const nul = chunk.indexOf(0, pos);
      if (nul < 0) break;
      const done = this.field(chunk, pos, nul);
      if (done) out.push(done);
      pos = nul + 1;
    }
    if (pos < chunk.length) this.carry.push(Buffer.from(chunk.subarray(pos)));
    return out;
  }
  /** The last commit, once the output has ended. */
  end() {
    const out = [];
    const rest = Buffer.concat(this.carry);
    if (rest.length) {
      const done = this.field(rest, 0, rest.length);
      if (done) out.push(done);
    }
    this.carry = [];
    if (this.current) out.push(this.current);
    this.current = null;
    return out;
  }
  /** Consumes one field; returns a commit when the field starts the next one. */
  field(buf, start, end) {
    switch (this.expect) {
      case "header":
      case "meta-or-header": {
        let s = start;
        if (buf[s] === 10) s++;
        if (this.expect === "meta-or-header" && buf[s] === 58) {
          const a = buf.indexOf(32, s + 1);
          const b = buf.indexOf(32, a + 1);
          const c = buf.indexOf(32, b + 1);
          const d = buf.indexOf(32, c + 1);
          if (a < 0 || d < 0 || d >= end) throw unexpected();
          this.change = {
            newMode: buf.toString("latin1", a + 1, b),
            newOid: buf.toString("latin1", c + 1, d),
            status: buf.toString("latin1", d + 1, end)
          };
          this.expect = "path";
          return null;
        }
        if (buf[s] !== 1) throw unexpected();
        const finished = this.current;
        this.current = {
          oid: buf.toString("latin1", s + 1, end),
          committedAt: 0,
          message: "",
          changes: []
        };
        this.expect = "time";
        return finished;
      }
      case "time":
        this.current.committedAt = Number(buf.toString("latin1", start, end));
        this.expect = "message";
        return null;
      case "message":
        this.current.message = buf.toString("utf8", start, end);
        this.expect = "meta-or-header";
        return null;
      case "path": {
        const { status, newMode, newOid } = this.change;
        this.current.changes.push({
          status,
          newMode,
          newOid,
          path: buf.toString("latin1", start, end)
        });
        this.expect = "meta-or-header";
        return null;
      }
    }
  }
};
function unexpected() {
  return new ExternalError(
    "E_GIT",
    "Unexpected output from git log (the ledger could not read the history). Check that git is 2.30 or later (git --version), then run again; if it is, report it as a bug in grantops."
  );
}

// src/git/ledger-stream.ts
async function* ledgerSteps(repo, commit, policies) {
  const clock = new LandingClock();
  for await (const batch of firstParentBatches(repo, commit)) {
    const steps = [];
    for (const raw of batch) {
      let ledger = false;
      let grants = null;
      let policy = null;
      for (const c of raw.changes) {
        if (c.path.startsWith(GRANTS_DIR)) {
          ledger = true;
          if (isGrantCandidate(c.path)) (grants ??= []).push(c);
        } else if (c.path.startsWith(POLICIES_DIR)) {
          ledger = true;
          (policy ??= []).push(c);
        }
      }
      if (!ledger) continue;
      const landedAt = clock.next(new Date(raw.committedAt * 1e3));
      if (grants)
        steps.push({
          oid: raw.oid,
          landedAt,
          message: raw.message,
          grants,
          epoch: policies.current
        });
      if (policy) policies.apply(policy);
    }
    if (steps.length) yield steps;
  }
}

// src/git/ledger-grants.ts
async function readGrants(repo, commit, opts) {
  const judging = openJudging(repo, opts);
  try {
    const judge = new BatchJudge(
      judging.judge,
      (step, trailers, items, landings) => {
        const landed = { commit: step.oid, landedAt: step.landedAt, message: step.message };
        items.forEach((v, i) => {
          v.record = recordOf({ ...landed, path: v.change.path, version: landings[i] }, trailers);
          v.step = null;
        });
      },
      judging.depth
    );
    const files = new LatestVersions();
    const until = opts.until?.getTime() ?? Number.POSITIVE_INFINITY;
    const tip = opts.until === void 0 ? blobsAt(repo, commit, "grants/") : null;
    tip?.then((paths) => judging.expect(paths.size)).catch(() => void 0);
    let atTip = null;
    walk: for await (const steps of ledgerSteps(repo, commit, judging.policies)) {
      if (tip) atTip ??= await tip;
      for (const step of steps) {
        if (step.landedAt.getTime() > until) break walk;
        const landed = { oid: step.oid, committedAt: step.landedAt, message: step.message };
        const now = [];
        for (const change of step.grants) {
          const there = atTip?.get(change.path);
          if (atTip && there === void 0) continue;
          if (change.status === "D") {
            files.record(landed, change.path, null);
            continue;
          }
          if (atTip && there !== change.newOid) continue;
          const v = { change, step, record: null };
          files.record(landed, change.path, v);
          if (atTip) now.push(v);
        }
        if (now.length) judge.add(step, now);
      }
      await judge.drain();
    }
    const latest = files.values();
    const left = /* @__PURE__ */ new Map();
    for (const { version: v } of latest) {
      if (!v.step) continue;
      const same = left.get(v.step);
      if (same) same.push(v);
      else left.set(v.step, [v]);
    }
    for (const [step, versions] of left) judge.add(step, versions);
    await judge.drain(0);
    return latest.map((p) => p.version.record);
  } finally {
    await judging.close();
  }
}
async function blobsAt(repo, commit, prefix) {
  const out = /* @__PURE__ */ new Map();
  const entries = splitZ(
    await gitOk(repo, ["ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix])
  );
  for (const line of entries) {
    const tab = line.indexOf("	");
    out.set(line.slice(tab + 1), line.slice(line.lastIndexOf(" ", tab) + 1, tab));
  }
  return out;
}

// src/git/ledger-history.ts
async function readHistory(repo, commit, onCommit, opts) {
  const judging = openJudging(repo, opts);
  let tip = grantFilesAt(repo, commit).then((n) => judging.expect(n)).catch(() => void 0);
  try {
    const judge = new BatchJudge(
      judging.judge,
      (step, trailers, _items, landings) => {
        let next = 0;
        const changes = step.grants.map(
          (c) => c.status === "D" ? { path: c.path, kind: "deleted", landing: null } : {
            path: c.path,
            kind: c.status === "A" ? "added" : "changed",
            landing: landings[next++]
          }
        );
        return onCommit({
          oid: step.oid,
          committedAt: step.landedAt,
          message: step.message,
          trailers,
          changes
        });
      },
      judging.depth
    );
    for await (const steps of ledgerSteps(repo, commit, judging.policies)) {
      if (tip) {
        await tip;
        tip = null;
      }
      for (const step of steps)
        judge.add(
          step,
          step.grants.filter((c) => c.status !== "D").map((change) => ({ change }))
        );
      if (!await judge.drain()) return;
    }
    await judge.drain(0);
  } finally {
    await judging.close();
  }
}
async function grantFilesAt(repo, commit) {
  const out = await gitOk(repo, [
    "ls-tree",
    "-r",
    "-z",
    "--name-only",
    "--full-tree",
    commit,
    "--",
    "grants/"
  ]);
  let n = 0;
  for (let i = out.indexOf(0); i !== -1; i = out.indexOf(0, i + 1)) n++;
  return n;
}

// src/git/shallow.ts
async function ensureFullHistory(repo, note, shallow) {
  if (!(shallow ?? await isShallowClone(repo))) return;
  const remotes = (await gitOk(repo, ["remote"])).toString("utf8").split("\n").filter(Boolean);
  const fix = "grantops reads grant windows and the audit log from the whole history of the branch. In GitHub Actions, check out with `fetch-depth: 0` (actions/checkout `with: { fetch-depth: 0 }`); elsewhere run `git fetch --unshallow`.";
  if (remotes.length === 0) {
    throw new ExternalError(
      "E_SHALLOW_CLONE",
      `${repo} is a shallow clone with no remote to deepen it from. ${fix}`
    );
  }
  const remote = remotes.includes("origin") ? "origin" : remotes[0];
  note(
    `grantops: ${repo} is a shallow clone; fetching the full history (git fetch --unshallow ${remote}) \u2026`
  );
  const r = await git(repo, ["fetch", "--quiet", "--unshallow", remote]);
  if (r.code !== 0) {
    throw new ExternalError(
      "E_SHALLOW_CLONE",
      `${repo} is a shallow clone and \`git fetch --unshallow\` failed: ${r.stderr.trim().slice(0, 300)}. ${fix}`
    );
  }
}
async function isShallowClone(repo) {
  const out = await gitOk(repo, ["rev-parse", "--is-shallow-repository"]);
  return out.toString("utf8").trim() === "true";
}

// src/git/ledger.ts
var DEFAULT_REFS = [
  "refs/remotes/origin/HEAD",
  "refs/remotes/origin/main",
  "refs/heads/main",
  "HEAD"
];
async function openLedger(repo, ref, note) {
  const first = await resolveFirst(repo, ref ?? DEFAULT_REFS[0]);
  let chosen = null;
  if (ref !== void 0) chosen = { ref, commit: first.commit ?? await resolveCommit(repo, ref) };
  else {
    for (const candidate of DEFAULT_REFS) {
      const commit = candidate === DEFAULT_REFS[0] ? first.commit : await tryResolveCommit(repo, candidate);
      if (commit !== null) {
        chosen = { ref: candidate.replace(/^refs\/(heads|remotes)\//, ""), commit };
        break;
      }
    }
    if (!chosen)
      throw new ExternalError(
        "E_GIT_REF",
        `${repo} has no commits on origin/main, main or HEAD. Pass --ref with the branch that holds the grants.`
      );
  }
  await ensureFullHistory(repo, note, first.shallow);
  return chosen;
}
async function resolveFirst(repo, rev) {
  const r = await git(repo, [
    "rev-parse",
    "--is-shallow-repository",
    "--verify",
    "--quiet",
    "--end-of-options",
    `${rev}^{commit}`
  ]);
  const [shallow, commit] = r.stdout.toString("utf8").split("\n");
  if (shallow !== "true" && shallow !== "false")
    throw new ExternalError(
      "E_GIT",
      `git rev-parse failed: ${r.stderr.trim() || `exit ${r.code}`}. Fix what git reports, then run again.`
    );
  return { commit: r.code === 0 && commit ? commit : null, shallow: shallow === "true" };
}
async function descendsFrom(repo, ref, commit) {
  const [tip, base] = await Promise.all([resolveCommit(repo, ref), resolveCommit(repo, commit)]);
  const r = await git(repo, ["merge-base", "--is-ancestor", base, tip]);
  if (r.code === 0) return true;
  if (r.code === 1) return false;
  throw new ExternalError(
    "E_GIT",
    `git merge-base failed: ${r.stderr.trim()}. Fix what git reports, then run again.`
  );
}
function gitLedger(repo, at, opts) {
  return {
    ref: at.ref,
    commit: at.commit,
    grants: (o) => readGrants(repo, at.commit, { ...opts, ...o }),
    history: (onCommit) => readHistory(repo, at.commit, onCommit, opts),
    descendsFrom: (commit) => descendsFrom(repo, at.commit, commit)
  };
}

export {
  evidenceFor,
  recordOf,
  grantsAt,
  LatestVersions,
  openLedger,
  gitLedger
};
