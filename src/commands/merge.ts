import type { Code } from '../core/codes.js';
import {
  decideRequest,
  decisionReport,
  rolesOf,
  withBaseChanged,
  type RequestDecision,
} from '../core/decision.js';
import { UsageError } from '../core/errors.js';
import type { DecisionApprovals, ForgeRequest, MergeOutcome, Review } from '../core/forge.js';
import type { Directory } from '../core/directory.js';
import { problem, type Problem } from '../core/problem.js';
import type { GrantSummary } from '../core/request/types.js';
import { changedOnBase, readChanges } from '../git/diff.js';
import { mergeJson, renderMerge, type MergeResult } from '../render/merge.js';
import type { Command, CommandContext } from '../cli/context.js';
import { directoryFromArgs } from '../wiring/directory.js';
import { FORGE_OPTION, openForge, type ForgeSeams } from '../wiring/forge.js';
import { policiesAt } from '../wiring/policy.js';
import { resolveTeams } from '../core/teams.js';

export const DIRECTORY_OPTIONS = {
  directory: {
    type: 'string',
    help: 'Where @org/team members come from: a YAML file ("@org/team": [login, …]), or github.',
  },
  'token-env': {
    type: 'string',
    help: 'With --directory github: the environment variable holding the token (default GITHUB_TOKEN).',
  },
} as const;

/**
 * What deciding a request needs from git and the directory: its files read at the commits the
 * forge names, the policies of its base's current commit, the teams its roles name.
 */
async function requestFacts(ctx: CommandContext, request: ForgeRequest, directory: Directory) {
  const [policy, changes] = await Promise.all([
    policiesAt(ctx.repo, request.base.sha),
    readChanges(ctx.repo, request.base.sha, request.head.sha),
  ]);
  const teams = await resolveTeams(policy, rolesOf(changes), directory);
  return { policy, changes, teams };
}

/**
 * One request decided as `grantops merge` decides it: its facts (above) and each reviewer's
 * latest review.
 */
export async function decideOn(
  ctx: CommandContext,
  request: ForgeRequest,
  reviews: readonly Review[],
  directory: Directory,
): Promise<RequestDecision> {
  const facts = await requestFacts(ctx, request, directory);
  return decideRequest({ request, ...facts, reviews, now: ctx.clock.now() });
}

const OUTCOME_CODES: Record<Exclude<MergeOutcome, { merged: true }>['reason'], Code> = {
  'head-moved': 'E_HEAD_MOVED',
  'not-allowed': 'E_MERGE_REFUSED',
  conflict: 'E_MERGE_CONFLICT',
};

/** `grantops merge`, with seams for tests (an in-memory GitHub). */
export function mergeCommandWith(seams: ForgeSeams = {}): Command {
  return {
    name: 'merge',
    summary:
      'Decide open requests with main’s policies and their approvals, and squash-merge those that pass, with the audit trailers.',
    usage: 'grantops merge [REQUEST…] [--all] [--forge github|local] [--directory FILE]',
    formats: ['text', 'json'],
    options: {
      all: { type: 'boolean', help: 'Every open request.' },
      ...FORGE_OPTION,
      ...DIRECTORY_OPTIONS,
    },
    async run(ctx, args) {
      const all = args.values.all === true;
      if (all === args.positionals.length > 0) {
        throw new UsageError(
          all
            ? 'Name requests or pass --all, not both.'
            : 'Name the requests to merge (e.g. request/db-read/alice), or pass --all for every open one.',
        );
      }
      const forge = await openForge(ctx, args, 'merge', seams);
      // The directory reads teams through the same GitHub as the forge (a test's fake too).
      const directory = await directoryFromArgs(ctx, args, seams);
      // Named requests are all looked up first: a name that does not exist stops the run (exit
      // 2) before anything merges.
      const listed = all ? await forge.listRequests() : [];
      const listedById = new Map(listed.map((r) => [r.id, r]));
      const ids = all ? [...listedById.keys()] : args.positionals;
      if (!all) await Promise.all(ids.map((id) => forge.request(id)));

      const result: MergeResult = { merged: [], waiting: [] };
      // One at a time: each merge moves the base, and the next request is read against it.
      for (const id of ids) {
        // A listed request's reviews are asked for with the request itself; a review on another
        // head than the one read counts for nothing (I2), so the order cannot let one through.
        const summary = listedById.get(id);
        const early = summary ? forge.reviews(summary) : null;
        early?.catch(() => undefined); // awaited below, unless reading the request fails first
        const request = await forge.request(id);
        // The reviews, the request's files and what the base changed under it are read at
        // once: none waits on another, and each is time between the approval and access.
        const [reviews, facts, onBase] = await Promise.all([
          early ?? forge.reviews(request),
          requestFacts(ctx, request, directory),
          changedOnBase(ctx.repo, request.base.sha, request.head.sha, ['grants/']),
        ]);
        let decision = decideRequest({ request, ...facts, reviews, now: ctx.clock.now() });
        if (decision.valid) {
          const paths = new Set(decision.grants.map((g) => g.path));
          const moved = onBase.filter((p) => paths.has(p));
          decision = withBaseChanged(decision, forge.base, moved);
        }
        const report = decisionReport(decision);
        // A request that may merge gets its check (which the base's rules require) first, then
        // the merge, then the card: the card gates nothing and need not stand before access.
        await forge.report(request, report, { check: true, card: !decision.merge });
        if (!decision.merge) {
          result.waiting.push(
            waiting(request, decision.grants, decision.problems, decision.approvals),
          );
          continue;
        }
        const outcome = await forge.merge(request, { head: decision.head, ...decision.merge });
        await forge.report(request, report, { check: false, card: true });
        if (outcome.merged) {
          result.merged.push({
            request: request.id,
            commit: outcome.commit,
            title: decision.merge.title,
            approved_by: decision.approvals.counted,
            grants: decision.grants,
          });
        } else {
          const where = decision.grants[0]?.path ?? 'grants/';
          result.waiting.push(
            waiting(
              request,
              decision.grants,
              [problem(where, null, OUTCOME_CODES[outcome.reason], outcome.message)],
              decision.approvals,
            ),
          );
        }
      }
      ctx.stdout(ctx.format === 'json' ? mergeJson(result) : renderMerge(result));
      return result.waiting.length ? 1 : 0;
    },
  };
}

/** A request that did not merge: why, and who may still approve it. */
function waiting(
  request: ForgeRequest,
  grants: GrantSummary[],
  problems: Problem[],
  approvals: DecisionApprovals,
) {
  return { request: request.id, author: request.author.login, grants, problems, approvals };
}

export const mergeCommand: Command = mergeCommandWith();
