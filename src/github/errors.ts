/**
 * What Octokit throws, translated once for every GitHub caller (team provider, directory) into
 * errors that say what grantops was doing, what GitHub answered and what to do.
 */
import { ExternalError } from '../core/errors.js';

/** The parts of Octokit's RequestError grantops reads (duck-typed: any thrown value may come). */
interface GitHubFailure {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

function isGitHubFailure(e: unknown): e is GitHubFailure {
  return (
    typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number'
  );
}

export function statusOf(e: unknown): number | null {
  return isGitHubFailure(e) ? e.status : null;
}

/** GitHub's own message, without the documentation URL Octokit appends. */
function said(e: GitHubFailure): string {
  const data = e.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const message = typeof data?.message === 'string' ? data.message : e.message;
  const errors = Array.isArray(data?.errors) ? ` ${JSON.stringify(data.errors)}` : '';
  return `${message.split('\n')[0]}${errors}`.slice(0, 300);
}

function rateLimited(e: GitHubFailure): boolean {
  if (e.status === 429) return true;
  return (
    e.status === 403 &&
    (e.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(e.message))
  );
}

export interface FailureContext {
  /** What grantops was doing, e.g. "adding alice to team acme/prod-admins". */
  doing: string;
  /** The env var holding the token, named in authentication errors. */
  tokenEnv: string;
  /** For a 403 on a membership write: the team, which may be synced with an identity provider. */
  membershipWriteOn?: string;
}

/**
 * Turns what Octokit throws into one `ExternalError` whose message says what grantops was
 * doing, what GitHub answered and what to do. 404s are left to the caller, which knows whether
 * the missing thing is a team or a user.
 */
export function githubError(e: unknown, ctx: FailureContext): ExternalError {
  if (!isGitHubFailure(e)) {
    const reason = e instanceof Error ? e.message : String(e);
    return new ExternalError(
      'E_GITHUB_UNREACHABLE',
      `GitHub could not be reached while ${ctx.doing}: ${reason}. Check the network (and GITHUB_API_URL, if set), then run again.`,
    );
  }
  const github = `GitHub answered ${e.status}: ${said(e)}`;
  if (e.status === 401) {
    return new ExternalError(
      'E_GITHUB_AUTH',
      `${github} while ${ctx.doing}. The token in ${ctx.tokenEnv} is invalid or expired; installation tokens last one hour, so mint a fresh one for each run.`,
    );
  }
  if (rateLimited(e)) {
    return new ExternalError(
      'E_GITHUB_RATE_LIMITED',
      `${github} while ${ctx.doing}. GitHub's rate limit held after the allowed retries; the next scheduled run will converge.`,
    );
  }
  if (e.status === 403 && /not accessible by integration/i.test(e.message)) {
    return new ExternalError(
      'E_GITHUB_FORBIDDEN',
      `${github} while ${ctx.doing}. The token in ${ctx.tokenEnv} lacks the organization permission "Members: read and write"; give the GitHub App that permission and reinstall it.`,
    );
  }
  if (e.status === 403 && ctx.membershipWriteOn) {
    // GitHub documents a 403 for membership writes on teams synced with an identity provider
    // (team synchronization, Enterprise Managed Users) without fixing its wording, so any other
    // 403 on a membership write is read as that.
    return new ExternalError(
      'E_GITHUB_TEAM_IDP_SYNCED',
      `${github} while ${ctx.doing}. Team ${ctx.membershipWriteOn} is managed by the identity provider (team synchronization): GitHub refuses membership changes through its API. Give this access through the identity provider's group, or point the role at a team that is not synced.`,
    );
  }
  return new ExternalError(
    'E_GITHUB_API',
    `${github} while ${ctx.doing}. Check what GitHub says above and the token's permissions, then run again.`,
  );
}
