import { UsageError } from '../core/errors.js';
import type { GitRepository } from '../core/git-port.js';
import { grantPath } from '../core/paths.js';
import { expandPrincipals, membership } from '../core/policy/principals.js';
import { LOGIN_PATTERN } from '../core/policy/schema.js';
import type { Policy } from '../core/policy/types.js';
import { problem, quote, type Problem } from '../core/problem.js';
import { closest } from '../core/request/suggest.js';
import type { FileChange } from '../core/request/types.js';
import { validateRequest } from '../core/request/validate.js';
import { git, resolveCommit } from '../git/run.js';
import { configuredLogin } from '../local/identity.js';
import { writeRequestBranch } from '../local/request-branch.js';
import { grantFileText } from '../render/grant-file.js';
import { renderRequest, requestJson, type RequestResult } from '../render/request.js';
import { requireArg, stringArg } from '../cli/args.js';
import type { Args, Command } from '../cli/context.js';
import { directoryFromArgs } from '../wiring/directory.js';
import { FORGE_OPTION, localForge } from '../wiring/forge.js';
import { DIRECTORY_OPTIONS } from './merge.js';
import { policiesAt } from '../wiring/policy.js';
import { resolveTeams } from '../core/teams.js';

const LOGIN = new RegExp(LOGIN_PATTERN);
const PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;

/**
 * `grantops request ROLE …`: checks the request with validate's own rules first, and writes
 * nothing when it would fail; then one commit by the requester adding the grant file, on a new
 * branch `request/<role>/<login>` from main, without touching the checkout.
 */
export const requestCommand: Command = {
  name: 'request',
  summary: 'Ask for a role: check the request, then write the grant file on a new request branch.',
  usage:
    'grantops request ROLE --for DURATION --reason TEXT [--ticket T] [--param k=v]… [--start TIME] [--as LOGIN] [--directory FILE]',
  formats: ['text', 'json'],
  options: {
    for: { type: 'string', help: 'How long: 30m, 2h, 1h30m, 1d or ISO 8601 (PT2H).' },
    reason: {
      type: 'string',
      help: 'Why, in one line (some roles want an incident number first).',
    },
    ticket: { type: 'string', help: 'The ticket, when the role takes one.' },
    param: { type: 'string', multiple: true, help: 'A scope parameter k=v (repeat for more).' },
    start: { type: 'string', help: 'Start later than the merge: RFC 3339 with an offset.' },
    as: {
      type: 'string',
      help: 'The requester’s GitHub login (local forge; default: from git’s user.email no-reply address or user.name).',
    },
    'open-pr': { type: 'boolean', help: 'Push and open the pull request (GitHub forge).' },
    ...FORGE_OPTION,
    ...DIRECTORY_OPTIONS,
  },
  async run(ctx, args) {
    const forge = localForge(ctx, args, 'request');
    if (args.values['open-pr'] === true)
      throw new UsageError(
        '--open-pr opens a GitHub pull request; it has no meaning on the local forge.',
      );
    const login = await requesterLogin(forge.git, args);
    const roleName = args.positionals[0];
    if (args.positionals.length > 1)
      throw new UsageError('Name one role per request (grantops request ROLE --for … --reason …).');
    const baseSha = await readBase(ctx.repo, forge.base);
    const policy = await policiesAt(ctx.repo, baseSha);
    const directory = await directoryFromArgs(ctx, args);
    const teams = await resolveTeams(policy, policy.roles.keys(), directory);
    const mayRequest = rolesFor(login, policy, teams);
    if (!roleName) {
      throw new UsageError(
        `Name the role to request. ${login} may request: ${mayRequest.join(', ') || 'no role (ask an admin which group to join)'}.`,
      );
    }
    const fields = {
      duration: requireArg(args, 'for'),
      reason: requireArg(args, 'reason'),
      ...optional('ticket', stringArg(args, 'ticket')),
      ...optional('start', stringArg(args, 'start')),
      ...(paramsOf(args) ? { params: paramsOf(args)! } : {}),
    };
    const path = grantPath(roleName.toLowerCase(), login);
    const result: RequestResult = {
      request: null,
      branch: `request/${roleName.toLowerCase()}/${login}`,
      path,
      pr: null,
      commit: null,
      requester: login,
      role: roleName,
      may_request: mayRequest,
      problems: [],
    };

    if (!policy.roles.has(roleName)) {
      result.problems = [unknownRole(roleName, policy, mayRequest)];
    } else {
      const text = grantFileText(fields);
      const current = await git(ctx.repo, ['cat-file', 'blob', `${baseSha}:${path}`]);
      const onMain = current.code === 0;
      const change: FileChange = {
        path,
        status: onMain ? 'modified' : 'added',
        oldMode: onMain ? '100644' : '000000',
        newMode: '100644',
        size: Buffer.byteLength(text),
        text,
      };
      const decided = validateRequest({
        author: login,
        changes: [change],
        policy,
        teams,
        now: ctx.clock.now(),
      });
      result.problems = decided.problems;
      // git records changes only: a renewal that writes the same bytes would land nothing.
      if (onMain && current.stdout.equals(Buffer.from(text))) {
        result.problems.push(
          problem(
            path,
            null,
            'E_RENEWAL_UNCHANGED',
            `${path} on ${forge.base} already says exactly this, and a renewal must change the file to land. Say why you renew in --reason (e.g. "INC-4821 still investigating"), or change the duration.`,
          ),
        );
      }
      result.approvals_required = decided.grants[0]?.approvals_required ?? null;
      result.approvers = policy.roles.get(roleName)!.approvers;
      result.renewal = onMain;
      if (!result.problems.length) {
        const written = await writeRequestBranch({
          git: forge.git,
          clock: ctx.clock,
          base: forge.base,
          branch: result.branch,
          path,
          text,
          login,
          title: `Request ${roleName} for ${login} for ${fields.duration}`,
        });
        if (written.created) {
          result.request = result.branch;
          result.commit = written.commit;
        } else {
          result.problems = [
            problem(
              path,
              null,
              'E_REQUEST_OPEN',
              `The branch ${result.branch} already exists (at ${written.existing.slice(0, 10)}): a request for ${roleName} by ${login} is open. Merge or delete it first (git branch -D ${result.branch}), or add a commit to it.`,
            ),
          ];
        }
      }
    }
    ctx.stdout(ctx.format === 'json' ? requestJson(result) : renderRequest(result));
    return result.request ? 0 : 1;
  },
};

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

const readBase = (repo: string, base: string) => resolveCommit(repo, `refs/heads/${base}`);

/** `--param k=v`, repeated; keys must be names, so a value can never become a key. */
function paramsOf(args: Args): Record<string, string> | null {
  const raw = args.values.param;
  const list = (Array.isArray(raw) ? raw : [raw]).filter((v) => typeof v === 'string');
  if (!list.length) return null;
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    const key = eq > 0 ? item.slice(0, eq) : '';
    if (!PARAM_KEY.test(key))
      throw new UsageError(
        `--param ${quote(item)} is not key=value with a key of letters, digits, _ and -, e.g. --param schema=orders.`,
      );
    if (Object.hasOwn(out, key)) throw new UsageError(`--param ${quote(key)} is given twice.`);
    out[key] = item.slice(eq + 1);
  }
  return out;
}

/** The roles `login` may request, by name. */
function rolesFor(
  login: string,
  policy: Policy,
  teams: Parameters<typeof membership>[2],
): string[] {
  return [...policy.roles.values()]
    .filter((r) => membership(login, expandPrincipals(r.requesters, policy.groups), teams).member)
    .map((r) => r.name)
    .sort();
}

function unknownRole(name: string, policy: Policy, mayRequest: string[]): Problem {
  const near = closest(name.toLowerCase(), policy.roles.keys());
  return problem(
    'policies/',
    null,
    'E_UNKNOWN_ROLE',
    `There is no role ${quote(name)}.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''} You may request: ${mayRequest.join(', ') || 'no role'}.`,
  );
}

async function requesterLogin(git: GitRepository, args: Args): Promise<string> {
  const given = stringArg(args, 'as');
  if (given !== undefined) {
    if (!LOGIN.test(given))
      throw new UsageError(
        `--as ${quote(given)} is not a GitHub login (letters, digits and single inner hyphens, at most 39).`,
      );
    return given.toLowerCase();
  }
  const configured = await configuredLogin(git);
  if (!configured)
    throw new UsageError(
      'Who is asking? Pass --as LOGIN, or set git config user.email to your GitHub no-reply address (ID+LOGIN@users.noreply.github.com).',
    );
  return configured;
}
