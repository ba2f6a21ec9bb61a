import type { CommitMessage } from './forge.js';
import { parseGrantFile } from './grant.js';
import { parseGrantPath } from './paths.js';
import type { Policy } from './policy/types.js';
import type { FileChange, GrantSummary } from './request/types.js';
import { iso, parseTimestamp } from './time.js';
import { formatTrailers, trailerValue, type GrantTrailers } from './trailers.js';
import { grantWindow } from './window.js';

/**
 * The commit message of a merge grantops makes: the title `Grant <role> to <login> for
 * <duration>` (GitHub adds ` (#N)`, as its squash subjects do) and exactly the trailer block of
 * docs/audit-trailers.md as the message, never the request's description: free text there is
 * written by the requester.
 */
export function mergeMessage(opts: {
  reference: string;
  grants: readonly GrantSummary[];
  changes: readonly FileChange[];
  policy: Policy;
  approvedBy: readonly string[];
  /** When it lands: the window in the trailers starts here (or at the file's `start`, if later). */
  now: Date;
}): CommitMessage {
  const blocks: GrantTrailers[] = [];
  const granted: Titled[] = [];
  const revoked: string[] = [];
  for (const g of opts.grants) {
    const path = parseGrantPath(g.path);
    if (!path) continue;
    if (g.change === 'revoked') {
      revoked.push(`${path.role} from ${path.login}`);
      blocks.push({ action: 'revoked', path: g.path, role: path.role, requester: path.login });
      continue;
    }
    const change = opts.changes.find((c) => c.path === g.path);
    const role = opts.policy.roles.get(path.role);
    const parsed = change?.text != null ? parseGrantFile(g.path, change.text, role) : null;
    const file = parsed?.grant;
    const block: GrantTrailers = {
      action: g.change === 'added' ? 'granted' : 'renewed',
      path: g.path,
      role: path.role,
      requester: path.login,
    };
    if (file && role && parsed.durationSeconds !== null) {
      const w = grantWindow({
        landedAt: opts.now,
        start: file.start ? parseTimestamp(file.start) : null,
        durationSeconds: parsed.durationSeconds,
        maxSeconds: role.maxDurationSeconds,
      });
      block.startsAt = iso(w.startsAt);
      block.expiresAt = iso(w.expiresAt);
      block.duration = file.duration;
      block.reason = file.reason;
      if (file.ticket !== undefined) block.ticket = file.ticket;
    }
    granted.push({ role: path.role, login: path.login, duration: file?.duration ?? null });
    blocks.push(block);
  }
  return {
    title: titleOf(granted, revoked, opts.reference),
    message: formatTrailers({
      grants: blocks,
      approvedBy: opts.approvedBy,
      pullRequest: opts.reference,
    }),
  };
}

interface Titled {
  role: string;
  login: string;
  duration: string | null;
}

function titleOf(granted: Titled[], revoked: string[], reference: string): string {
  const parts: string[] = [];
  if (granted.length === 1) {
    const { role, login, duration } = granted[0]!;
    parts.push(`Grant ${role} to ${login}${duration ? ` for ${duration}` : ''}`);
  } else if (granted.length > 1) {
    const logins = [...new Set(granted.map((g) => g.login))];
    const roles = granted.map((g) => (g.duration ? `${g.role} (${g.duration})` : g.role));
    parts.push(`Grant ${roles.join(', ')} to ${logins.join(', ')}`);
  }
  if (revoked.length) parts.push(`${parts.length ? 'revoke' : 'Revoke'} ${revoked.join(', ')}`);
  const suffix = /^#\d+$/.test(reference) ? ` (${reference})` : '';
  return trailerValue(`${parts.join('; ') || 'Change grants'}${suffix}`, 200);
}
