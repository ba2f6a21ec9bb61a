import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  DIRECTORY_OPTIONS,
  decideOn
} from "./chunk-ZYPSBA4K.js";
import {
  FORGE_OPTION,
  forgeKind,
  localForge
} from "./chunk-4W7E3K2F.js";
import {
  directoryFromArgs
} from "./chunk-T5DEZ7P3.js";
import {
  printable
} from "./chunk-CUYCPMPS.js";
import {
  LOGIN_PATTERN,
  requireArg
} from "./chunk-L2WRRIKU.js";
import {
  UsageError,
  formatProblem
} from "./chunk-AEA6CW7H.js";
import {
  quote
} from "./chunk-KLQUP7ME.js";

// src/render/approve.ts
function approveJson(r) {
  const d = r.decision;
  return JSON.stringify(
    {
      request: r.request,
      approver: r.approver,
      commit: r.commit,
      recorded: r.recorded,
      why: r.why,
      valid: d.valid,
      approved: d.approved,
      approvals: d.approvals,
      problems: d.problems
    },
    null,
    2
  );
}
function renderApprove(r) {
  const d = r.decision;
  const who = printable(r.approver);
  const what = `${printable(r.request)} at ${r.commit.slice(0, 10)}`;
  if (!r.recorded)
    return `\u2717 ${who}'s approval of ${what} would not count, so it was not recorded: ${printable(r.why ?? "", 500)}.`;
  const lines = [`\u2713 recorded ${who}'s approval of ${what}`];
  lines.push(
    d.approved ? "  the request is approved: grantops merge will merge it" : `  ${d.valid ? "valid, still waiting" : "not valid yet"}: ${d.approvals.counted.length} approval(s) counted${d.approvals.counted.length ? ` (${d.approvals.counted.map((a) => printable(a)).join(", ")})` : ""}`
  );
  for (const p of d.problems) lines.push(`  ${formatProblem(p)}`);
  return lines.join("\n");
}

// src/commands/approve.ts
var LOGIN = new RegExp(LOGIN_PATTERN);
var approveCommand = {
  name: "approve",
  summary: "Record an approval of a request's current head commit (local forge).",
  usage: "grantops approve REQUEST --as LOGIN [--directory FILE]",
  formats: ["text", "json"],
  options: {
    as: { type: "string", help: "The approver\u2019s GitHub login." },
    ...FORGE_OPTION,
    ...DIRECTORY_OPTIONS
  },
  async run(ctx, args) {
    if (forgeKind(ctx, args) === "github") {
      throw new UsageError(
        "approve is for the local forge only: on GitHub, approve the pull request in its review."
      );
    }
    const [id, ...extra] = args.positionals;
    if (!id || extra.length)
      throw new UsageError(
        "Name one request to approve, e.g. grantops approve request/db-read/alice --as carol."
      );
    const asked = requireArg(args, "as");
    if (!LOGIN.test(asked))
      throw new UsageError(
        `--as ${quote(asked)} is not a GitHub login (letters, digits and single inner hyphens, at most 39). Pass the approver's login as GitHub shows it, e.g. --as carol.`
      );
    const login = asked.toLowerCase();
    const forge = localForge(ctx, args, "approve");
    const directory = await directoryFromArgs(ctx, args);
    const request = await forge.request(id);
    const head = request.head.sha;
    const reviews = await forge.reviews(request);
    const given = [
      ...reviews.filter((r) => r.reviewer !== login),
      { reviewer: login, state: "approved", commit: head, submittedAt: null }
    ];
    const decision = await decideOn(ctx, request, given, directory);
    const refused = decision.approvals.ignored.find((i) => i.login === login);
    if (!refused) await forge.approve(request.id, login, head);
    const result = {
      request: request.id,
      approver: login,
      commit: head,
      recorded: !refused,
      why: refused?.why ?? null,
      decision
    };
    ctx.stdout(ctx.format === "json" ? approveJson(result) : renderApprove(result));
    return refused ? 1 : 0;
  }
};

export {
  approveCommand
};
