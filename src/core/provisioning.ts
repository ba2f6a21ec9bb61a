import type { Code } from './codes.js';
import type { GrantFile } from './grant.js';
import type { Landing } from './landing.js';
import { LatestVersions } from './latest.js';
import type { Policy } from './policy/types.js';
import type { LedgerCommit } from './timeline.js';
import { iso } from './time.js';
import { windowState, type GrantWindow } from './window.js';

/** A grant that git says should be in effect now, and the evidence that it was approved. */
export interface ActiveGrant {
  role: string;
  login: string;
  path: string;
  commit: string;
  /** When it landed (the ledger's clamped committer time). */
  landedAt: Date;
  window: GrantWindow;
  grant: GrantFile;
}

/** A landed grant the provisioner refuses to act on, and why: it raises an alarm. */
export interface Alarm {
  path: string;
  commit: string;
  code: Code;
  message: string;
}

export interface ProvisioningView {
  active: ActiveGrant[];
  /** `role/login` → why it is no longer in effect ("expired at …", "revoked at … (file deleted)"). */
  ended: Map<string, string>;
  /** `role/login` of every grant that ever landed: the access grantops may have given. */
  landed: Set<string>;
  alarms: Alarm[];
}

const keyOf = (role: string, login: string) => `${role}/${login}`;

/**
 * What the provisioner needs from the ledger, folded from the first-parent history one commit
 * at a time (oldest first): the latest version of every grant file still on the branch, when
 * each ended one ended, and everyone who was ever granted something. Pure; memory grows with
 * the number of grant files, not with history.
 */
export class ProvisioningLedger {
  private readonly files = new LatestVersions<Landing>();
  private readonly endedAt = new Map<string, string>();
  private readonly everLanded = new Set<string>();

  apply(c: LedgerCommit): void {
    for (const change of c.changes) {
      const previous = this.files.record(c, change.path, change.landing);
      if (!change.landing) {
        if (previous) {
          const l = previous.version;
          this.endedAt.set(keyOf(l.role, l.requester), this.endOf(l, c.committedAt));
        }
        continue;
      }
      this.everLanded.add(keyOf(change.landing.role, change.landing.requester));
    }
  }

  /** Why a grant whose file was deleted at `at` ended there. */
  private endOf(previous: Landing, at: Date): string {
    const w = previous.window;
    if (w && w.expiresAt.getTime() <= at.getTime()) return `expired at ${iso(w.expiresAt)}`;
    return `revoked at ${iso(at)} (file deleted)`;
  }

  /**
   * The view at `now` under main's policies (I5): a grant is active only when its landing was
   * valid and approved (judged once, at landing, by `checkLanding`: the verdict `status` and
   * `audit` show too), its window contains `now`, and its role still exists. An unapproved
   * landing is never provisioned and raises an alarm for as long as its file is on the branch.
   */
  view(now: Date, policy: Policy): ProvisioningView {
    const out: ProvisioningView = {
      active: [],
      ended: new Map(this.endedAt),
      landed: new Set(this.everLanded),
      alarms: [],
    };
    for (const v of this.files.values()) {
      const l = v.version;
      const key = keyOf(l.role, l.requester);
      if (l.state === 'unapproved') {
        // Refused by the forge's record (a remembered verdict), or by the trailers alone.
        const rejected = l.problems.find((p) => p.code === 'E_LANDING_REJECTED');
        const why = l.problems.find((p) => p.code === 'E_UNAPPROVED_LANDING');
        out.alarms.push({
          path: l.path,
          commit: v.commit,
          code: rejected ? 'E_LANDING_REJECTED' : 'E_UNAPPROVED_LANDING',
          message:
            rejected?.message ??
            `${l.path} landed in ${v.commit.slice(0, 10)} and grants nothing. ${why?.message ?? ''}`.trim(),
        });
        out.ended.set(
          key,
          rejected ? 'its landing was refused by the forge' : 'its landing was not approved',
        );
        continue;
      }
      if (l.state !== 'valid' || !l.window || !l.grant) {
        out.ended.set(
          key,
          `its file is invalid (${l.problems.map((p) => p.code).join(', ') || 'unreadable'})`,
        );
        continue;
      }
      const state = windowState(l.window, now);
      if (state === 'expired') {
        out.ended.set(key, `expired at ${iso(l.window.expiresAt)}`);
        continue;
      }
      if (state === 'scheduled') {
        out.ended.set(key, `scheduled to start at ${iso(l.window.startsAt)}`);
        continue;
      }
      if (!policy.roles.has(l.role)) {
        out.ended.set(key, `role ${l.role} no longer exists in the policies`);
        continue;
      }
      out.active.push({
        role: l.role,
        login: l.requester,
        path: l.path,
        commit: v.commit,
        landedAt: v.landedAt,
        window: l.window,
        grant: l.grant,
      });
    }
    out.active.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return out;
  }
}
