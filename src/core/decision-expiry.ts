import {
  expiryBranch,
  parseExpiryBranch,
  type CommitMessage,
  type ExpiryRequest,
} from './forge.js';
import { iso } from './time.js';
import { formatTrailers } from './trailers.js';

/**
 * What `grantops expire` does, decided as data from the grants on the base branch and the one
 * listing of expiry reverts (DESIGN §3): a revert for each grant whose window has ended, merged
 * once; an open revert whose grant was renewed or removed since is closed, never merged.
 */

/** A grant file on the base branch: its latest landing, and its window's end once it has ended. */
export interface LandedGrant {
  path: string;
  role: string;
  requester: string;
  /** The commit that added or last changed the file: it names the revert's branch. */
  commit: string;
  startsAt: Date | null;
  /** Set when the window has ended at the run's instant; null otherwise (active, scheduled…). */
  expiredAt: Date | null;
}

export interface ExpiryStep {
  grant: LandedGrant;
  branch: string;
  /** The revert already under that branch, if any (open, merged or closed). */
  existing: ExpiryRequest | null;
}

export interface ExpiryPlan {
  /** Grants to record as expired: open a revert where none is open, then merge it. */
  expire: ExpiryStep[];
  /** Open reverts no longer due: their grant's file changed or went since they were opened. */
  close: ExpiryRequest[];
}

export function planExpiry(
  grants: readonly LandedGrant[],
  expiries: readonly ExpiryRequest[],
): ExpiryPlan {
  const byBranch = new Map<string, ExpiryRequest>();
  for (const e of expiries) {
    // Of several under one name (one closed, one reopened), the live one decides.
    const seen = byBranch.get(e.branch);
    if (!seen || seen.state === 'closed') byBranch.set(e.branch, e);
  }
  const current = new Set(grants.map((g) => expiryBranch(g.role, g.requester, g.commit)));
  const expire: ExpiryStep[] = [];
  for (const grant of grants) {
    if (!grant.expiredAt) continue;
    const branch = expiryBranch(grant.role, grant.requester, grant.commit);
    const existing = byBranch.get(branch) ?? null;
    // Merged: the end is in git already (a run that saw the file before the revert landed).
    if (existing?.state === 'merged') continue;
    expire.push({ grant, branch, existing: existing?.state === 'open' ? existing : null });
  }
  const close = expiries.filter(
    (e) => e.state === 'open' && parseExpiryBranch(e.branch) !== null && !current.has(e.branch),
  );
  return { expire, close };
}

/** The revert's title and trailers (docs/audit-trailers.md), naming the revert as `reference`. */
export function expiryMessage(grant: LandedGrant, reference: string): CommitMessage {
  return {
    title: `Expire ${grant.role} for ${grant.requester}`,
    message: formatTrailers({
      grants: [
        {
          action: 'expired',
          path: grant.path,
          role: grant.role,
          requester: grant.requester,
          ...(grant.startsAt ? { startsAt: iso(grant.startsAt) } : {}),
          ...(grant.expiredAt ? { expiresAt: iso(grant.expiredAt) } : {}),
        },
      ],
      pullRequest: reference,
    }),
  };
}
