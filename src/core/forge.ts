import type { Code } from './codes.js';

/**
 * The Forge port: what grantops asks of the place where requests live (GitHub pull requests, or
 * branches of a plain git repository). Two implementations pass one contract suite
 * (test/forge/contract.ts): `src/github/forge.ts` and `src/local/forge.ts`.
 *
 * The port carries people, commits and reviews as data; it never carries file contents. The
 * files of a request are always read from git itself (`src/git/diff.ts`) at the commits the forge
 * names, because an API listing can be truncated (GitHub stops at 3,000 files) and because git's
 * own bytes are what the path allow-list is checked on (I3). A forge therefore guarantees that
 * the commits it reports are present in the local repository once `request()` has returned.
 *
 * The forge is the authority on identity and approval (I1, I2), never text: a commit message,
 * title or trailer is written by whoever made the commit. Deciding is not the forge's job: the
 * pure core (`decision.ts`) decides from what the forge reports, so both forges decide alike.
 */

/** A branch and the commit it points at. */
export interface RefAt {
  ref: string;
  sha: string;
}

/**
 * A person as the forge knows them. `login` is their GitHub login (lower case), or null when the
 * forge could not tell (a commit whose author is no known account): a decision never guesses, so
 * an unknown identity refuses the request. `display` is what the forge saw, for messages only.
 */
export interface Identity {
  login: string | null;
  display: string;
}

/** One commit of a request, with who wrote it and who committed it. */
export interface RequestCommit {
  sha: string;
  author: Identity;
  committer: Identity;
}

/** A request as a listing gives it: enough to choose which ones to decide. */
export interface RequestSummary {
  /** What the CLI names it by: a pull request number on GitHub (`12`), a branch locally. */
  id: string;
  /**
   * How the audit trailers name it (`Pull-Request:`): `#12` on GitHub, the branch locally. A
   * reference `#<n>` also ends the merge title as ` (#<n>)`, as GitHub's squash subjects do.
   */
  reference: string;
  title: string;
  /** I1: the grantee is the request's author as the forge reports it, never a file's text. */
  author: Identity;
  /** The target branch and the commit it points at now: policies are read there (I2, I5). */
  base: RefAt;
  /** The request's branch and its current head: the only commit approvals count on (I2). */
  head: RefAt;
}

/** A request in full: its commits and everyone who pushed to it. */
export interface ForgeRequest extends RequestSummary {
  /** Commits from the merge base with `base` to `head`, oldest first. */
  commits: RequestCommit[];
  /**
   * Everyone who pushed to the request (I2: their approvals never count). At least the authors
   * and committers of `commits`; a forge that knows more (GitHub's activity API, a fork's
   * owner) adds them. The decision adds the commits' identities again, so a forge that forgets
   * one cannot make an approval count.
   */
  pushers: Identity[];
  /** A link a person can open, when the forge has one. */
  url: string | null;
}

export type ReviewState = 'approved' | 'changes_requested' | 'commented' | 'dismissed';

/** A review as given: by whom, with what verdict, on which commit. */
export interface Review {
  reviewer: string;
  state: ReviewState;
  /** The head commit the review was given on; an approval counts only while it is the head. */
  commit: string;
  /** When it was given (RFC 3339), when the forge knows it; reviews come oldest first anyway. */
  submittedAt: string | null;
}

/** What a decision is worth on the forge: a check's conclusion. */
export type Conclusion = 'success' | 'pending' | 'failure';

/** One problem pinned to a file and line, for annotations. */
export interface ReportProblem {
  path: string;
  line: number | null;
  code: Code;
  message: string;
}

/**
 * Who may approve one role a request asks for: the people and teams a requester can turn to,
 * and the role's approvers whose approval cannot count on this request (I2), with why.
 */
export interface EligibleApprovers {
  role: string;
  /** Approvals the role needs. */
  required: number;
  /**
   * The role's approvers who may approve: teams as `@org/team`, then logins, each sorted. A
   * team stays listed while one of its members may approve, or while its members are unknown.
   */
  may_approve: string[];
  /** Approvers of the role who cannot approve this request: the requester, pushers, bots. */
  excluded: { login: string; why: string }[];
}

/** Approvals as a decision sees them: who counted, who did not and why, who may still approve. */
export interface DecisionApprovals {
  counted: string[];
  ignored: { login: string; why: string }[];
  /** One entry per role the request adds or renews (revocations need no approval). */
  eligible: EligibleApprovers[];
}

/**
 * The result of deciding a request, as data: the forge shows it (GitHub: the check
 * `grantops/decision` with annotations, and the request card; locally: a record beside the
 * branch). Rendering lives in src/render/ so both forges say the same words.
 */
export interface DecisionReport {
  request: string;
  /** The head the decision was made on: a check is attached to this commit. */
  head: string;
  conclusion: Conclusion;
  /** One line, e.g. "valid, 1 of 2 approvals". */
  summary: string;
  grants: {
    path: string;
    role: string;
    requester: string;
    change: 'added' | 'renewed' | 'revoked';
    duration_seconds: number | null;
    approvals_required: number | null;
  }[];
  approvals: DecisionApprovals;
  problems: ReportProblem[];
}

/** Which parts of a decision `report` shows (default: both). */
export interface ReportParts {
  check: boolean;
  card: boolean;
}

/** A commit message grantops writes: a one-line title and the message below it (the trailers). */
export interface CommitMessage {
  title: string;
  /** The body: for merges and expiries exactly the trailer block of docs/audit-trailers.md. */
  message: string;
}

export interface MergeSpec extends CommitMessage {
  /** The head that was judged. The merge happens only if the request still points at it. */
  head: string;
}

/**
 * What became of a merge: merged (with the commit now on the base branch), or not, and why.
 * `head-moved`: the request changed since it was judged; `not-allowed`: the forge's rules
 * refused (too few approvals for its own rules, a required check); `conflict`: the change no
 * longer applies to the base. Nothing is merged unless `merged` is true.
 */
export type MergeOutcome =
  | { merged: true; commit: string }
  | { merged: false; reason: 'head-moved' | 'not-allowed' | 'conflict'; message: string };

/** The branch prefix of revert requests that record expiry (DESIGN §3 `expire`). */
export const EXPIRY_PREFIX = 'grantops/expire/';

/**
 * The one branch name of the revert request for one landing of one grant:
 * `grantops/expire/<role>/<login>/<landing commit, 12 hex>`. Deterministic, so concurrent runs
 * meet on the same name and at most one revert exists per grant; a renewal lands a new commit,
 * so it gets a new name and the old request is closed rather than merged.
 */
export function expiryBranch(role: string, login: string, landingCommit: string): string {
  return `${EXPIRY_PREFIX}${role}/${login.toLowerCase()}/${landingCommit.slice(0, 12).toLowerCase()}`;
}

/** The parts of an expiry branch name, or null when the name is not one. */
export function parseExpiryBranch(
  branch: string,
): { role: string; login: string; landing: string } | null {
  const m =
    /^grantops\/expire\/([a-z0-9][a-z0-9_-]{0,62})\/([a-z0-9-]{1,39})\/([0-9a-f]{12})$/.exec(
      branch,
    );
  return m ? { role: m[1]!, login: m[2]!, landing: m[3]! } : null;
}

/** A revert request that records the end of a grant. */
export interface ExpiryRequest {
  /** What the forge names it by (a pull request number on GitHub, the branch locally). */
  id: string;
  /** How the trailers name it (`Pull-Request:`). */
  reference: string;
  branch: string;
  state: 'open' | 'merged' | 'closed';
  /** The revert commit on the branch. */
  head: string;
  /** The commit on the base branch that merged it, once merged. */
  mergedAs: string | null;
}

export interface ExpirySpec extends CommitMessage {
  /** `expiryBranch(role, login, landing)`. */
  branch: string;
  /** The grant file to delete. */
  path: string;
  /** The base branch's commit the revert is made on (the file must be there as judged). */
  base: string;
}

/** Opening is idempotent: a branch that already exists is returned, never made twice. */
export interface ExpiryOpened {
  expiry: ExpiryRequest;
  created: boolean;
}

/**
 * What the forge knows about how a commit on the base branch landed: the authority reconcile
 * asks before provisioning (I5), instead of believing the commit's trailers.
 */
export interface LandingProof {
  /** The request it came from (`reference`). */
  request: string;
  author: Identity;
  /** Who merged it (GitHub: the merging account; locally: the identity that ran the merge). */
  mergedBy: string | null;
  /** The request head it merged. */
  head: string;
  /** Each reviewer's latest review at merge time (the decision counts them again). */
  reviews: Review[];
  pushers: Identity[];
}

/**
 * The repository settings `doctor` checks (DESIGN §4). Each is null when the forge cannot tell.
 * Only forges with settings to check implement `settings` (the local forge has none: whoever
 * can write the repository is trusted there).
 */
export interface ForgeSettings {
  defaultBranch: string | null;
  /** Squash merges are allowed: grantops merges only that way. */
  squashMergeAllowed: boolean | null;
  /** Native auto-merge or a merge queue: neither can carry the trailers. */
  autoMergeAllowed: boolean | null;
  mergeQueue: boolean | null;
  /** Rules on the base branch, as the forge enforces them. */
  baseRules: {
    requiresRequest: boolean;
    requiresCodeOwnerReview: boolean;
    dismissesStaleApprovals: boolean;
    requiresLastPushApproval: boolean;
    requiredChecks: { context: string; integrationId: number | null }[];
    forcePushAllowed: boolean;
    deletionAllowed: boolean;
    bypassActors: { id: string; kind: string; mode: string }[];
  } | null;
  /** Whether automation tokens may approve requests (they must not). */
  automationCanApprove: boolean | null;
  codeownersErrors: { path: string; line: number | null; message: string }[] | null;
  /** The protected environment holding the secrets, if the forge has one. */
  environment: { name: string; mainOnly: boolean; secrets: string[] } | null;
}

/**
 * The port. Every method may throw `ExternalError` (the forge could not be reached or refused
 * outright); ordinary outcomes (a merge that cannot happen yet) are results, not errors.
 */
export interface Forge {
  readonly kind: string;
  /** The branch requests merge into and grants live on (`main`): the ledger's branch. */
  readonly base: string;
  /** Every open request, in a stable order. */
  listRequests(): Promise<RequestSummary[]>;
  /** One request in full; `ExternalError` `E_REQUEST_NOT_FOUND` when there is none by that id. */
  request(id: string): Promise<ForgeRequest>;
  /** The request's reviews, oldest first (the decision keeps each reviewer's latest). */
  reviews(request: RequestSummary): Promise<Review[]>;
  /**
   * Shows a decision on the request (a check and the request card), replacing the last one.
   * `parts` shows only some: a merge posts the check the base's rules require first, merges,
   * and writes the card after, so nothing that does not gate the merge stands before access.
   */
  report(request: RequestSummary, report: DecisionReport, parts?: ReportParts): Promise<void>;
  /** Squash-merges the request onto its base, only if its head is still `spec.head`. */
  merge(request: RequestSummary, spec: MergeSpec): Promise<MergeOutcome>;

  /** Every revert request under EXPIRY_PREFIX, whatever its state, in one listing. */
  listExpiries(): Promise<ExpiryRequest[]>;
  /** Opens the revert request deleting `spec.path`; returns the existing one if the branch exists. */
  openExpiry(spec: ExpirySpec): Promise<ExpiryOpened>;
  /** Merges a revert request onto the base with `message` (its trailers). */
  mergeExpiry(expiry: ExpiryRequest, message: CommitMessage): Promise<MergeOutcome>;
  /** Closes a revert request that is no longer due (the grant was renewed or ended otherwise). */
  closeExpiry(expiry: ExpiryRequest, why: string): Promise<void>;

  /** How a commit on the base branch landed, or null when no request of this forge made it. */
  verifyLanding(commit: string): Promise<LandingProof | null>;
  /** Optional capability: the settings `doctor` checks. */
  settings?(): Promise<ForgeSettings>;
}

export const FORGE_KINDS = ['github', 'local'] as const;
export type ForgeKind = (typeof FORGE_KINDS)[number];
