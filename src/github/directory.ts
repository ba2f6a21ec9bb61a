import type { Directory } from '../core/directory.js';
import { githubError, statusOf } from './errors.js';
import type { GitHubClient } from './octokit.js';

export interface GitHubDirectoryOptions {
  /** The environment variable the token came from, named in authentication errors. */
  tokenEnv?: string;
  /** Told why a team did not resolve: the decision only says that it did not. */
  warn?: (message: string) => void;
}

const TEAM = /^@([^/\s]+)\/([^/\s]+)$/;

/**
 * The Directory port over GitHub's REST API: `@org/team` is the list of
 * `GET /orgs/{org}/teams/{team_slug}/members`, one paginated read per team (100 a page), asked
 * once per directory however many requesters and approvers mention the team. Quirks of that
 * endpoint (https://docs.github.com/rest/teams/members#list-team-members):
 * - It includes the members of child teams: a policy naming a parent team admits everyone in
 *   the teams below it, as GitHub's own team permissions do.
 * - `role` filters by team role and defaults to `all`; `role=member` would silently drop the
 *   maintainers, who are members for grantops, so no filter is sent.
 * - Pending invitees are not listed (they are not members until they accept), which is right.
 * - A team the token cannot see (a secret team, another organization, or a token without the
 *   organization permission "Members: read", such as Actions' own GITHUB_TOKEN) answers 404 or
 *   403 like a team that does not exist, so both mean "unresolved", never "empty".
 */
export function githubDirectory(
  octokit: GitHubClient,
  options: GitHubDirectoryOptions = {},
): Directory {
  const answers = new Map<string, Promise<readonly string[] | null>>();
  return {
    members(team) {
      const key = team.toLowerCase();
      let answer = answers.get(key);
      if (!answer) {
        answer = listMembers(octokit, key, options);
        answers.set(key, answer);
        // A failure stops the command anyway; forgetting it lets a caller that goes on ask again.
        answer.catch(() => answers.delete(key));
      }
      return answer;
    },
  };
}

async function listMembers(
  octokit: GitHubClient,
  team: string,
  options: GitHubDirectoryOptions,
): Promise<readonly string[] | null> {
  const parts = TEAM.exec(team);
  if (!parts) {
    options.warn?.(`${team} is not a GitHub team; write teams as @org/team-slug.`);
    return null;
  }
  const [org, slug] = [parts[1]!, parts[2]!];
  try {
    const members = await octokit.paginate(octokit.rest.teams.listMembersInOrg, {
      org,
      team_slug: slug,
      per_page: 100,
    });
    return members.map((m) => m.login.toLowerCase());
  } catch (e) {
    const tokenEnv = options.tokenEnv ?? 'GITHUB_TOKEN';
    const error = githubError(e, { doing: `listing the members of ${team}`, tokenEnv });
    const status = statusOf(e);
    // A 403 that is a rate limit is GitHub being busy, not an answer about the team: it stops
    // the check (exit 2) rather than failing the request.
    if (status === 404 || (status === 403 && error.code !== 'E_GITHUB_RATE_LIMITED')) {
      options.warn?.(
        `${team} could not be resolved: GitHub answered ${status} (no such team, or the token in ${tokenEnv} cannot see it; it needs the organization permission "Members: read").`,
      );
      return null;
    }
    throw error;
  }
}
