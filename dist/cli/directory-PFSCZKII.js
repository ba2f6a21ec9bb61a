#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  githubError,
  statusOf
} from "./chunk-X4SEJDSL.js";
import "./chunk-P6HFGWWX.js";
import "./chunk-LUMG572G.js";
import "./chunk-LC3XKIL7.js";

// src/github/directory.ts
var TEAM = /^@([^/\s]+)\/([^/\s]+)$/;
function githubDirectory(octokit, options = {}) {
  const answers = /* @__PURE__ */ new Map();
  return {
    members(team) {
      const key = team.toLowerCase();
      let answer = answers.get(key);
      if (!answer) {
        answer = listMembers(octokit, key, options);
        answers.set(key, answer);
        answer.catch(() => answers.delete(key));
      }
      return answer;
    }
  };
}
async function listMembers(octokit, team, options) {
  const parts = TEAM.exec(team);
  if (!parts) {
    options.warn?.(`${team} is not a GitHub team; write teams as @org/team-slug.`);
    return null;
  }
  const [org, slug] = [parts[1], parts[2]];
  try {
    const members = await octokit.paginate(octokit.rest.teams.listMembersInOrg, {
      org,
      team_slug: slug,
      per_page: 100
    });
    return members.map((m) => m.login.toLowerCase());
  } catch (e) {
    const tokenEnv = options.tokenEnv ?? "GITHUB_TOKEN";
    const error = githubError(e, { doing: `listing the members of ${team}`, tokenEnv });
    const status = statusOf(e);
    if (status === 404 || status === 403 && error.code !== "E_GITHUB_RATE_LIMITED") {
      options.warn?.(
        `${team} could not be resolved: GitHub answered ${status} (no such team, or the token in ${tokenEnv} cannot see it; it needs the organization permission "Members: read").`
      );
      return null;
    }
    throw error;
  }
}
export {
  githubDirectory
};
