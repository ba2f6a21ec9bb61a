import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  readChanges,
  resolveTeams
} from "./chunk-MDF4GXS3.js";
import {
  policiesFor
} from "./chunk-NY4ACVCR.js";
import {
  directoryFromArgs,
  validateRequest
} from "./chunk-T5DEZ7P3.js";
import {
  BlobReader,
  readPolicySources
} from "./chunk-5CDPNGCY.js";
import {
  printable,
  printablePath
} from "./chunk-CUYCPMPS.js";
import {
  MAX_GRANT_BYTES,
  MAX_POLICY_BYTES,
  listArg,
  parseGrantPath,
  requireArg,
  resolveCommits
} from "./chunk-L2WRRIKU.js";
import {
  formatDuration
} from "./chunk-FQZU7CBE.js";
import {
  formatProblem
} from "./chunk-AEA6CW7H.js";

// src/commands/validate.ts
function validateCommand(seams = {}) {
  return {
    name: "validate",
    summary: "Decide whether the change base..head is a valid access request (and, with approvals, whether it may merge).",
    usage: "grantops validate --base REF --head REF --author LOGIN [--approved-by L1,L2] [--committers L1,L2] [--directory github|FILE [--token-env NAME]]",
    formats: ["text", "json"],
    options: {
      base: {
        type: "string",
        help: "The base revision: policies are read from here, never from the change."
      },
      head: { type: "string", help: "The head revision of the request." },
      author: { type: "string", help: "The pull request author as the forge reports it." },
      "approved-by": {
        type: "string",
        help: "Comma-separated logins whose latest review approves the head commit."
      },
      committers: {
        type: "string",
        help: "Comma-separated logins who pushed to the pull request (their approvals never count)."
      },
      directory: {
        type: "string",
        help: 'Where @org/team members come from: github (the REST API; GITHUB_API_URL for Enterprise Server) or a YAML file ("@org/team": [login, \u2026]) for offline checks; ./github for a file of that name.'
      },
      "token-env": {
        type: "string",
        help: "With --directory github: the environment variable holding a token that can read the organization's teams (default GITHUB_TOKEN)."
      }
    },
    async run(ctx, args) {
      const baseRev = requireArg(args, "base");
      const headRev = requireArg(args, "head");
      const author = requireArg(args, "author");
      const [base, head] = await resolveCommits(ctx.repo, [baseRev, headRev]);
      const blobs = new BlobReader(ctx.repo, Math.max(MAX_GRANT_BYTES, MAX_POLICY_BYTES));
      let sources;
      let changes;
      try {
        [sources, changes] = await Promise.all([
          readPolicySources(ctx.repo, base, blobs),
          readChanges(ctx.repo, base, head, blobs)
        ]);
      } finally {
        await blobs.close();
      }
      const roles = changes.flatMap((c) => parseGrantPath(c.path)?.role ?? []);
      const policy = policiesFor(base, sources, roles);
      const directory = await directoryFromArgs(ctx, args, seams);
      const teams = await resolveTeams(policy, roles, directory);
      const decision = validateRequest({
        author,
        changes,
        policy,
        teams,
        now: ctx.clock.now(),
        approvedBy: listArg(args, "approved-by"),
        committers: listArg(args, "committers")
      });
      ctx.stdout(
        ctx.format === "json" ? JSON.stringify(decision, null, 2) : renderDecision(decision, author)
      );
      return decision.valid && decision.approved !== false ? 0 : 1;
    }
  };
}
function renderDecision(d, author) {
  const who = printable(author, 60);
  const verdict = !d.valid ? `\u2717 not a valid access request by ${who}` : d.approved === false ? `\u2717 valid request by ${who}, but not approved yet` : d.approved ? `\u2713 valid and approved request by ${who}` : `\u2713 valid access request by ${who}`;
  const lines = [verdict];
  for (const g of d.grants) {
    const dur = g.duration_seconds === null ? "" : `, ${formatDuration(g.duration_seconds)}`;
    const appr = g.approvals_required === void 0 || g.change === "revoked" ? "" : g.approved_by ? `; approvals ${g.approved_by.length}/${g.approvals_required}${g.approved_by.length ? ` (${g.approved_by.map((a) => printable(a, 60)).join(", ")})` : ""}` : `; needs ${g.approvals_required} approval${g.approvals_required > 1 ? "s" : ""}`;
    lines.push(
      `  ${g.change.padEnd(8)} ${printablePath(g.path)}: ${printable(g.role)} for ${printable(g.requester)}${dur}${appr}`
    );
  }
  if (d.problems.length) {
    lines.push("", `${d.problems.length} problem${d.problems.length > 1 ? "s" : ""}:`);
    for (const p of d.problems) lines.push(`  ${formatProblem(p)}`);
  }
  return lines.join("\n");
}

export {
  validateCommand,
  renderDecision
};
