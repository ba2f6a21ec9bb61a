import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  FORGE_OPTION,
  openForge
} from "./chunk-4W7E3K2F.js";
import {
  changedOnBase,
  readChanges,
  resolveTeams
} from "./chunk-MDF4GXS3.js";
import {
  policiesAt
} from "./chunk-NY4ACVCR.js";
import {
  decideRequest,
  decisionReport,
  rolesOf,
  withBaseChanged
} from "./chunk-2ZI7UELM.js";
import {
  directoryFromArgs
} from "./chunk-T5DEZ7P3.js";
import {
  printable
} from "./chunk-CUYCPMPS.js";
import {
  formatDuration
} from "./chunk-FQZU7CBE.js";
import {
  UsageError,
  formatProblem,
  problem
} from "./chunk-AEA6CW7H.js";

// src/render/approvers.ts
function approverLines(e, indent) {
  const n = `${e.required} approval${e.required === 1 ? "" : "s"}`;
  const who = e.may_approve.map((p) => printable(p, 100)).join(", ");
  return [
    `${indent}may approve ${printable(e.role)} (${n} needed): ${who || "nobody (every approver of the role asked for it or pushed to it): ask an admin"}`,
    ...e.excluded.map(
      (x) => `${indent}cannot approve: ${printable(x.login, 60)} (${printable(x.why, 200)})`
    )
  ];
}

// src/render/merge.ts
function mergeJson(r) {
  return JSON.stringify(r, null, 2);
}
function grantLine(g) {
  const d = g.duration_seconds === null ? "" : ` for ${formatDuration(g.duration_seconds)}`;
  return `    ${g.change.padEnd(8)} ${printable(g.path)}${d}`;
}
function renderMerge(r) {
  const lines = [];
  if (!r.merged.length && !r.waiting.length) return "No open request.";
  for (const m of r.merged) {
    lines.push(
      `\u2713 merged ${printable(m.request)} as ${m.commit.slice(0, 10)}: ${printable(m.title)}`,
      ...m.approved_by.length ? [`    approved by ${m.approved_by.map((a) => printable(a)).join(", ")}`] : [],
      ...m.grants.map(grantLine)
    );
  }
  for (const w of r.waiting) {
    lines.push(
      `\u2717 waiting ${printable(w.request)}${w.author ? ` by ${printable(w.author)}` : ""}:`,
      ...w.grants.map(grantLine),
      ...(w.approvals?.eligible ?? []).flatMap((e) => approverLines(e, "    ")),
      ...w.problems.map((p) => `    ${formatProblem(p)}`)
    );
  }
  lines.push("", `${r.merged.length} merged, ${r.waiting.length} waiting.`);
  return lines.join("\n");
}

// src/commands/merge.ts
var DIRECTORY_OPTIONS = {
  directory: {
    type: "string",
    help: 'Where @org/team members come from: a YAML file ("@org/team": [login, \u2026]), or github.'
  },
  "token-env": {
    type: "string",
    help: "With --directory github: the environment variable holding the token (default GITHUB_TOKEN)."
  }
};
async function requestFacts(ctx, request, directory) {
  const [policy, changes] = await Promise.all([
    policiesAt(ctx.repo, request.base.sha),
    readChanges(ctx.repo, request.base.sha, request.head.sha)
  ]);
  const teams = await resolveTeams(policy, rolesOf(changes), directory);
  return { policy, changes, teams };
}
async function decideOn(ctx, request, reviews, directory) {
  const facts = await requestFacts(ctx, request, directory);
  return decideRequest({ request, ...facts, reviews, now: ctx.clock.now() });
}
var OUTCOME_CODES = {
  "head-moved": "E_HEAD_MOVED",
  "not-allowed": "E_MERGE_REFUSED",
  conflict: "E_MERGE_CONFLICT"
};
function mergeCommandWith(seams = {}) {
  return {
    name: "merge",
    summary: "Decide open requests with main\u2019s policies and their approvals, and squash-merge those that pass, with the audit trailers.",
    usage: "grantops merge [REQUEST\u2026] [--all] [--forge github|local] [--directory FILE]",
    formats: ["text", "json"],
    options: {
      all: { type: "boolean", help: "Every open request." },
      ...FORGE_OPTION,
      ...DIRECTORY_OPTIONS
    },
    async run(ctx, args) {
      const all = args.values.all === true;
      if (all === args.positionals.length > 0) {
        throw new UsageError(
          all ? "Name requests or pass --all, not both." : "Name the requests to merge (e.g. request/db-read/alice), or pass --all for every open one."
        );
      }
      const forge = await openForge(ctx, args, "merge", seams);
      const directory = await directoryFromArgs(ctx, args, seams);
      const listed = all ? await forge.listRequests() : [];
      const listedById = new Map(listed.map((r) => [r.id, r]));
      const ids = all ? [...listedById.keys()] : args.positionals;
      if (!all) await Promise.all(ids.map((id) => forge.request(id)));
      const result = { merged: [], waiting: [] };
      for (const id of ids) {
        const summary = listedById.get(id);
        const early = summary ? forge.reviews(summary) : null;
        early?.catch(() => void 0);
        const request = await forge.request(id);
        const [reviews, facts, onBase] = await Promise.all([
          early ?? forge.reviews(request),
          requestFacts(ctx, request, directory),
          changedOnBase(ctx.repo, request.base.sha, request.head.sha, ["grants/"])
        ]);
        let decision = decideRequest({ request, ...facts, reviews, now: ctx.clock.now() });
        if (decision.valid) {
          const paths = new Set(decision.grants.map((g) => g.path));
          const moved = onBase.filter((p) => paths.has(p));
          decision = withBaseChanged(decision, forge.base, moved);
        }
        const report = decisionReport(decision);
        await forge.report(request, report, { check: true, card: !decision.merge });
        if (!decision.merge) {
          result.waiting.push(
            waiting(request, decision.grants, decision.problems, decision.approvals)
          );
          continue;
        }
        const outcome = await forge.merge(request, { head: decision.head, ...decision.merge });
        await forge.report(request, report, { check: false, card: true });
        if (outcome.merged) {
          result.merged.push({
            request: request.id,
            commit: outcome.commit,
            title: decision.merge.title,
            approved_by: decision.approvals.counted,
            grants: decision.grants
          });
        } else {
          const where = decision.grants[0]?.path ?? "grants/";
          result.waiting.push(
            waiting(
              request,
              decision.grants,
              [problem(where, null, OUTCOME_CODES[outcome.reason], outcome.message)],
              decision.approvals
            )
          );
        }
      }
      ctx.stdout(ctx.format === "json" ? mergeJson(result) : renderMerge(result));
      return result.waiting.length ? 1 : 0;
    }
  };
}
function waiting(request, grants, problems, approvals) {
  return { request: request.id, author: request.author.login, grants, problems, approvals };
}
var mergeCommand = mergeCommandWith();

export {
  approverLines,
  DIRECTORY_OPTIONS,
  decideOn,
  mergeCommandWith,
  mergeCommand
};
