import { GitBackend, type GitPerson } from './git.js';
import type {
  Activity,
  ActivityType,
  CheckRun,
  Comment,
  Environment,
  IssueRecord,
  Label,
  Pull,
  RepoSettings,
  Review,
  Rule,
  Ruleset,
} from './records.js';
import type { Account, Store } from './store.js';

export type * from './records.js';

/**
 * One repository of the fake GitHub: a real bare git repository plus what GitHub keeps beside
 * it (pull requests and issues sharing one numbering, reviews, comments, labels, check runs,
 * the activity log, settings, rulesets, environments). The behaviour trust depends on lives
 * here, next to the state: pushes move heads and are recorded with their pusher; a pull
 * request's `refs/pull/N/head` follows its branch (a fork's too); stale approvals are dismissed
 * as GitHub does, including its blind spot (a push that leaves the pull request's diff unchanged,
 * such as a clean rebase, keeps them).
 */

export const ZERO = '0'.repeat(40);

export interface RepoOptions {
  parent?: Repo;
  private?: boolean;
}

export class Repo {
  readonly git = GitBackend.create();
  readonly fullName: string;
  readonly parent: Repo | null;
  readonly private: boolean;
  readonly createdAt: string;
  readonly issues: IssueRecord[] = [];
  readonly reviews: Review[] = [];
  readonly comments: Comment[] = [];
  readonly labels = new Map<string, Label>();
  readonly checkRuns: CheckRun[] = [];
  readonly activity: Activity[] = [];
  readonly rulesets: Ruleset[] = [];
  readonly environments = new Map<string, Environment>();
  settings: RepoSettings = {
    default_branch: 'main',
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    squash_merge_commit_message: 'COMMIT_MESSAGES',
    squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
  };
  workflowPermissions = {
    default_workflow_permissions: 'read' as 'read' | 'write',
    can_approve_pull_request_reviews: false,
  };

  constructor(
    readonly store: Store,
    readonly id: number,
    readonly owner: Account,
    readonly name: string,
    options: RepoOptions,
  ) {
    this.fullName = `${owner.login}/${name}`;
    this.parent = options.parent ?? null;
    this.private = options.private ?? true;
    this.createdAt = store.timestamp();
  }

  get pulls(): Pull[] {
    return this.issues.flatMap((i) => (i.pull ? [i.pull] : []));
  }

  issue(number: number): IssueRecord | undefined {
    return this.issues.find((i) => i.number === number);
  }

  pull(number: number): Pull | undefined {
    return this.issue(number)?.pull;
  }

  branchSha(branch: string): string | null {
    return this.git.resolve(`refs/heads/${branch}`);
  }

  /** A new issue (or the issue half of a pull request) with the next number. */
  newIssue(user: Account, title: string, body: string | null): IssueRecord {
    const now = this.store.timestamp();
    const issue: IssueRecord = {
      number: this.issues.length + 1,
      id: this.store.id(),
      title,
      body,
      user,
      state: 'open',
      labels: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    this.issues.push(issue);
    return issue;
  }

  /** The repository label, created with GitHub's default colour when it does not exist yet. */
  label(name: string): Label {
    let label = this.labels.get(name.toLowerCase());
    if (!label) {
      // GitHub leaves a new label's description null, but its description of pull requests says
      // string: the fake follows the description it is checked against.
      label = { id: this.store.id(), name, color: 'ededed', description: '' };
      this.labels.set(name.toLowerCase(), label);
    }
    return label;
  }

  record(type: ActivityType, ref: string, before: string, after: string, actor: Account): void {
    this.activity.push({
      id: this.store.id(),
      before,
      after,
      ref,
      timestamp: this.store.timestamp(),
      type,
      actor,
    });
  }

  /**
   * Moves (or with `sha` null deletes) a branch as a push by `actor` would, and records it in
   * the activity log. Open pull requests whose head is that branch follow it.
   */
  push(actor: Account, branch: string, sha: string | null): void {
    const ref = `refs/heads/${branch}`;
    const before = this.git.resolve(ref) ?? ZERO;
    if (sha === null) {
      if (before === ZERO) return;
      this.git.deleteRef(ref);
      this.record('branch_deletion', ref, before, ZERO, actor);
      return;
    }
    if (!this.git.resolve(sha)) throw new Error(`fake GitHub: ${sha} is not in ${this.fullName}`);
    this.git.setRef(ref, sha);
    const type =
      before === ZERO
        ? 'branch_creation'
        : this.git.isAncestor(before, sha)
          ? 'push'
          : 'force_push';
    this.record(type, ref, before, sha, actor);
    for (const target of this.store.repos.values()) {
      for (const pull of target.pulls) {
        if (pull.issue.state === 'open' && pull.head.repo === this && pull.head.ref === branch)
          target.followHead(pull, sha, actor);
      }
    }
  }

  /** `refs/pull/N/head` follows the head branch; stale approvals are dismissed as GitHub does. */
  followHead(pull: Pull, sha: string, pusher: Account): void {
    const old = pull.headSha;
    const pullRef = `refs/pull/${pull.issue.number}/head`;
    if (pull.head.repo === this) this.git.setRef(pullRef, sha);
    else this.git.fetchFrom(pull.head.repo.git, `refs/heads/${pull.head.ref}`, pullRef);
    pull.headSha = sha;
    pull.lastPusher = pusher;
    pull.issue.updatedAt = this.store.timestamp();
    if (old === sha || !this.dismissesStaleReviews(pull.base)) return;
    // GitHub compares the pull request's diff, not its commits: a push that leaves the diff as it
    // was (a clean rebase, an amended message) keeps the approvals.
    const base = this.branchSha(pull.base) ?? sha;
    if (this.git.diff(base, old) === this.git.diff(base, sha)) return;
    for (const r of this.reviews)
      if (r.pull === pull.issue.number && r.state === 'APPROVED') r.state = 'DISMISSED';
  }

  private dismissesStaleReviews(branch: string): boolean {
    return this.activeRules(branch).some(
      (r) => r.type === 'pull_request' && r.parameters?.dismiss_stale_reviews_on_push === true,
    );
  }

  /** The rulesets in force on `branch`, active ones only. */
  activeRulesets(branch: string): Ruleset[] {
    return this.rulesets.filter(
      (s) =>
        s.enforcement === 'active' &&
        s.include.some((p) => refMatches(this, p, branch)) &&
        !s.exclude.some((p) => refMatches(this, p, branch)),
    );
  }

  activeRules(branch: string): (Rule & { ruleset: Ruleset })[] {
    return this.activeRulesets(branch).flatMap((s) => s.rules.map((r) => ({ ...r, ruleset: s })));
  }

  /** How GitHub writes an account into commits it makes: the no-reply address. */
  person(account: Account): GitPerson {
    return {
      name: account.login,
      email: `${account.id}+${account.login}@users.noreply.github.com`,
      date: this.store.timestamp(),
    };
  }
}

/** A ruleset `ref_name` pattern against a branch: `~ALL`, `~DEFAULT_BRANCH`, fnmatch on refs. */
function refMatches(repo: Repo, pattern: string, branch: string): boolean {
  if (pattern === '~ALL') return true;
  if (pattern === '~DEFAULT_BRANCH') return branch === repo.settings.default_branch;
  const source = pattern
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${source}$`).test(`refs/heads/${branch}`);
}
