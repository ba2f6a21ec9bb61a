#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  LEDGER_OPTIONS,
  grantJson,
  grantsText,
  ledgerFromArgs,
  shortTime
} from "./chunk-ROH4RORL.js";
import {
  evidenceFor,
  grantsAt,
  recordOf
} from "./chunk-W3OPTJO3.js";
import {
  parseTrailers
} from "./chunk-5GSE7XHR.js";
import {
  iso,
  parseInstant
} from "./chunk-R64KUAPR.js";
import {
  csvRow,
  markdownText,
  mermaidLabel,
  printable,
  printablePath
} from "./chunk-CKX4GWUA.js";
import {
  stringArg
} from "./chunk-FZ7HWEFT.js";
import {
  UsageError
} from "./chunk-P6HFGWWX.js";
import {
  quote
} from "./chunk-LUMG572G.js";

// src/core/heap.ts
var MinHeap = class {
  constructor(less) {
    this.less = less;
  }
  less;
  items = [];
  get size() {
    return this.items.length;
  }
  peek() {
    return this.items[0];
  }
  // Both sifts move a hole instead of swapping pairs: one write per level, nothing allocated.
  push(item) {
    const a = this.items;
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const parent = i - 1 >> 1;
      const p = a[parent];
      if (!this.less(item, p)) break;
      a[i] = p;
      i = parent;
    }
    a[i] = item;
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    const n = a.length;
    if (n === 0 || last === void 0) return top;
    let i = 0;
    for (; ; ) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.less(a[r], a[l]) ? r : l;
      const child = a[m];
      if (!this.less(child, last)) break;
      a[i] = child;
      i = m;
    }
    a[i] = last;
    return top;
  }
};
var RunQueue = class {
  constructor(less) {
    this.less = less;
    this.rest = new MinHeap(less);
  }
  less;
  run = [];
  head = 0;
  rest;
  get size() {
    return this.run.length - this.head + this.rest.size;
  }
  push(item) {
    const run = this.run;
    if (this.head === run.length || !this.less(item, run[run.length - 1])) run.push(item);
    else this.rest.push(item);
  }
  peek() {
    const a = this.run[this.head];
    const b = this.rest.peek();
    if (a === void 0) return b;
    return b !== void 0 && this.less(b, a) ? b : a;
  }
  pop() {
    const a = this.run[this.head];
    const b = this.rest.peek();
    if (a === void 0 || b !== void 0 && this.less(b, a)) return this.rest.pop();
    this.run[this.head++] = void 0;
    if (this.head === this.run.length) {
      this.run = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.run.length) {
      this.run = this.run.slice(this.head);
      this.head = 0;
    }
    return a;
  }
};

// src/core/timeline.ts
var WINDOWED = /* @__PURE__ */ new Set(["granted", "renewed", "expired", "revoked"]);
function concerns(e, since, until) {
  const t = e.time.getTime();
  if ((!since || t >= since.getTime()) && (!until || t <= until.getTime())) return true;
  if (!WINDOWED.has(e.event) || !e.startsAt || !e.expiresAt) return false;
  return (!since || e.expiresAt.getTime() > since.getTime()) && (!until || e.startsAt.getTime() <= until.getTime());
}
var DEFAULT_RECORD_HORIZON_SECONDS = 30 * 86400;
var Timeline = class {
  constructor(opts) {
    this.opts = opts;
    this.horizonMs = (opts.recordHorizonSeconds ?? DEFAULT_RECORD_HORIZON_SECONDS) * 1e3;
  }
  opts;
  live = /* @__PURE__ */ new Map();
  ends = new MinHeap((a, b) => a.at < b.at);
  buffer = new RunQueue(
    (a, b) => a.at < b.at || a.at === b.at && a.seq < b.seq
  );
  seq = 0;
  horizonMs;
  push(c) {
    const t = c.committedAt.getTime();
    this.advance(t);
    this.flush(t - this.horizonMs);
    const trailers = c.trailers ?? parseTrailers(c.message);
    for (const change of c.changes) {
      const prev = this.live.get(change.path);
      if (change.kind === "deleted" || !change.landing) {
        if (prev) this.ended(prev, c, trailers, "deleted");
        this.live.delete(change.path);
        continue;
      }
      const landing = change.landing;
      const record = recordOf(
        {
          path: change.path,
          commit: c.oid,
          landedAt: c.committedAt,
          message: c.message,
          version: landing
        },
        trailers
      );
      record.landing = kept(landing);
      const { state } = landing;
      if (prev && state !== "valid") this.ended(prev, c, trailers, state);
      else if (prev) prev.open = false;
      const next = { record, open: state === "valid", expired: null };
      this.live.set(change.path, next);
      if (state === "valid" && landing.window)
        this.ends.push({ at: landing.window.expiresAt.getTime(), live: next });
      const kind = state !== "valid" ? state : prev?.record.landing.state === "valid" ? "renewed" : "granted";
      const ev = this.event(record, kind, c.committedAt);
      ev.recordedAt = c.committedAt;
      ev.problems = landing.problems.map((p) => p.code);
      if (landing.state === "unapproved") ev.note = landing.problems[0]?.message ?? null;
      this.queue(ev);
    }
  }
  /** Emits what is left: windows that ended by `now`, then the whole reorder buffer. */
  finish(now) {
    this.advance(now.getTime());
    this.flush(Number.POSITIVE_INFINITY);
  }
  /**
   * The latest record of every grant file on the branch so far, as the timeline keeps it: the
   * approvers that counted, without the approval's reasoning or the grant's params (`kept`).
   */
  records() {
    return [...this.live.values()].map((l) => l.record);
  }
  /** A deletion, or a replacement that grants nothing: revocation if its window was still open. */
  ended(prev, c, trailers, how) {
    const { landing } = prev.record;
    const evidence = evidenceFor(
      c.message,
      landing.path,
      landing.role,
      landing.requester,
      trailers
    );
    if (prev.open) {
      prev.open = false;
      const ev = this.event(prev.record, "revoked", c.committedAt);
      ev.commit = c.oid;
      ev.pr = evidence.pr;
      ev.recordedAt = c.committedAt;
      ev.note = how === "deleted" ? evidence.reason : `replaced by ${how === "invalid" ? "an invalid grant file" : "a landing that was not approved"}`;
      ev.source = evidence.source;
      this.queue(ev);
    } else if (how === "deleted" && prev.expired && !prev.expired.out) {
      const ev = prev.expired.ev;
      ev.commit = c.oid;
      ev.pr = evidence.pr;
      ev.recordedAt = c.committedAt;
      ev.note = evidence.reason;
      ev.source = evidence.source;
    }
  }
  advance(t) {
    for (let top = this.ends.peek(); top && top.at <= t; top = this.ends.peek()) {
      this.ends.pop();
      const l = top.live;
      if (!l.open || this.live.get(l.record.landing.path) !== l) continue;
      l.open = false;
      l.expired = this.queue(this.event(l.record, "expired", new Date(top.at)));
    }
  }
  /** A new event about a grant; callers set what differs (built whole: this runs per event). */
  event(r, event, time) {
    const { landing } = r;
    return {
      time,
      event,
      role: landing.role,
      requester: landing.requester,
      path: landing.path,
      reason: landing.grant?.reason ?? null,
      approvers: r.approvers,
      commit: r.commit,
      pr: r.pr,
      startsAt: landing.window?.startsAt ?? null,
      expiresAt: landing.window?.expiresAt ?? null,
      landedAt: r.landedAt,
      grantCommit: r.commit,
      recordedAt: null,
      note: null,
      problems: [],
      source: r.source
    };
  }
  queue(ev) {
    const p = { ev, at: ev.time.getTime(), seq: this.seq++, out: false };
    this.buffer.push(p);
    return p;
  }
  flush(upTo) {
    for (let top = this.buffer.peek(); top && top.ev.time.getTime() <= upTo; top = this.buffer.peek()) {
      this.buffer.pop();
      top.out = true;
      this.opts.emit(top.ev);
    }
  }
};
function kept(l) {
  const g = l.grant;
  return {
    path: l.path,
    role: l.role,
    requester: l.requester,
    state: l.state,
    grant: g && {
      duration: g.duration,
      reason: g.reason,
      ...g.ticket === void 0 ? {} : { ticket: g.ticket }
    },
    window: l.window,
    approval: null,
    problems: l.problems
  };
}

// src/render/gantt.ts
var MAX_GANTT_BARS = 200;
var stamp = (d) => d.toISOString().slice(0, 19).replace("T", " ");
function gantt(now, max = MAX_GANTT_BARS) {
  const bars = /* @__PURE__ */ new Map();
  const lastByPath = /* @__PURE__ */ new Map();
  let dropped = 0;
  return {
    add(e) {
      if ((e.event === "granted" || e.event === "renewed") && e.startsAt && e.expiresAt) {
        const prev = bars.get(lastByPath.get(e.path) ?? "");
        if (prev && prev.end > e.time) prev.end = prev.start > e.time ? prev.start : e.time;
        const key = `${e.path}@${e.grantCommit}`;
        bars.set(key, {
          role: e.role,
          label: `${e.requester} ${(e.reason ?? "").slice(0, 30)}`,
          start: e.startsAt,
          end: e.expiresAt,
          revoked: false
        });
        lastByPath.set(e.path, key);
        if (bars.size > max) {
          const [oldest] = bars.keys();
          bars.delete(oldest);
          dropped++;
          for (const [path, k] of lastByPath) if (k === oldest) lastByPath.delete(path);
        }
      } else if (e.event === "revoked") {
        const bar = bars.get(`${e.path}@${e.grantCommit}`);
        if (bar) {
          bar.revoked = true;
          if (bar.end > e.time) bar.end = bar.start > e.time ? bar.start : e.time;
        }
      }
    },
    render() {
      if (bars.size === 0) return "_No grant windows in this range._";
      const byRole = /* @__PURE__ */ new Map();
      for (const b of bars.values()) byRole.set(b.role, [...byRole.get(b.role) ?? [], b]);
      const lines = [
        "```mermaid",
        "gantt",
        "  title Grant windows (UTC)",
        "  dateFormat YYYY-MM-DD HH:mm:ss",
        "  axisFormat %m-%d %H:%M"
      ];
      for (const role of [...byRole.keys()].sort()) {
        lines.push(`  section ${mermaidLabel(role)}`);
        for (const b of byRole.get(role)) {
          const tag = b.revoked ? "crit, " : b.start <= now && now < b.end ? "active, " : b.end <= now ? "done, " : "";
          lines.push(`  ${mermaidLabel(b.label)} :${tag}${stamp(b.start)}, ${stamp(b.end)}`);
        }
      }
      lines.push("```");
      if (dropped)
        lines.push(
          "",
          `_The chart shows the latest ${max} windows; ${dropped} earlier ones are in the table above._`
        );
      return lines.join("\n");
    }
  };
}

// src/render/events.ts
var ISO_SLOTS = 1024;
var isoAt = new Float64Array(ISO_SLOTS).fill(Number.NaN);
var isoText = new Array(ISO_SLOTS).fill("");
function iso2(d) {
  const t = d.getTime();
  const slot = t / 1e3 & ISO_SLOTS - 1;
  if (isoAt[slot] === t) return isoText[slot];
  let s = d.toISOString();
  if (s.endsWith(".000Z")) s = `${s.slice(0, -5)}Z`;
  isoAt[slot] = t;
  isoText[slot] = s;
  return s;
}
function eventJson(e) {
  return {
    time: iso2(e.time),
    event: e.event,
    role: e.role,
    requester: e.requester,
    reason: e.reason,
    approvers: e.approvers,
    commit: e.commit,
    pr: e.pr,
    path: e.path,
    starts_at: e.startsAt ? iso2(e.startsAt) : null,
    expires_at: e.expiresAt ? iso2(e.expiresAt) : null,
    landed_at: e.landedAt ? iso2(e.landedAt) : null,
    grant_commit: e.grantCommit,
    recorded_at: e.recordedAt ? iso2(e.recordedAt) : null,
    note: e.note,
    problems: e.problems,
    source: e.source
  };
}
var CSV_COLUMNS = [
  "time",
  "event",
  "role",
  "requester",
  "reason",
  "approvers",
  "commit",
  "pr",
  "path",
  "starts_at",
  "expires_at",
  "landed_at",
  "grant_commit",
  "recorded_at",
  "note",
  "problems",
  "source"
];
var Chunked = class {
  constructor(out) {
    this.out = out;
  }
  out;
  parts = [];
  size = 0;
  add(s) {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 65536) this.flush();
  }
  flush() {
    if (this.parts.length) this.out(this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
};
function eventSink(format, out, opts) {
  const w = new Chunked(out);
  let n = 0;
  switch (format) {
    case "json":
      return {
        write: (e) => w.add(`${n++ ? ",\n" : "[\n"}${JSON.stringify(eventJson(e))}`),
        end: () => {
          w.add(n ? "\n]\n" : "[]\n");
          w.flush();
        }
      };
    case "csv":
      w.add(csvRow(CSV_COLUMNS));
      return {
        write: (e) => {
          const j = eventJson(e);
          w.add(
            csvRow(
              CSV_COLUMNS.map(
                (c) => Array.isArray(j[c]) ? j[c].join(" ") : j[c]
              )
            )
          );
        },
        end: () => w.flush()
      };
    case "markdown": {
      const chart = gantt(opts.now);
      w.add(
        `# Access audit

${markdownText(opts.title, 500)}

| Time (UTC) | Event | Role | Requester | Window | Approvers | PR | Commit | Reason |
|---|---|---|---|---|---|---|---|---|
`
      );
      return {
        write: (e) => {
          n++;
          chart.add(e);
          const window = e.startsAt && e.expiresAt ? `${shortTime(e.startsAt)} \u2192 ${shortTime(e.expiresAt)}` : "";
          const cells = [
            shortTime(e.time),
            e.event,
            markdownText(e.role),
            markdownText(e.requester),
            window,
            markdownText(e.approvers.join(", ")),
            markdownText(e.pr ?? ""),
            e.commit.slice(0, 10),
            markdownText(detail(e))
          ];
          w.add(`| ${cells.join(" | ")} |
`);
        },
        end: () => {
          if (n === 0) w.add("| | (no events) | | | | | | | |\n");
          w.add(`
## Grant windows

${chart.render()}
`);
          w.flush();
        }
      };
    }
    default:
      w.add(`${opts.title} (times in UTC)
`);
      return {
        write: (e) => {
          n++;
          const head = `${shortTime(e.time)}  ${e.event.padEnd(8)}  ${printablePath(e.role).padEnd(20)}  ${printablePath(e.requester).padEnd(16)}`;
          w.add(`${head}  ${textDetail(e)}
`);
        },
        end: () => {
          if (n === 0) w.add("(no events)\n");
          w.flush();
        }
      };
  }
}
function detail(e) {
  if (e.event === "invalid") return `never active: ${e.problems.join(", ")}`;
  if (e.event === "unapproved") return `never active, alarm: ${e.note ?? e.problems.join(", ")}`;
  const parts = [e.reason ?? ""];
  if (e.note) parts.push(`(${e.note})`);
  return parts.filter(Boolean).join(" ");
}
function textDetail(e) {
  const c = e.commit.slice(0, 10);
  const pr = e.pr ? ` ${printable(e.pr, 40)}` : "";
  const why = e.reason ? `: ${quote(e.reason, 400)}` : "";
  switch (e.event) {
    case "granted":
    case "renewed":
      return `${shortTime(e.startsAt)} \u2192 ${shortTime(e.expiresAt)}, approved by ${e.approvers.map((a) => printable(a, 60)).join(", ") || "(no trailer)"}, ${c}${pr}${why}`;
    case "expired":
      return e.recordedAt ? `recorded ${shortTime(e.recordedAt)} in ${c}${pr} (granted in ${e.grantCommit.slice(0, 10)})` : `not recorded in git (granted in ${c}${pr})`;
    case "revoked":
      return `in ${c}${pr}${e.note ? `: ${quote(e.note, 400)}` : ""} (granted in ${e.grantCommit.slice(0, 10)})`;
    case "invalid":
      return `never active: ${e.problems.join(", ")} in ${c}${pr}`;
    case "unapproved":
      return `never active, alarm ${e.problems.join(", ")} in ${c}${pr}: ${e.note ?? ""}`;
  }
}

// src/commands/audit.ts
function timeArg(value, flag) {
  if (value === void 0) return void 0;
  const d = parseInstant(value);
  if (!d)
    throw new UsageError(
      `--${flag} ${JSON.stringify(value)} is not a time. Use RFC 3339 like 2026-11-26T09:00:00Z, or @<unix seconds>.`
    );
  return d;
}
var auditCommand = {
  name: "audit",
  summary: "Print the access timeline from git history, or who had access at a given time.",
  usage: "grantops audit [--since T] [--until T] [--at T] [--user LOGIN] [--role ROLE] [--ref REF] [--directory github|FILE] [--format text|json|csv|markdown]",
  options: {
    since: {
      type: "string",
      help: "Only events at or after this time, and those of grants whose window was still open then."
    },
    until: {
      type: "string",
      help: "Only events at or before this time, and those of grants whose window had opened by then."
    },
    at: {
      type: "string",
      help: "Instead of events: the grants in force at this time (status shape)."
    },
    user: { type: "string", help: "Only this requester (GitHub login)." },
    role: { type: "string", help: "Only this role." },
    ...LEDGER_OPTIONS
  },
  formats: ["text", "json", "csv", "markdown"],
  async run(ctx, args) {
    const since = timeArg(stringArg(args, "since"), "since");
    const until = timeArg(stringArg(args, "until"), "until");
    const at = timeArg(stringArg(args, "at"), "at");
    if (at && (since || until))
      throw new UsageError(
        "--at shows one instant; it cannot be combined with --since or --until. Use --at alone, or --since and --until for a period."
      );
    if (since && until && since > until)
      throw new UsageError(
        "--since is after --until: nothing can match. Give a --since earlier than --until."
      );
    const user = stringArg(args, "user")?.toLowerCase();
    const role = stringArg(args, "role");
    const ledger = await ledgerFromArgs(ctx, args);
    const keep = (r) => (!user || r.requester === user) && (!role || r.role === role);
    if (at) {
      const entries = grantsAt(await ledger.grants({ until: at }), at, ["active"]).filter(keep);
      printGrants(
        ctx,
        entries.map(grantJson),
        () => grantsText(
          entries,
          `Access in force at ${iso(at)} on ${printable(ledger.ref, 100)} (${ledger.commit.slice(0, 10)})`
        )
      );
      return 0;
    }
    const now = ctx.clock.now();
    const range = `${since ? iso(since) : "the beginning"} to ${until ? iso(until) : iso(now)}`;
    const sink = eventSink(ctx.format, ctx.stdout, {
      title: `Access events on ${printable(ledger.ref, 100)} (${ledger.commit.slice(0, 10)}), ${range}`,
      now
    });
    const timeline = new Timeline({
      emit: (e) => {
        if (concerns(e, since, until) && keep(e)) sink.write(e);
      }
    });
    const stopAfter = until ? until.getTime() + DEFAULT_RECORD_HORIZON_SECONDS * 1e3 : Number.POSITIVE_INFINITY;
    await ledger.history((c) => {
      if (c.committedAt.getTime() > stopAfter) return "stop";
      timeline.push(c);
    });
    timeline.finish(until && until < now ? until : now);
    sink.end();
    return 0;
  }
};
function printGrants(ctx, rows, text) {
  const columns = [
    "role",
    "requester",
    "path",
    "state",
    "starts_at",
    "expires_at",
    "landed_at",
    "commit",
    "reason",
    "approvers",
    "pr"
  ];
  const cell = (v) => Array.isArray(v) ? v.join(" ") : v === null || v === void 0 ? "" : String(v);
  if (ctx.format === "json") ctx.stdout(JSON.stringify(rows, null, 2));
  else if (ctx.format === "csv")
    ctx.stdout(
      [csvRow(columns), ...rows.map((r) => csvRow(columns.map((c) => cell(r[c]))))].join("")
    );
  else if (ctx.format === "markdown") {
    ctx.stdout(
      [
        `| ${columns.join(" | ")} |`,
        `|${columns.map(() => "---").join("|")}|`,
        ...rows.map((r) => `| ${columns.map((c) => markdownText(cell(r[c]))).join(" | ")} |`)
      ].join("\n")
    );
  } else ctx.stdout(text());
}

export {
  auditCommand
};
