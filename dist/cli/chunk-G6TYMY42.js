#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);

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
  const paragraphs = message.replace(/\r\n?/g, "\n").trimEnd().split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return result;
  const lines = paragraphs[paragraphs.length - 1].split("\n");
  const all = [];
  for (const line of lines) {
    const m = TRAILER_LINE.exec(line);
    if (m) all.push([m[1], m[2].trim()]);
    else if (CONTINUATION.test(line) && all.length) all[all.length - 1][1] += ` ${line.trim()}`;
    else return result;
  }
  result.all = all;
  let block = null;
  for (const [key, value] of all) {
    const k = key.toLowerCase();
    if (k === TRAILER.approvedBy.toLowerCase()) {
      if (value) result.approvedBy.push(value);
      continue;
    }
    if (k === TRAILER.pullRequest.toLowerCase()) {
      result.pullRequest = value || null;
      continue;
    }
    const field = PER_GRANT.get(k);
    if (!field) continue;
    if (!block || field === "action" || block[field] !== void 0) {
      block = {};
      result.grants.push(block);
    }
    if (field === "action") {
      const action = value.toLowerCase();
      if (GRANT_ACTIONS.includes(action))
        block.action = action;
    } else {
      block[field] = value;
    }
  }
  return result;
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

export {
  trailerValue,
  formatTrailers,
  parseTrailers,
  trailersFor,
  pullRequestFromSubject,
  grantWindow,
  windowState
};
