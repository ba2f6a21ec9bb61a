import type { Policy } from '../policy/types.js';
import type { TeamMembers } from '../policy/principals.js';
import type { Problem } from '../problem.js';

/** One file changed between base and head, as git reports it. */
export interface FileChange {
  /** Repository path, decoded byte for byte from git's output. */
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'type-changed';
  oldMode: string;
  newMode: string;
  /** Size in bytes of the new blob; null for deletions. */
  size: number | null;
  /** The new content; null when it was not read (deleted, not a regular file, too large) or is not UTF-8. */
  text: string | null;
  /** True when the bytes were read but are not valid UTF-8. */
  notUtf8?: boolean;
}

export interface RequestInput {
  /** The PR author as the forge reports it (I1). */
  author: string;
  changes: readonly FileChange[];
  /** Policies from the base revision (I2, I5). */
  policy: Policy;
  /** Members of every team the decision may need, resolved beforehand. */
  teams: TeamMembers;
  now: Date;
  /** Latest approving reviewers on the head commit; undefined when approvals are not evaluated. */
  approvedBy?: readonly string[];
  /** Everyone who pushed commits to the PR: their approvals never count. */
  committers?: readonly string[];
}

export type ChangeKind = 'added' | 'renewed' | 'revoked';

export interface GrantSummary {
  path: string;
  role: string;
  requester: string;
  change: ChangeKind;
  duration_seconds: number | null;
  /** For requests: approvals the role needs, and who counted. */
  approvals_required?: number;
  approved_by?: string[];
}

export interface Decision {
  valid: boolean;
  /** null when approvals were not evaluated (no --approved-by). */
  approved: boolean | null;
  grants: GrantSummary[];
  problems: Problem[];
}
