import type { App } from './apps.js';
import type { Repo as RepoRef } from './repo.js';
import type { Account } from './store.js';

/**
 * What a fake repository keeps beside its git objects, as plain records: the activity log,
 * labels, issues and pull requests (one numbering), reviews, comments, check runs, rulesets,
 * environments and settings. `repo.ts` holds the behaviour that changes them.
 */

export type ActivityType =
  'push' | 'force_push' | 'branch_creation' | 'branch_deletion' | 'pr_merge' | 'merge_queue_merge';

export interface Activity {
  id: number;
  before: string;
  after: string;
  ref: string;
  timestamp: string;
  type: ActivityType;
  actor: Account;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

/** An issue; a pull request is an issue with `pull` set (they share numbers, as on GitHub). */
export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  user: Account;
  state: 'open' | 'closed';
  labels: Label[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  pull?: Pull;
}

export interface Pull {
  id: number;
  issue: IssueRecord;
  base: string;
  head: { repo: RepoRef; ref: string };
  headSha: string;
  /** Who last pushed to the head (for `require_last_push_approval`). */
  lastPusher: Account;
  draft: boolean;
  merged: boolean;
  mergedBy: Account | null;
  mergeCommitSha: string | null;
  mergedAt: string | null;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';

export interface Review {
  id: number;
  pull: number;
  user: Account;
  state: ReviewState;
  body: string;
  commitId: string;
  submittedAt: string;
}

export interface Comment {
  id: number;
  issue: number;
  user: Account;
  body: string;
  createdAt: string;
  updatedAt: string;
  app: App | null;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title?: string;
}

export interface CheckRun {
  id: number;
  headSha: string;
  name: string;
  status: string;
  conclusion: string | null;
  app: App;
  title: string | null;
  summary: string | null;
  text: string | null;
  annotations: Annotation[];
  externalId: string | null;
  detailsUrl: string | null;
  startedAt: string;
  completedAt: string | null;
}

export interface Rule {
  type: string;
  parameters?: Record<string, unknown>;
}

export interface Ruleset {
  id: number;
  name: string;
  enforcement: 'active' | 'disabled' | 'evaluate';
  sourceType: 'Repository' | 'Organization';
  /** `ref_name` conditions: `~DEFAULT_BRANCH`, `~ALL` or `refs/heads/…` patterns. */
  include: string[];
  exclude: string[];
  bypass: { actor_id: number | null; actor_type: string; bypass_mode: string }[];
  rules: Rule[];
  createdAt: string;
}

export interface Environment {
  id: number;
  name: string;
  createdAt: string;
  branchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  policies: { id: number; name: string; type: 'branch' | 'tag' }[];
  secrets: { name: string; created_at: string; updated_at: string }[];
}

export interface RepoSettings {
  default_branch: string;
  allow_squash_merge: boolean;
  allow_merge_commit: boolean;
  allow_rebase_merge: boolean;
  allow_auto_merge: boolean;
  delete_branch_on_merge: boolean;
  /** What GitHub's button puts in a squash commit's body. */
  squash_merge_commit_message: 'PR_BODY' | 'COMMIT_MESSAGES' | 'BLANK';
  squash_merge_commit_title: 'PR_TITLE' | 'COMMIT_OR_PR_TITLE';
}
