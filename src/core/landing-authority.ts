import type { Code } from './codes.js';
import { decideRequest } from './decision.js';
import type { ForgeRequest, LandingProof } from './forge.js';
import type { Landing } from './landing.js';
import type { TeamMembers } from './policy/principals.js';
import type { Policy } from './policy/types.js';
import { problem, quote, type Problem } from './problem.js';
import type { FileChange } from './request/types.js';

/**
 * Whether a commit on the base branch landed the way DESIGN §4 says every grant lands: through
 * a request the forge recorded, merged by grantops' own account, by the grantee (I1), with
 * enough eligible approvals on its final head (I2), changing only grants (I3), under the
 * policies in force when it landed (its first parent). The forge's record is the authority; the
 * commit's trailers are only evidence (anyone who makes a commit writes its message).
 *
 * The request is judged by `decideRequest`, the very decision `merge` takes, with the forge's
 * record of the merged request in place of an open one: approvals are counted by the one rule
 * (each reviewer's latest review, an approval only on the final head, never the author, a
 * pusher or a bot). A merge by anyone but grantops fails however many approvals it had: the
 * App is the only account that merges (DESIGN §4), so any other merge skipped the decision made
 * at merge time (pinned head, the policies of that moment) and its message, trailers included,
 * was written by a person.
 */
export interface LandingQuestion {
  commit: string;
  /** The commit's first parent: the base the request landed on, whose policies judge it. */
  base: string;
  /** When it landed (the ledger's landing time): the decision's `now`. */
  landedAt: Date;
  /** The forge's record; null when no request of the forge merged this commit. */
  proof: LandingProof | null;
  /** grantops' own account on the forge (`<app-slug>[bot]` on GitHub). */
  merger: string;
  /** base..commit as git reports it: what actually landed. */
  changes: readonly FileChange[];
  /**
   * Each path of `changes` as it landed and as the request's final head holds it (git object
   * ids, null where the path is absent); empty when there is no proof. Reviews approve the
   * head, so a landing must hold exactly what the head holds.
   */
  files: readonly LandedFile[];
  policy: Policy;
  teams: TeamMembers;
}

export interface LandedFile {
  path: string;
  landed: string | null;
  atHead: string | null;
}

export interface LandingVerdict {
  commit: string;
  passed: boolean;
  /** The request that merged it, as the forge names it (`#12`), when there is one. */
  request: string | null;
  author: string | null;
  mergedBy: string | null;
  /** The reviewers whose approval counted. */
  approvers: string[];
  /** Why it failed (empty when it passed). */
  problems: Problem[];
  /**
   * False for a refusal whose every reason hangs on a team of the role that could not be
   * resolved (no directory, or it failed): it might not stand once the team is known, so it is
   * not remembered, and the landing waits and is asked about again.
   */
  final: boolean;
}

/**
 * A final refusal of a landing no request vouches for (a push, a hand-made merge): one
 * E_LANDING_REJECTED problem on `path`, and no request, author, merger or approver to name.
 */
export function refusedOutright(commit: string, path: string, message: string): LandingVerdict {
  return {
    commit,
    passed: false,
    request: null,
    author: null,
    mergedBy: null,
    approvers: [],
    problems: [problem(path, null, 'E_LANDING_REJECTED', message)],
    final: true,
  };
}

export function judgeLandingProof(q: LandingQuestion): LandingVerdict {
  const where = q.changes.find((c) => c.path.startsWith('grants/'))?.path ?? 'grants/';
  const { proof } = q;
  if (!proof) {
    return refusedOutright(
      q.commit,
      where,
      `No request merged ${q.commit.slice(0, 10)}: it was pushed to the branch directly (or arrived some other way than a merge grantops made).`,
    );
  }
  const request: ForgeRequest = {
    id: proof.request,
    reference: proof.request,
    title: '',
    author: proof.author,
    base: { ref: '', sha: q.base },
    head: { ref: '', sha: proof.head },
    // The forge's pushers already hold every commit's author and committer.
    commits: [],
    pushers: proof.pushers,
    url: null,
  };
  const decision = decideRequest({
    request,
    changes: q.changes,
    policy: q.policy,
    teams: q.teams,
    reviews: proof.reviews,
    now: q.landedAt,
  });
  const problems = decision.approved ? [] : [...decision.problems];
  const mergedBy = proof.mergedBy?.toLowerCase() ?? null;
  if (mergedBy !== q.merger.toLowerCase()) {
    problems.unshift(
      problem(
        where,
        null,
        'E_LANDING_REJECTED',
        `${proof.request} was merged by ${mergedBy === null ? 'an unknown account' : quote(mergedBy)}, not by grantops (${quote(q.merger)}): only grantops merges requests, so its decision and its audit trailers were skipped.`,
      ),
    );
  }
  const unreviewed = notAsApproved(q, proof.head);
  if (unreviewed) problems.push(problem(where, null, 'E_LANDING_REJECTED', unreviewed));
  if (!decision.approved && problems.length === 0) {
    // decideRequest always says why; this keeps a refusal from ever being silent.
    problems.push(problem(where, null, 'E_APPROVALS_MISSING', 'The request was not approved.'));
  }
  return {
    commit: q.commit,
    passed: problems.length === 0,
    request: proof.request,
    author: decision.author,
    mergedBy,
    approvers: decision.approvals.counted,
    problems,
    final: problems.length === 0 || !mayChangeOnceTeamsResolve(problems, q.teams),
  };
}

/**
 * Why what landed is not what the reviews approved, or null when it is. A squash or merge
 * commit holds the three-way merge of the base and the head: when the base changed the same
 * file after the review (another landing, or an admin's push of a longer duration or a wider
 * scope), the merge combines both, and the landed file is one no reviewer saw. The decision
 * judged the head's version; the landed one is what gets provisioned.
 */
function notAsApproved(q: LandingQuestion, head: string): string | null {
  const byPath = new Map(q.files.map((f) => [f.path, f]));
  const differ = q.changes
    .map((c) => c.path)
    .filter((path) => {
      const f = byPath.get(path);
      return !f || f.landed !== f.atHead;
    });
  if (differ.length === 0) return null;
  const paths = differ.slice(0, 5).map((p) => quote(p, 120));
  return `What landed in ${q.commit.slice(0, 10)} is not what the reviews approved: ${paths.join(', ')}${differ.length > 5 ? ', …' : ''} differ${differ.length === 1 ? 's' : ''} from the request's final head ${head.slice(0, 10)}. The base changed the same file between the approval and the merge, and the merge combined both into a version nobody reviewed.`;
}

/**
 * The only problems a team that resolves later could lift: approvals counted short (or, with
 * them, approvals given on an earlier head, which another approver could outweigh), and
 * eligibility that hung on the team. Any other refusal (a merge by someone but grantops, I1,
 * I3, an invalid file, an unknown pusher) stands whatever the team holds.
 */
const TEAM_DEPENDENT: ReadonlySet<Code> = new Set<Code>([
  'E_APPROVALS_MISSING',
  'E_APPROVAL_NOT_ON_HEAD',
  'E_TEAM_UNRESOLVED',
]);

/**
 * A refusal is held back (not remembered, the landing asked about again) only when every one
 * of its reasons hangs on a team nobody could resolve. Holding back more would let a merge that
 * skipped grantops wait as "unverified", which keeps access it already backs instead of
 * revoking it and raising the alarm.
 */
function mayChangeOnceTeamsResolve(problems: readonly Problem[], teams: TeamMembers): boolean {
  const unresolved = [...teams.values()].some((members) => members === null);
  return unresolved && problems.every((p) => TEAM_DEPENDENT.has(p.code));
}

/** The alarm for a landing the forge's record refuses: what failed, and what to do. */
export function rejectionMessage(path: string, v: LandingVerdict): string {
  const from = v.request ? ` (${v.request}${v.author ? ` by ${quote(v.author)}` : ''})` : '';
  const reasons = v.problems.map((p) => `${p.code}: ${p.message}`).join(' ');
  return `${path} landed in ${v.commit.slice(0, 10)}${from}, and the forge's record of that landing does not pass, so it grants nothing. ${reasons} Revert the commit; the grantee asks again through a request that grantops merges.`;
}

/**
 * A landing as it stands once the forge refused it: it grants nothing, like a landing whose
 * trailers fail (`unapproved`), with the refusal first among its problems. `status`, `audit`
 * and the provisioner all read it so.
 */
export function refuseLanding(landing: Landing, verdict: LandingVerdict): Landing {
  if (landing.state !== 'valid') return landing;
  return {
    ...landing,
    state: 'unapproved',
    window: null,
    approval: landing.approval && { ...landing.approval, counted: [], approved: false },
    problems: [
      problem(landing.path, null, 'E_LANDING_REJECTED', rejectionMessage(landing.path, verdict)),
      ...verdict.problems.filter((p) => p.code !== 'E_LANDING_REJECTED'),
    ],
  };
}
