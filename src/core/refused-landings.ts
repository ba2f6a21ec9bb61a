import { refuseLanding, type LandingVerdict } from './landing-authority.js';
import type { Ledger } from './ledger.js';

/**
 * The ledger as it stands once the forge refused some landings (their verdicts remembered in
 * git): each refused version grants nothing and reads as `unapproved`, with `E_LANDING_REJECTED`
 * first among its problems. `status`, `audit`, `plan` and `reconcile` all read the branch
 * through it, so they tell one story. Only valid versions change: a version the ledger itself
 * refused stays as it is.
 */
export function withRefusals(ledger: Ledger, refused: ReadonlyMap<string, LandingVerdict>): Ledger {
  if (refused.size === 0) return ledger;
  return {
    ref: ledger.ref,
    commit: ledger.commit,
    async grants(opts) {
      return (await ledger.grants(opts)).map((r) => {
        const verdict = refused.get(r.commit);
        if (!verdict || r.landing.state !== 'valid') return r;
        return { ...r, landing: refuseLanding(r.landing, verdict), approvers: [] };
      });
    },
    history(onCommit) {
      return ledger.history((c) => {
        const verdict = refused.get(c.oid);
        if (!verdict) return onCommit(c);
        return onCommit({
          ...c,
          changes: c.changes.map((change) =>
            change.landing
              ? { ...change, landing: refuseLanding(change.landing, verdict) }
              : change,
          ),
        });
      });
    },
    descendsFrom: (commit) => ledger.descendsFrom(commit),
  };
}
