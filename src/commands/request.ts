import { eligibleApprovers } from '../core/decision-approvers.js';
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
import { parseDuration } from '../core/duration.js';
import { resolveTeams } from '../core/teams.js';
import { gitRepository } from '../git/repository.js';
import { requestBody } from '../github/request-body.js';
import { baseOnGitHub, leftAlone, publishRequest } from '../github/request-publish.js';
import { tokenAccount } from '../github/requester.js';
import { git, resolveCommit } from '../git/run.js';
import { configuredLogin } from '../local/identity.js';
import { writeRequestBranch } from '../local/request-branch.js';
import { grantFileText, type GrantFileFields } from '../render/grant-file.js';
import { renderRequest, requestJson, type RequestResult } from '../render/request.js';
import { requireArg, stringArg } from '../cli/args.js';
import type { Args, Command } from '../cli/context.js';
import { directoryFromArgs } from '../wiring/directory.js';
import { FORGE_OPTION, forgeKind, type ForgeSeams } from '../wiring/forge.js';
import { requesterGitHub, type RequesterGitHub } from '../wiring/github-requester.js';
import { DIRECTORY_OPTIONS } from './merge.js';
import { policiesAt } from '../wiring/policy.js';

const LOGIN = new RegExp(LOGIN_PATTERN);
const PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;
const BASE = 'main';

/**
 * `grantops request ROLE …`: checks the request with validate's own rules first, and writes
 * nothing when it would fail; then one commit by the requester adding the grant file, on a new
 * branch `request/<role>/<login>` from main, without touching the checkout. On GitHub the
 * requester is the account of their own token, main is GitHub's, and `--open-pr` pushes the
 * branch and opens the pull request with that token (docs/forge.md, "Requests on GitHub").
 */
export function requestCommandWith(seams: ForgeSeams = {}): Command {
  return {
    name: 'request',
    summary:
      'Ask for a role: check the request, then write the grant file on a new request branch.',
    usage:
      'grantops request ROLE --for DURATION --reason TEXT [--ticket T] [--param k=v]… [--start TIME] [--as LOGIN] [--open-pr] [--forge github|local] [--directory FILE]',
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
        help: 'The requester’s GitHub login (local forge; default: from git’s user.email no-reply address or user.name). On GitHub it must be the login of your token.',
      },
      'open-pr': {
        type: 'boolean',
        help: 'Push the branch and open the pull request on GitHub with your own token (GH_TOKEN or GITHUB_TOKEN); implies --forge github.',
      },
      ...FORGE_OPTION,
      ...DIRECTORY_OPTIONS,
    },
    async run(ctx, args) {
      const openPr = args.values['open-pr'] === true;
      // A pull request exists only on GitHub: asking for one chooses GitHub, unless told otherwise.
      const kind =
        openPr && stringArg(args, 'forge') === undefined ? 'github' : forgeKind(ctx, args);
      if (openPr && kind === 'local')
        throw new UsageError(
          '--open-pr pushes the request branch and opens a GitHub pull request, so it cannot be used with --forge local: drop --open-pr (on the local forge the branch itself is the request), or use --forge github.',
        );
      if (args.positionals.length > 1)
        throw new UsageError(
          'Name one role per request (grantops request ROLE --for … --reason …).',
        );
      const repo = gitRepository(ctx.repo);
      const github = kind === 'github' ? await requesterGitHub(ctx, seams) : null;
      const asked = askedLogin(args);
      const requester = github
        ? await githubRequester(github)
        : { login: asked ?? (await configuredRequester(repo)), account: null };
      const login = requester.login;
      const baseSha = github
        ? await baseOnGitHub({ ...github, git: repo, base: BASE })
        : await resolveCommit(ctx.repo, `refs/heads/${BASE}`);
      const policy = await policiesAt(ctx.repo, baseSha);
      const directory = await directoryFromArgs(ctx, args);
      const teams = await resolveTeams(policy, policy.roles.keys(), directory);
      const mayRequest = rolesFor(login, policy, teams);
      const roleName = args.positionals[0];
      if (!roleName) {
        throw new UsageError(
          `Name the role to request. ${login} may request: ${mayRequest.join(', ') || 'no role (ask an admin which group to join)'}.`,
        );
      }
      const fields: GrantFileFields = {
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
        forge: kind,
        pushed: false,
        changed: false,
        requester: login,
        role: roleName,
        may_request: mayRequest,
        problems: [],
      };
      const print = (code: number) => {
        ctx.stdout(ctx.format === 'json' ? requestJson(result) : renderRequest(result));
        return code;
      };

      // On GitHub the requester is whoever the token acts for (I1): --as may only agree.
      if (github && asked !== undefined && asked !== login) {
        result.requester = asked;
        result.path = grantPath(roleName.toLowerCase(), asked);
        result.branch = `request/${roleName.toLowerCase()}/${asked}`;
        result.problems = [mismatch(result.path, asked, login, github.tokenEnv)];
        return print(1);
      }
      const role = policy.roles.get(roleName);
      if (!role) {
        result.problems = [unknownRole(roleName, policy, mayRequest)];
        return print(1);
      }

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
            `${path} on ${BASE} already says exactly this, and a renewal must change the file to land. Say why you renew in --reason (e.g. "INC-4821 still investigating"), or change the duration.`,
          ),
        );
      }
      result.approvals_required = decided.grants[0]?.approvals_required ?? null;
      result.approvers = role.approvers;
      result.eligible = eligibleApprovers({
        role,
        groups: policy.groups,
        teams,
        requester: login,
        pushers: [],
      });
      result.renewal = onMain;
      if (result.problems.length) return print(1);

      const title = `Request ${role.name} for ${login} (${fields.duration})`;
      if (!github) {
        const written = await writeRequestBranch({
          git: repo,
          clock: ctx.clock,
          base: BASE,
          branch: result.branch,
          path,
          text,
          login,
          title,
        });
        if (!written.created) {
          result.problems = [
            problem(
              path,
              null,
              'E_REQUEST_OPEN',
              `The branch ${result.branch} already exists (at ${written.existing.slice(0, 10)}): a request for ${role.name} by ${login} is open. Merge or delete it first (git branch -D ${result.branch}), or add a commit to it.`,
            ),
          ];
          return print(1);
        }
        Object.assign(result, { request: result.branch, commit: written.commit, changed: true });
        return print(0);
      }

      const published = await publishRequest({
        ...github,
        git: repo,
        account: requester.account!,
        base: BASE,
        baseSha,
        branch: result.branch,
        path,
        text,
        title,
        body: requestBody({
          role: {
            name: role.name,
            description: role.description,
            maxSeconds: role.maxDurationSeconds,
          },
          requester: login,
          path,
          renewal: onMain,
          durationSeconds: parseDuration(fields.duration),
          ...fields,
          eligible: result.eligible,
        }),
        at: ctx.clock.now(),
        openPr,
      });
      result.pr = published.pull?.url ?? null;
      if (published.taken || (published.pull && published.pull.author.login !== login)) {
        result.problems = [
          problem(path, null, 'E_REQUEST_OPEN', leftAlone(published, { ...result, login })),
        ];
        return print(1);
      }
      Object.assign(result, {
        request: published.pull ? String(published.pull.number) : null,
        commit: published.commit,
        pushed: published.pushed,
        changed: published.changed,
      });
      return print(0);
    },
  };
}

export const requestCommand: Command = requestCommandWith();

/** `--as`, checked as a login, lower case; undefined when not given. */
function askedLogin(args: Args): string | undefined {
  const given = stringArg(args, 'as');
  if (given === undefined) return undefined;
  if (!LOGIN.test(given))
    throw new UsageError(
      `--as ${quote(given)} is not a GitHub login (letters, digits and single inner hyphens, at most 39): pass your login as GitHub shows it, e.g. --as alice.`,
    );
  return given.toLowerCase();
}

async function configuredRequester(repo: GitRepository): Promise<string> {
  const configured = await configuredLogin(repo);
  if (!configured)
    throw new UsageError(
      'Who is asking? Pass --as LOGIN, or set git config user.email to your GitHub no-reply address (ID+LOGIN@users.noreply.github.com).',
    );
  return configured;
}

async function githubRequester(github: RequesterGitHub) {
  const account = await tokenAccount(github.octokit, github.tokenEnv);
  return { login: account.login, account };
}

function mismatch(path: string, asked: string, login: string, tokenEnv: string): Problem {
  return problem(
    path,
    null,
    'E_REQUESTER_MISMATCH',
    `--as ${quote(asked)} is not who the token in ${tokenEnv} acts for (${login}). On GitHub the requester is the author of the pull request, the account of the token that opens it: drop --as, or set ${tokenEnv} to ${asked}'s own token.`,
  );
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

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
    if (Object.hasOwn(out, key))
      throw new UsageError(`--param ${quote(key)} is given twice: give each key once.`);
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
