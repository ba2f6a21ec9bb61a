/**
 * Where the local forge keeps things in a plain git repository (docs/forge.md). Everything is a
 * ref, so it travels with `git fetch`/`git push` of `refs/grantops/*` like the repository itself.
 */

/** Open requests: branches `request/<role>/<login>` (made by `grantops request` or by hand). */
export const REQUEST_BRANCHES = 'refs/heads/request/';
/** `refs/grantops/approvals/<request branch>/<login>` → the head commit that login approved. */
export const APPROVALS = 'refs/grantops/approvals/';
/** `refs/grantops/reports/<request branch>` → the last decision on it (a JSON blob). */
export const REPORTS = 'refs/grantops/reports/';
/** `refs/grantops/landings/<commit on main>` → how that commit landed (a JSON blob). */
export const LANDINGS = 'refs/grantops/landings/';
/** Expiry reverts: branches `grantops/expire/<role>/<login>/<landing, 12 hex>`. */
export const EXPIRY_BRANCHES = 'refs/heads/grantops/expire/';
/** Closed expiry reverts keep their commit here, so the listing still shows them. */
export const CLOSED_EXPIRIES = 'refs/grantops/closed/';

export const heads = (branch: string) => `refs/heads/${branch}`;
export const branchOf = (ref: string) => ref.replace(/^refs\/heads\//, '');
