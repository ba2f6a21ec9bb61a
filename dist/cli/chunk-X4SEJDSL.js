#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  ExternalError
} from "./chunk-P6HFGWWX.js";

// src/github/errors.ts
function isGitHubFailure(e) {
  return typeof e === "object" && e !== null && typeof e.status === "number";
}
function statusOf(e) {
  return isGitHubFailure(e) ? e.status : null;
}
function said(e) {
  const data = e.response?.data;
  const message = typeof data?.message === "string" ? data.message : e.message;
  const errors = Array.isArray(data?.errors) ? ` ${JSON.stringify(data.errors)}` : "";
  return `${message.split("\n")[0]}${errors}`.slice(0, 300);
}
function rateLimited(e) {
  if (e.status === 429) return true;
  return e.status === 403 && (e.response?.headers?.["x-ratelimit-remaining"] === "0" || /rate limit/i.test(e.message));
}
function githubError(e, ctx) {
  if (!isGitHubFailure(e)) {
    const reason = e instanceof Error ? e.message : String(e);
    return new ExternalError(
      "E_GITHUB_UNREACHABLE",
      `GitHub could not be reached while ${ctx.doing}: ${reason}. Check the network (and GITHUB_API_URL, if set), then run again.`
    );
  }
  const github = `GitHub answered ${e.status}: ${said(e)}`;
  if (e.status === 401) {
    return new ExternalError(
      "E_GITHUB_AUTH",
      `${github} while ${ctx.doing}. The token in ${ctx.tokenEnv} is invalid or expired; installation tokens last one hour, so mint a fresh one for each run.`
    );
  }
  if (rateLimited(e)) {
    return new ExternalError(
      "E_GITHUB_RATE_LIMITED",
      `${github} while ${ctx.doing}. GitHub's rate limit held after the allowed retries; the next scheduled run will converge.`
    );
  }
  if (e.status === 403 && /not accessible by integration/i.test(e.message)) {
    return new ExternalError(
      "E_GITHUB_FORBIDDEN",
      `${github} while ${ctx.doing}. The token in ${ctx.tokenEnv} lacks the organization permission "Members: read and write"; give the GitHub App that permission and reinstall it.`
    );
  }
  if (e.status === 403 && ctx.membershipWriteOn) {
    return new ExternalError(
      "E_GITHUB_TEAM_IDP_SYNCED",
      `${github} while ${ctx.doing}. Team ${ctx.membershipWriteOn} is managed by the identity provider (team synchronization): GitHub refuses membership changes through its API. Give this access through the identity provider's group, or point the role at a team that is not synced.`
    );
  }
  return new ExternalError(
    "E_GITHUB_API",
    `${github} while ${ctx.doing}. Check what GitHub says above and the token's permissions, then run again.`
  );
}

export {
  statusOf,
  githubError
};
