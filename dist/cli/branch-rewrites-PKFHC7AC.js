#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import "./chunk-LC3XKIL7.js";

// src/github/branch-rewrites.ts
var REWRITES = /* @__PURE__ */ new Set(["force_push", "branch_deletion"]);
async function rewritesSince(octokit, repo, branch, since) {
  const out = [];
  const pages = octokit.paginate.iterator(octokit.rest.repos.listActivities, {
    ...repo,
    ref: `refs/heads/${branch}`,
    direction: "desc",
    per_page: 100
  });
  for await (const { data } of pages) {
    let older = false;
    for (const a of data) {
      const at = new Date(a.timestamp);
      if (at < since) {
        older = true;
        break;
      }
      if (REWRITES.has(a.activity_type))
        out.push({
          kind: a.activity_type,
          actor: a.actor?.login ?? null,
          at
        });
    }
    if (older) break;
  }
  return out;
}
export {
  rewritesSince
};
