#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  DIRECTORY_OPTIONS
} from "./chunk-3EHRYLAD.js";
import {
  FORGE_OPTION,
  openForge
} from "./chunk-MBHDA3L7.js";
import {
  expiryBranch,
  parseExpiryBranch
} from "./chunk-AEYEIEEU.js";
import {
  gitLedger,
  grantsAt,
  openLedger
} from "./chunk-W3OPTJO3.js";
import {
  formatTrailers
} from "./chunk-5GSE7XHR.js";
import {
  directoryFromArgs
} from "./chunk-V4LXNA3V.js";
import {
  iso
} from "./chunk-R64KUAPR.js";
import {
  printable
} from "./chunk-CKX4GWUA.js";
import {
  providerSchemas,
  stringArg
} from "./chunk-FZ7HWEFT.js";
import {
  formatProblem,
  problem
} from "./chunk-P6HFGWWX.js";

// src/core/decision-expiry.ts
function planExpiry(grants, expiries) {
  const byBranch = /* @__PURE__ */ new Map();
  for (const e of expiries) {
    const seen = byBranch.get(e.branch);
    if (!seen || seen.state === "closed") byBranch.set(e.branch, e);
  }
  const current = new Set(grants.map((g) => expiryBranch(g.role, g.requester, g.commit)));
  const expire = [];
  for (const grant of grants) {
    if (!grant.expiredAt) continue;
    const branch = expiryBranch(grant.role, grant.requester, grant.commit);
    const existing = byBranch.get(branch) ?? null;
    if (existing?.state === "merged") continue;
    expire.push({ grant, branch, existing: existing?.state === "open" ? existing : null });
  }
  const close = expiries.filter(
    (e) => e.state === "open" && parseExpiryBranch(e.branch) !== null && !current.has(e.branch)
  );
  return { expire, close };
}
function expiryMessage(grant, reference) {
  return {
    title: `Expire ${grant.role} for ${grant.requester}`,
    message: formatTrailers({
      grants: [
        {
          action: "expired",
          path: grant.path,
          role: grant.role,
          requester: grant.requester,
          ...grant.startsAt ? { startsAt: iso(grant.startsAt) } : {},
          ...grant.expiredAt ? { expiresAt: iso(grant.expiredAt) } : {}
        }
      ],
      pullRequest: reference
    })
  };
}

// src/render/expire.ts
function expireJson(r) {
  return JSON.stringify(r, null, 2);
}
function renderExpire(r, now) {
  const lines = [
    `${r.dry_run ? "dry run: would record" : "recorded"} the end of ${r.expired.length} grant${r.expired.length === 1 ? "" : "s"} at ${now}`
  ];
  for (const e of r.expired)
    lines.push(
      `  \u2713 ${printable(e.path)} ended ${e.expired_at}${e.commit ? ` \u2192 ${e.commit.slice(0, 10)}` : ""} (${printable(e.request)})`
    );
  for (const w of r.waiting) {
    lines.push(
      `  \u2717 ${printable(w.path)} ended ${w.expired_at}, not recorded yet (${printable(w.request)}):`
    );
    for (const p of w.problems) lines.push(`      ${formatProblem(p)}`);
  }
  for (const c of r.closed)
    lines.push(
      `  ${r.dry_run ? "would close" : "closed"} ${printable(c.branch)}: ${printable(c.why)}`
    );
  return lines.join("\n");
}

// src/commands/expire.ts
var OUTCOME_CODES = {
  "head-moved": "E_HEAD_MOVED",
  "not-allowed": "E_MERGE_REFUSED",
  conflict: "E_MERGE_CONFLICT"
};
function expireCommandWith(seams = {}) {
  return {
    name: "expire",
    summary: "Record in git the grants whose window has ended: a revert deleting each file, merged onto main.",
    usage: "grantops expire [--dry-run] [--forge github|local] [--directory FILE]",
    formats: ["text", "json"],
    options: {
      "dry-run": { type: "boolean", help: "Say what would be recorded, and write nothing." },
      ...FORGE_OPTION,
      ...DIRECTORY_OPTIONS
    },
    async run(ctx, args) {
      const dryRun = args.values["dry-run"] === true;
      const forge = await openForge(ctx, args, "expire", seams);
      const at = await openLedger(ctx.repo, `refs/heads/${forge.base}`, ctx.stderr);
      const ledger = gitLedger(ctx.repo, at, {
        schemas: providerSchemas,
        ...stringArg(args, "directory") !== void 0 ? { directory: await directoryFromArgs(ctx, args, seams) } : {}
      });
      const now = ctx.clock.now();
      const entries = grantsAt(await ledger.grants(), now, [
        "active",
        "scheduled",
        "unapproved",
        "invalid",
        "expired"
      ]);
      const grants = entries.map((e) => ({
        path: e.path,
        role: e.role,
        requester: e.requester,
        commit: e.commit,
        startsAt: e.startsAt,
        expiredAt: e.state === "expired" ? e.expiresAt : null
      }));
      const plan = planExpiry(grants, await forge.listExpiries());
      const result = { dry_run: dryRun, expired: [], waiting: [], closed: [] };
      for (const step of plan.expire) {
        const { grant } = step;
        const item = {
          path: grant.path,
          role: grant.role,
          requester: grant.requester,
          expired_at: iso(grant.expiredAt),
          request: step.existing?.reference ?? step.branch,
          commit: null
        };
        if (dryRun) {
          result.expired.push(item);
          continue;
        }
        const opened = step.existing ? { expiry: step.existing } : await forge.openExpiry({
          branch: step.branch,
          path: grant.path,
          base: at.commit,
          ...expiryMessage(grant, step.branch)
        });
        item.request = opened.expiry.reference;
        const outcome = await forge.mergeExpiry(
          opened.expiry,
          expiryMessage(grant, opened.expiry.reference)
        );
        if (outcome.merged) result.expired.push({ ...item, commit: outcome.commit });
        else
          result.waiting.push({
            ...item,
            problems: [problem(grant.path, null, OUTCOME_CODES[outcome.reason], outcome.message)]
          });
      }
      for (const e of plan.close) {
        const why = "its grant was renewed or removed since the revert was opened";
        if (!dryRun) await forge.closeExpiry(e, why);
        result.closed.push({ request: e.reference, branch: e.branch, why });
      }
      ctx.stdout(ctx.format === "json" ? expireJson(result) : renderExpire(result, iso(now)));
      return result.waiting.length ? 1 : 0;
    }
  };
}
var expireCommand = expireCommandWith();

export {
  expireCommandWith,
  expireCommand
};
