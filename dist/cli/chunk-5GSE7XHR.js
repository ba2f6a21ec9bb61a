#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  countApprovals,
  parseGrantFile,
  validateRequest
} from "./chunk-V4LXNA3V.js";
import {
  iso,
  parseTimestamp
} from "./chunk-R64KUAPR.js";
import {
  expandPrincipals,
  parseGrantPath
} from "./chunk-FZ7HWEFT.js";
import {
  problem
} from "./chunk-P6HFGWWX.js";
import {
  quote
} from "./chunk-LUMG572G.js";

// src/core/decision-approvers.ts
function eligibleApprovers(q) {
  const { logins, teams } = expandPrincipals(q.role.approvers, q.groups);
  const requester = q.requester.toLowerCase();
  const pushed = new Set(q.pushers.map((p) => p.toLowerCase()));
  const why = (login, via) => {
    const member = via ? ` (a member of ${via})` : "";
    if (login === requester) return `the requester${member}, who never approves their own access`;
    if (pushed.has(login)) return `pushed to this request${member}`;
    if (/\[bot\]$/.test(login) || login === "github-actions") return `a bot${member}`;
    return null;
  };
  const excluded = /* @__PURE__ */ new Map();
  const mayApprove = [];
  for (const team of [...teams].sort()) {
    const members = q.teams.get(team);
    if (!members) {
      mayApprove.push(team);
      continue;
    }
    let someoneMay = false;
    for (const m of members) {
      const login = m.toLowerCase();
      const reason = why(login, team);
      if (reason === null) someoneMay = true;
      else if (!excluded.has(login) && (login === requester || pushed.has(login)))
        excluded.set(login, reason);
    }
    if (someoneMay) mayApprove.push(team);
  }
  for (const login of [...logins].sort()) {
    const reason = why(login, null);
    if (reason === null) mayApprove.push(login);
    else excluded.set(login, reason);
  }
  return {
    role: q.role.name,
    required: q.role.approvals,
    may_approve: mayApprove,
    excluded: [...excluded].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([login, reason]) => ({ login, why: reason }))
  };
}

// src/core/decision-reviews.ts
var short = (sha) => sha.slice(0, 10);
function reviewVerdicts(reviews, head) {
  const latest = /* @__PURE__ */ new Map();
  for (const r of reviews) {
    if (r.state === "commented") continue;
    latest.set(r.reviewer.toLowerCase(), r);
  }
  return [...latest].map(([reviewer, r]) => {
    if (r.state === "changes_requested")
      return { reviewer, approvesHead: false, why: "requested changes in their latest review" };
    if (r.state === "dismissed")
      return { reviewer, approvesHead: false, why: "their latest review was dismissed" };
    if (r.commit !== head) {
      return {
        reviewer,
        approvesHead: false,
        why: `approved ${short(r.commit)}, not the current head ${short(head)}: a later commit makes an approval stale, so ${reviewer} must approve again`
      };
    }
    return { reviewer, approvesHead: true, why: null };
  });
}

// src/core/trailers.ts
var GRANT_ACTIONS = ["granted", "renewed", "revoked", "expired"];
var TRAILER = {
  action: "Grant-Action",
  path: "Grant-Path",
  role: "Grant-Role",
  requester: "Grant-Requester",
  startsAt: "Grant-Starts",
  expiresAt: "Grant-Expires",
  duration: "Grant-Duration",
  reason: "Reason",
  ticket: "Ticket",
  approvedBy: "Approved-by",
  pullRequest: "Pull-Request"
};
var PER_GRANT = new Map(
  [
    "action",
    "path",
    "role",
    "requester",
    "startsAt",
    "expiresAt",
    "duration",
    "reason",
    "ticket"
  ].map((k) => [TRAILER[k].toLowerCase(), k])
);
var MAX_TRAILER_VALUE = 500;
var CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u0085]+/g;
function trailerValue(text, max = MAX_TRAILER_VALUE) {
  const flat = text.replace(CONTROLS, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}
function formatTrailers(t) {
  const lines = [];
  const put = (key, value) => {
    const v = value == null ? "" : trailerValue(value);
    if (v) lines.push(`${key}: ${v}`);
  };
  for (const g of t.grants) {
    put(TRAILER.action, g.action ?? "granted");
    put(TRAILER.path, g.path);
    put(TRAILER.role, g.role);
    put(TRAILER.requester, g.requester);
    put(TRAILER.startsAt, g.startsAt);
    put(TRAILER.expiresAt, g.expiresAt);
    put(TRAILER.duration, g.duration);
    put(TRAILER.reason, g.reason);
    put(TRAILER.ticket, g.ticket);
  }
  for (const a of t.approvedBy ?? []) put(TRAILER.approvedBy, a);
  put(TRAILER.pullRequest, t.pullRequest);
  return lines.join("\n");
}
var TRAILER_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]?(.*)$/;
var CONTINUATION = /^[ \t]+\S/;
function parseTrailers(message) {
  const result = { grants: [], approvedBy: [], pullRequest: null, all: [] };
  const text = (message.includes("\r") ? message.replace(/\r\n?/g, "\n") : message).trimEnd();
  const start = lastParagraph(text);
  if (start < 0) return result;
  const all = SEPARATORS.test(text) ? linesByPattern(text.slice(start)) : linesByIndex(text, start);
  if (!all) return result;
  result.all = all;
  let block = null;
  for (const [key, value] of all) {
    const k = KEYS.get(key) ?? KEYS.get(key.toLowerCase());
    if (k === void 0) continue;
    if (k === "approvedBy") {
      if (value) result.approvedBy.push(value);
      continue;
    }
    if (k === "pullRequest") {
      result.pullRequest = value || null;
      continue;
    }
    if (!block || k === "action" || block[k] !== void 0) {
      block = {};
      result.grants.push(block);
    }
    if (k === "action") {
      const action = value.toLowerCase();
      if (GRANT_ACTIONS.includes(action))
        block.action = action;
    } else {
      block[k] = value;
    }
  }
  return result;
}
var SEPARATORS = /[\u2028\u2029]/;
var KEYS = /* @__PURE__ */ new Map();
for (const [spelling, field] of [
  ...PER_GRANT,
  [TRAILER.approvedBy.toLowerCase(), "approvedBy"],
  [TRAILER.pullRequest.toLowerCase(), "pullRequest"]
])
  KEYS.set(spelling, field);
for (const field of [...PER_GRANT.values(), "approvedBy", "pullRequest"])
  KEYS.set(TRAILER[field], field);
function lastParagraph(text) {
  let start = -1;
  for (let nl = text.indexOf("\n"); nl !== -1; ) {
    let j = nl + 1;
    let c = text.charCodeAt(j);
    while (c === 32 || c === 9) c = text.charCodeAt(++j);
    if (c === 10) {
      start = j + 1;
      nl = text.indexOf("\n", start);
    } else nl = text.indexOf("\n", nl + 1);
  }
  return start;
}
function linesByIndex(text, start) {
  const all = [];
  for (let pos = start; ; ) {
    const nl = text.indexOf("\n", pos);
    const end = nl < 0 ? text.length : nl;
    const colon = colonOf(text, pos, end);
    if (colon >= 0) all.push([text.slice(pos, colon).trimEnd(), text.slice(colon + 1, end).trim()]);
    else {
      const line = text.slice(pos, end);
      if (CONTINUATION.test(line) && all.length) all[all.length - 1][1] += ` ${line.trim()}`;
      else return null;
    }
    if (nl < 0) return all;
    pos = nl + 1;
  }
}
function colonOf(text, from, to) {
  let i = from;
  if (i >= to || !isAlnum(text.charCodeAt(i))) return -1;
  let c = text.charCodeAt(++i);
  while (i < to && (isAlnum(c) || c === 45)) c = text.charCodeAt(++i);
  while (i < to && (c === 32 || c === 9)) c = text.charCodeAt(++i);
  return i < to && c === 58 ? i : -1;
}
function isAlnum(c) {
  return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122;
}
function linesByPattern(paragraph) {
  const all = [];
  for (const line of paragraph.split("\n")) {
    const m = TRAILER_LINE.exec(line);
    if (m) all.push([m[1], m[2].trim()]);
    else if (CONTINUATION.test(line) && all.length) all[all.length - 1][1] += ` ${line.trim()}`;
    else return null;
  }
  return all;
}
function trailersFor(t, path, role, requester) {
  return t.grants.find((g) => g.path === path) ?? t.grants.find((g) => !g.path && g.role === role && g.requester?.toLowerCase() === requester) ?? null;
}
function pullRequestFromSubject(message) {
  const subject = message.split("\n", 1)[0] ?? "";
  const m = /^Merge pull request #(\d+) /.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject);
  return m ? `#${m[1]}` : null;
}

// src/core/window.ts
function grantWindow(w) {
  const startsAt = w.start && w.start.getTime() > w.landedAt.getTime() ? w.start : w.landedAt;
  const seconds = Math.min(w.durationSeconds, w.maxSeconds);
  return {
    startsAt,
    expiresAt: new Date(startsAt.getTime() + seconds * 1e3),
    seconds,
    capped: w.maxSeconds < w.durationSeconds
  };
}
function windowState(w, now) {
  const t = now.getTime();
  if (t < w.startsAt.getTime()) return "scheduled";
  return t < w.expiresAt.getTime() ? "active" : "expired";
}

// src/core/decision-message.ts
function mergeMessage(opts) {
  const blocks = [];
  const granted = [];
  const revoked = [];
  for (const g of opts.grants) {
    const path = parseGrantPath(g.path);
    if (!path) continue;
    if (g.change === "revoked") {
      revoked.push(`${path.role} from ${path.login}`);
      blocks.push({ action: "revoked", path: g.path, role: path.role, requester: path.login });
      continue;
    }
    const change = opts.changes.find((c) => c.path === g.path);
    const role = opts.policy.roles.get(path.role);
    const parsed = change?.text != null ? parseGrantFile(g.path, change.text, role) : null;
    const file = parsed?.grant;
    const block = {
      action: g.change === "added" ? "granted" : "renewed",
      path: g.path,
      role: path.role,
      requester: path.login
    };
    if (file && role && parsed.durationSeconds !== null) {
      const w = grantWindow({
        landedAt: opts.now,
        start: file.start ? parseTimestamp(file.start) : null,
        durationSeconds: parsed.durationSeconds,
        maxSeconds: role.maxDurationSeconds
      });
      block.startsAt = iso(w.startsAt);
      block.expiresAt = iso(w.expiresAt);
      block.duration = file.duration;
      block.reason = file.reason;
      if (file.ticket !== void 0) block.ticket = file.ticket;
    }
    granted.push({ role: path.role, login: path.login, duration: file?.duration ?? null });
    blocks.push(block);
  }
  return {
    title: titleOf(granted, revoked, opts.reference),
    message: formatTrailers({
      grants: blocks,
      approvedBy: opts.approvedBy,
      pullRequest: opts.reference
    })
  };
}
function titleOf(granted, revoked, reference) {
  const parts = [];
  if (granted.length === 1) {
    const { role, login, duration } = granted[0];
    parts.push(`Grant ${role} to ${login}${duration ? ` for ${duration}` : ""}`);
  } else if (granted.length > 1) {
    const logins = [...new Set(granted.map((g) => g.login))];
    const roles = granted.map((g) => g.duration ? `${g.role} (${g.duration})` : g.role);
    parts.push(`Grant ${roles.join(", ")} to ${logins.join(", ")}`);
  }
  if (revoked.length) parts.push(`${parts.length ? "revoke" : "Revoke"} ${revoked.join(", ")}`);
  const suffix = /^#\d+$/.test(reference) ? ` (${reference})` : "";
  return trailerValue(`${parts.join("; ") || "Change grants"}${suffix}`, 200);
}

// src/core/decision.ts
function decideRequest(input) {
  const { request } = input;
  const head = request.head.sha;
  const where = input.changes[0]?.path ?? "grants/";
  const identityProblems = unknownIdentities(request, where);
  const author = request.author.login?.toLowerCase() ?? null;
  const base = {
    request: request.id,
    reference: request.reference,
    head,
    author,
    merge: null
  };
  if (author === null) {
    return {
      ...base,
      valid: false,
      approved: false,
      grants: [],
      problems: identityProblems,
      approvals: { counted: [], ignored: [], eligible: [] }
    };
  }
  const pushers = [
    ...new Set(
      [...request.pushers, ...request.commits.flatMap((c) => [c.author, c.committer])].flatMap(
        (p) => p.login ? [p.login.toLowerCase()] : []
      )
    )
  ];
  const verdicts = reviewVerdicts(input.reviews, head);
  const approvedBy = verdicts.filter((v) => v.approvesHead).map((v) => v.reviewer);
  const notOnHead = verdicts.flatMap((v) => v.why ? [{ login: v.reviewer, why: v.why }] : []);
  const requestInput = {
    author,
    changes: input.changes,
    policy: input.policy,
    teams: input.teams,
    now: input.now,
    approvedBy,
    committers: pushers
  };
  const decided = validateRequest(requestInput);
  const problems = [...identityProblems, ...decided.problems];
  const valid = decided.valid && identityProblems.length === 0;
  const approved = valid && decided.approved === true;
  const counted = [...new Set(decided.grants.flatMap((g) => g.approved_by ?? []))];
  const ignored = /* @__PURE__ */ new Map();
  for (const g of decided.grants) {
    const role = input.policy.roles.get(g.role);
    if (!role || g.change === "revoked") continue;
    for (const i of countApprovals(role, requestInput).ignored)
      if (!counted.includes(i.value) && !ignored.has(i.value)) ignored.set(i.value, i.why);
  }
  for (const i of notOnHead) ignored.set(i.login, i.why);
  const eligible = [
    ...new Set(decided.grants.filter((g) => g.change !== "revoked").map((g) => g.role))
  ].flatMap((name) => {
    const role = input.policy.roles.get(name);
    return role ? [
      eligibleApprovers({
        role,
        groups: input.policy.groups,
        teams: input.teams,
        requester: author,
        pushers
      })
    ] : [];
  });
  if (valid && !approved) {
    for (const i of notOnHead) {
      problems.push(problem(where, null, "E_APPROVAL_NOT_ON_HEAD", `${quote(i.login)} ${i.why}.`));
    }
  }
  return {
    ...base,
    valid,
    approved,
    grants: decided.grants,
    problems,
    approvals: {
      counted,
      ignored: [...ignored].map(([login, why]) => ({ login, why })),
      eligible
    },
    merge: approved ? mergeMessage({
      reference: request.reference,
      grants: decided.grants,
      changes: input.changes,
      policy: input.policy,
      approvedBy: counted,
      now: input.now
    }) : null
  };
}
function unknownIdentities(request, where) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  const check = (who, what) => {
    if (who.login !== null || seen.has(who.display)) return;
    seen.add(who.display);
    out.push(
      problem(
        where,
        null,
        "E_IDENTITY_UNKNOWN",
        `${what} ${quote(who.display, 120)} is not a GitHub login, so grantops cannot tell who asks or who pushed. Commit as yourself with your GitHub no-reply address (git config user.email ID+LOGIN@users.noreply.github.com) or with your login as user.name, then push the request again.`
      )
    );
  };
  check(request.author, "The request author");
  for (const c of request.commits) {
    check(c.author, `The author of commit ${c.sha.slice(0, 10)},`);
    check(c.committer, `The committer of commit ${c.sha.slice(0, 10)},`);
  }
  for (const p of request.pushers) check(p, "A person who pushed,");
  return out;
}
function decisionReport(d) {
  const added = d.grants.filter((g) => g.change !== "revoked");
  const needed = Math.max(0, ...added.map((g) => g.approvals_required ?? 0));
  return {
    request: d.request,
    head: d.head,
    conclusion: d.approved ? "success" : d.valid ? "pending" : "failure",
    summary: !d.valid ? `not a valid request (${d.problems.length} problem${d.problems.length === 1 ? "" : "s"})` : d.approved ? "valid and approved: ready to merge" : `valid, waiting for approvals (${d.approvals.counted.length} of ${needed} counted)`,
    grants: d.grants.map((g) => ({
      path: g.path,
      role: g.role,
      requester: g.requester,
      change: g.change,
      duration_seconds: g.duration_seconds,
      approvals_required: g.approvals_required ?? null
    })),
    approvals: d.approvals,
    problems: d.problems.map((p) => ({
      path: p.path,
      line: p.line,
      code: p.code,
      message: p.message
    }))
  };
}
function withBaseChanged(d, baseBranch, paths) {
  if (paths.length === 0) return d;
  const problems = paths.map(
    (path) => problem(
      path,
      null,
      "E_MERGE_CONFLICT",
      `${quote(baseBranch)} changed ${quote(path)} since this request was made, so merging it would land a version nobody approved. Rebase the request on ${quote(baseBranch)} (or open it again) and ask for approval again.`
    )
  );
  return { ...d, valid: false, merge: null, problems: [...d.problems, ...problems] };
}
function rolesOf(changes) {
  return [...new Set(changes.flatMap((c) => parseGrantPath(c.path)?.role ?? []))];
}

export {
  formatTrailers,
  parseTrailers,
  trailersFor,
  pullRequestFromSubject,
  grantWindow,
  windowState,
  eligibleApprovers,
  decideRequest,
  decisionReport,
  withBaseChanged,
  rolesOf
};
