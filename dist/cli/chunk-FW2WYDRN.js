#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-P6HFGWWX.js";
import {
  quote
} from "./chunk-LUMG572G.js";

// src/github/repo-ref.ts
var NAME = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
function parseRepoRef(text, where = "the repository") {
  const m = NAME.exec(text.trim());
  if (!m || m[2] === "." || m[2] === "..") {
    throw new UsageError(
      `${where} must be written OWNER/NAME, as in GITHUB_REPOSITORY (e.g. acme/access); got ${quote(text, 120)}.`
    );
  }
  return { owner: m[1], repo: m[2] };
}
var repoName = (r) => `${r.owner}/${r.repo}`;
function repoRefFromRemote(url, host) {
  const h = host.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(
    `^(?:https://(?:[^@/]+@)?${h}/|ssh://git@${h}(?::\\d+)?/|git@${h}:)([^/]+/[^/]+?)(?:\\.git)?/?$`,
    "i"
  ).exec(url.trim());
  if (!m) return null;
  try {
    return parseRepoRef(m[1]);
  } catch {
    return null;
  }
}

export {
  parseRepoRef,
  repoName,
  repoRefFromRemote
};
