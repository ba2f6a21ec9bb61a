import { eligibleApprovers } from './decision-approvers.js';
import { reviewVerdicts } from './decision-reviews.js';
import { mergeMessage } from './decision-message.js';
import type {
  CommitMessage,
  DecisionApprovals,
  DecisionReport,
  ForgeRequest,
  Identity,
  Review,
} from './forge.js';
import { parseGrantPath } from './paths.js';
import type { TeamMembers } from './policy/principals.js';
import type { Policy } from './policy/types.js';
import { problem, quote, type Problem } from './problem.js';
import { countApprovals } from './request/approvals.js';
import type { FileChange, GrantSummary } from './request/types.js';
import { validateRequest } from './request/validate.js';

/**
 * The trusted decision on one request, shared by every forge (`grantops merge`, the GitHub
 * check): the request's changes read from git, the policies of its base, and what the forge
 * reports about people and reviews. Pure: the shell gathers the inputs, this decides.
 */
export interface DecisionInput {
  request: ForgeRequest;
  /** base...head as git reports it (src/git/diff.ts), never an API's file listing. */
  changes: readonly FileChange[];
  /** Policies at the base's current commit (I2, I5): never the request's own. */
  policy: Policy;
  teams: TeamMembers;
  /** The request's reviews, oldest first, as the forge gave them. */
  reviews: readonly Review[];
  now: Date;
}

export interface RequestDecision {
  request: string;
  reference: string;
  /** The head that was judged: a merge is pinned to it. */
  head: string;
  author: string | null;
  valid: boolean;
  /** Valid, and every added or renewed grant has its role's approvals on `head`. */
  approved: boolean;
  grants: GrantSummary[];
  problems: Problem[];
  approvals: DecisionApprovals;
  /** The squash commit's title and trailers; set only when the request may merge. */
  merge: CommitMessage | null;
}

/** I1–I3 for one request: valid per validate's rules, approved per I2, and the merge message. */
export function decideRequest(input: DecisionInput): RequestDecision {
  const { request } = input;
  const head = request.head.sha;
  // Problems about the request as a whole are pinned to its first file (annotations need one).
  const where = input.changes[0]?.path ?? 'grants/';
  const identityProblems = unknownIdentities(request, where);
  const author = request.author.login?.toLowerCase() ?? null;
  const base: Omit<RequestDecision, 'valid' | 'approved' | 'grants' | 'problems' | 'approvals'> = {
    request: request.id,
    reference: request.reference,
    head,
    author,
    merge: null,
  };
  if (author === null) {
    return {
      ...base,
      valid: false,
      approved: false,
      grants: [],
      problems: identityProblems,
      approvals: { counted: [], ignored: [], eligible: [] },
    };
  }

  // Everyone who pushed, whatever the forge listed: the commits' own authors and committers too.
  const pushers = [
    ...new Set(
      [...request.pushers, ...request.commits.flatMap((c) => [c.author, c.committer])].flatMap(
        (p) => (p.login ? [p.login.toLowerCase()] : []),
      ),
    ),
  ];
  const verdicts = reviewVerdicts(input.reviews, head);
  const approvedBy = verdicts.filter((v) => v.approvesHead).map((v) => v.reviewer);
  const notOnHead = verdicts.flatMap((v) => (v.why ? [{ login: v.reviewer, why: v.why }] : []));

  const requestInput = {
    author,
    changes: input.changes,
    policy: input.policy,
    teams: input.teams,
    now: input.now,
    approvedBy,
    committers: pushers,
  };
  const decided = validateRequest(requestInput);
  const problems = [...identityProblems, ...decided.problems];
  const valid = decided.valid && identityProblems.length === 0;
  const approved = valid && decided.approved === true;

  const counted = [...new Set(decided.grants.flatMap((g) => g.approved_by ?? []))];
  const ignored = new Map<string, string>();
  for (const g of decided.grants) {
    const role = input.policy.roles.get(g.role);
    if (!role || g.change === 'revoked') continue;
    for (const i of countApprovals(role, requestInput).ignored)
      if (!counted.includes(i.value) && !ignored.has(i.value)) ignored.set(i.value, i.why);
  }
  for (const i of notOnHead) ignored.set(i.login, i.why);

  // Who the requester can still turn to, for each role asked for (a revocation needs no one).
  const eligible = [
    ...new Set(decided.grants.filter((g) => g.change !== 'revoked').map((g) => g.role)),
  ].flatMap((name) => {
    const role = input.policy.roles.get(name);
    return role
      ? [
          eligibleApprovers({
            role,
            groups: input.policy.groups,
            teams: input.teams,
            requester: author,
            pushers,
          }),
        ]
      : [];
  });

  // A missing approval is easier to fix when the requester learns whose approval went stale.
  if (valid && !approved) {
    for (const i of notOnHead) {
      problems.push(problem(where, null, 'E_APPROVAL_NOT_ON_HEAD', `${quote(i.login)} ${i.why}.`));
    }
  }

  return {
    ...base,
    valid,
    approved,
    grants: decided.grants,
    problems,
    approvals: {
      counted,
      ignored: [...ignored].map(([login, why]) => ({ login, why })),
      eligible,
    },
    merge: approved
      ? mergeMessage({
          reference: request.reference,
          grants: decided.grants,
          changes: input.changes,
          policy: input.policy,
          approvedBy: counted,
          now: input.now,
        })
      : null,
  };
}

/**
 * I1 and I2 need to know who is who. An identity the forge could not read as a login refuses
 * the request: an approver could hide behind it as a pusher, and a grantee must be a login.
 */
function unknownIdentities(request: ForgeRequest, where: string): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  const check = (who: Identity, what: string) => {
    if (who.login !== null || seen.has(who.display)) return;
    seen.add(who.display);
    out.push(
      problem(
        where,
        null,
        'E_IDENTITY_UNKNOWN',
        `${what} ${quote(who.display, 120)} is not a GitHub login, so grantops cannot tell who asks or who pushed. Commit as yourself with your GitHub no-reply address (git config user.email ID+LOGIN@users.noreply.github.com) or with your login as user.name, then push the request again.`,
      ),
    );
  };
  check(request.author, 'The request author');
  for (const c of request.commits) {
    check(c.author, `The author of commit ${c.sha.slice(0, 10)},`);
    check(c.committer, `The committer of commit ${c.sha.slice(0, 10)},`);
  }
  for (const p of request.pushers) check(p, 'A person who pushed,');
  return out;
}

/** The decision as the forge shows it: a check's conclusion and the request card's data. */
export function decisionReport(d: RequestDecision): DecisionReport {
  const added = d.grants.filter((g) => g.change !== 'revoked');
  const needed = Math.max(0, ...added.map((g) => g.approvals_required ?? 0));
  return {
    request: d.request,
    head: d.head,
    conclusion: d.approved ? 'success' : d.valid ? 'pending' : 'failure',
    summary: !d.valid
      ? `not a valid request (${d.problems.length} problem${d.problems.length === 1 ? '' : 's'})`
      : d.approved
        ? 'valid and approved: ready to merge'
        : `valid, waiting for approvals (${d.approvals.counted.length} of ${needed} counted)`,
    grants: d.grants.map((g) => ({
      path: g.path,
      role: g.role,
      requester: g.requester,
      change: g.change,
      duration_seconds: g.duration_seconds,
      approvals_required: g.approvals_required ?? null,
    })),
    approvals: d.approvals,
    problems: d.problems.map((p) => ({
      path: p.path,
      line: p.line,
      code: p.code,
      message: p.message,
    })),
  };
}

/**
 * The decision once the base is known to have changed `paths` (files the request changes) since
 * the request branched off. Squashing it now would land a combination of both sides, a version
 * no reviewer saw, so it may not merge: it is rebased on the base and approved again.
 */
export function withBaseChanged(
  d: RequestDecision,
  baseBranch: string,
  paths: readonly string[],
): RequestDecision {
  if (paths.length === 0) return d;
  const problems = paths.map((path) =>
    problem(
      path,
      null,
      'E_MERGE_CONFLICT',
      `${quote(baseBranch)} changed ${quote(path)} since this request was made, so merging it would land a version nobody approved. Rebase the request on ${quote(baseBranch)} (or open it again) and ask for approval again.`,
    ),
  );
  return { ...d, valid: false, merge: null, problems: [...d.problems, ...problems] };
}

/** The role and requester of every grant the request touches (for resolving teams). */
export function rolesOf(changes: readonly FileChange[]): string[] {
  return [...new Set(changes.flatMap((c) => parseGrantPath(c.path)?.role ?? []))];
}
