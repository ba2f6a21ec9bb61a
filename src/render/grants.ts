import { formatDuration } from '../core/duration.js';
import type { StatusEntry } from '../core/record.js';
import { quote } from '../core/problem.js';
import { iso } from '../core/time.js';
import { printablePath } from './escape.js';
import { shortTime, table } from './table.js';

/**
 * The JSON shape of `status` and `audit --at` (DESIGN §3): role, requester, path, state,
 * starts_at, expires_at, landed_at, commit, then extra fields (never renamed).
 */
export function grantJson(e: StatusEntry): Record<string, unknown> {
  return {
    role: e.role,
    requester: e.requester,
    path: e.path,
    state: e.state,
    starts_at: e.startsAt ? iso(e.startsAt) : null,
    expires_at: e.expiresAt ? iso(e.expiresAt) : null,
    landed_at: iso(e.landedAt),
    commit: e.commit,
    seconds_left: e.secondsLeft,
    duration_seconds: e.durationSeconds,
    capped: e.capped,
    reason: e.reason,
    ticket: e.ticket,
    approvers: e.approvers,
    approvals_required: e.approvalsRequired,
    not_counted: e.notCounted.map((n) => ({ value: n.value, why: n.why })),
    pr: e.pr,
    source: e.source,
    problems: e.problems,
  };
}

function left(e: StatusEntry): string {
  if (e.secondsLeft === null) return '-';
  return e.state === 'scheduled'
    ? `in ${formatDuration(e.secondsLeft)}`
    : formatDuration(e.secondsLeft);
}

/**
 * The text view: a one-line summary, a table of active and scheduled grants, and separate
 * warning lists of unapproved landings (an alarm: revert them) and invalid grant files (they
 * grant nothing; someone should fix or delete them).
 */
export function grantsText(entries: readonly StatusEntry[], title: string): string {
  const valid = entries.filter((e) => e.state !== 'invalid' && e.state !== 'unapproved');
  const unapproved = entries.filter((e) => e.state === 'unapproved');
  const invalid = entries.filter((e) => e.state === 'invalid');
  const count = (s: string) => valid.filter((e) => e.state === s).length;
  const lines = [
    `${title}: ${count('active')} active, ${count('scheduled')} scheduled${unapproved.length ? `, ${unapproved.length} unapproved` : ''}${invalid.length ? `, ${invalid.length} invalid` : ''} (times in UTC)`,
  ];
  if (valid.length) {
    lines.push(
      '',
      table(
        ['ROLE', 'REQUESTER', 'STATE', 'STARTS', 'EXPIRES', 'LEFT', 'LANDED', 'COMMIT'],
        valid.map((e) => [
          e.role,
          e.requester,
          e.state,
          shortTime(e.startsAt),
          shortTime(e.expiresAt),
          left(e),
          shortTime(e.landedAt),
          e.commit.slice(0, 10),
        ]),
      ),
    );
  }
  // A landing the forge refused is unapproved too, but for its own reason and its own alarm.
  const refused = unapproved.filter(refusedByForge);
  const unreviewed = unapproved.filter((e) => !refusedByForge(e));
  if (refused.length) {
    lines.push(
      '',
      "Landings the forge refused (they grant nothing and raise E_LANDING_REJECTED: the forge's record of how they landed fails, whatever their trailers say; revert them, and ask again through a request grantops merges):",
    );
    for (const e of refused) {
      lines.push(
        `  ${printablePath(e.path)}  ${e.problems.join(', ')}  (landed ${shortTime(e.landedAt)} in ${e.commit.slice(0, 10)})`,
      );
    }
  }
  if (unreviewed.length) {
    lines.push(
      '',
      'Unapproved landings (they grant nothing and raise E_UNAPPROVED_LANDING; revert them, or land the request through grantops):',
    );
    for (const e of unreviewed) {
      const counted = `${e.approvers.length}/${e.approvalsRequired ?? '?'} approvals counted`;
      const notCounted = e.notCounted.length
        ? `; not counted: ${e.notCounted.map((n) => `${quote(n.value)} (${n.why})`).join('; ')}`
        : '';
      lines.push(
        `  ${printablePath(e.path)}  ${e.problems.join(', ')}  (landed ${shortTime(e.landedAt)} in ${e.commit.slice(0, 10)}; ${counted}${notCounted})`,
      );
    }
  }
  if (invalid.length) {
    lines.push('', 'Invalid grant files (they grant nothing; fix or delete them):');
    for (const e of invalid) {
      lines.push(
        `  ${printablePath(e.path)}  ${e.problems.join(', ')}  (landed ${shortTime(e.landedAt)} in ${e.commit.slice(0, 10)})`,
      );
    }
  }
  return lines.join('\n');
}

/** Refused by the forge's record of how it landed (a remembered verdict), not by its trailers. */
export const refusedByForge = (e: StatusEntry): boolean =>
  e.problems.includes('E_LANDING_REJECTED');
