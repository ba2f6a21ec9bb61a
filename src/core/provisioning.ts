import type { GrantFile } from './grant.js';
import type { Landing } from './landing.js';
import type { Policy } from './policy/types.js';
import { evidenceFor, type Evidence } from './record.js';
import type { LedgerCommit } from './timeline.js';
import { iso } from './time.js';
import { windowState, type GrantWindow } from './window.js';

/** A grant that git says should be in effect now, and the evidence that it was approved. */
export interface ActiveGrant {
  role: string;
  login: string;
  path: string;
  commit: string;
  window: GrantWindow;
  grant: GrantFile;
}

/** A landed grant the provisioner refuses to act on, and why: it raises an alarm. */
export interface Alarm {
  path: string;
  commit: string;
  code: string;
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

interface Latest {
  landing: Landing;
  commit: string;
  evidence: Evidence;
}

const keyOf = (role: string, login: string) => `${role}/${login}`;

/**
 * What the provisioner needs from the ledger, folded from the first-parent history one commit
 * at a time (oldest first): the latest version of every grant file still on the branch, when
 * each ended one ended, and everyone who was ever granted something. Pure; memory grows with
 * the number of grant files, not with history.
 */
export class ProvisioningLedger {
  private readonly latest = new Map<string, Latest>();
  private readonly endedAt = new Map<string, string>();
  private readonly everLanded = new Set<string>();

  apply(c: LedgerCommit): void {
    for (const change of c.changes) {
      const previous = this.latest.get(change.path);
      if (change.kind === 'deleted' || !change.landing) {
        if (previous) {
          this.endedAt.set(
            keyOf(previous.landing.role, previous.landing.requester),
            this.endOf(previous, c.committedAt),
          );
        }
        this.latest.delete(change.path);
        continue;
      }
      const l = change.landing;
      this.everLanded.add(keyOf(l.role, l.requester));
      this.latest.set(change.path, {
        landing: l,
        commit: c.oid,
        evidence: evidenceFor(c.message, change.path, l.role, l.requester),
      });
    }
  }

  /** Why a grant whose file was deleted at `at` ended there. */
  private endOf(previous: Latest, at: Date): string {
    const w = previous.landing.window;
    if (w && w.expiresAt.getTime() <= at.getTime()) return `expired at ${iso(w.expiresAt)}`;
    return `revoked at ${iso(at)} (file deleted)`;
  }

  /**
   * The view at `now` under main's policies (I5): a grant is active only when its file is valid,
   * its window contains `now`, its role still exists, and its landing commit records enough
   * approvals (the `Approved-by` trailers grantops writes when it merges). A grant that skipped
   * that is never provisioned and raises an alarm instead.
   */
  view(now: Date, policy: Policy): ProvisioningView {
    const out: ProvisioningView = {
      active: [],
      ended: new Map(this.endedAt),
      landed: new Set(this.everLanded),
      alarms: [],
    };
    for (const { landing: l, commit, evidence } of this.latest.values()) {
      const key = keyOf(l.role, l.requester);
      if (!l.valid || !l.window || !l.grant) {
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
      const role = policy.roles.get(l.role);
      if (!role) {
        out.ended.set(key, `role ${l.role} no longer exists in the policies`);
        continue;
      }
      const approvers = new Set(
        evidence.approvers
          .map((a) => a.toLowerCase())
          .filter((a) => a !== l.requester && !a.endsWith('[bot]')),
      );
      if (approvers.size < role.approvals) {
        const message = `${l.path} landed in ${commit.slice(0, 10)} with ${approvers.size} recorded approval${approvers.size === 1 ? '' : 's'} (Approved-by trailers, not counting the requester or bots); ${l.role} needs ${role.approvals}. A merge that skipped review grants nothing: revert it, or land the request through grantops.`;
        out.alarms.push({ path: l.path, commit, code: 'E_UNAPPROVED_LANDING', message });
        out.ended.set(key, 'its landing was not approved');
        continue;
      }
      out.active.push({
        role: l.role,
        login: l.requester,
        path: l.path,
        commit,
        window: l.window,
        grant: l.grant,
      });
    }
    out.active.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return out;
  }
}
