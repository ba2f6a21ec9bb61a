import type { AuditEvent } from '../core/timeline.js';
import { mermaidLabel } from './escape.js';

interface Bar {
  role: string;
  label: string;
  start: Date;
  end: Date;
  revoked: boolean;
}

/** Most windows drawn: a chart with more bars is unreadable; narrow the audit to see others. */
export const MAX_GANTT_BARS = 200;

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/**
 * A Mermaid `gantt` chart of grant windows, built from the event stream: a window is cut short
 * by its revocation or renewal. It keeps the latest MAX_GANTT_BARS windows only, so a long
 * audit stays bounded. Every label goes through `mermaidLabel`: reasons are untrusted.
 */
export function gantt(now: Date, max = MAX_GANTT_BARS) {
  const bars = new Map<string, Bar>();
  const lastByPath = new Map<string, string>();
  let dropped = 0;
  return {
    add(e: AuditEvent): void {
      if ((e.event === 'granted' || e.event === 'renewed') && e.startsAt && e.expiresAt) {
        const prev = bars.get(lastByPath.get(e.path) ?? '');
        if (prev && prev.end > e.time) prev.end = prev.start > e.time ? prev.start : e.time;
        const key = `${e.path}@${e.grantCommit}`;
        bars.set(key, {
          role: e.role,
          label: `${e.requester} ${(e.reason ?? '').slice(0, 30)}`,
          start: e.startsAt,
          end: e.expiresAt,
          revoked: false,
        });
        lastByPath.set(e.path, key);
        if (bars.size > max) {
          const [oldest] = bars.keys();

          bars.delete(oldest!);
          dropped++;
          for (const [path, k] of lastByPath) if (k === oldest) lastByPath.delete(path);
        }
      } else if (e.event === 'revoked') {
        const bar = bars.get(`${e.path}@${e.grantCommit}`);
        if (bar) {
          bar.revoked = true;
          if (bar.end > e.time) bar.end = bar.start > e.time ? bar.start : e.time;
        }
      }
    },
    render(): string {
      if (bars.size === 0) return '_No grant windows in this range._';
      const byRole = new Map<string, Bar[]>();
      for (const b of bars.values()) byRole.set(b.role, [...(byRole.get(b.role) ?? []), b]);
      const lines = [
        '```mermaid',
        'gantt',
        '  title Grant windows (UTC)',
        '  dateFormat YYYY-MM-DD HH:mm:ss',
        '  axisFormat %m-%d %H:%M',
      ];
      for (const role of [...byRole.keys()].sort()) {
        lines.push(`  section ${mermaidLabel(role)}`);
        for (const b of byRole.get(role)!) {
          const tag = b.revoked
            ? 'crit, '
            : b.start <= now && now < b.end
              ? 'active, '
              : b.end <= now
                ? 'done, '
                : '';
          lines.push(`  ${mermaidLabel(b.label)} :${tag}${stamp(b.start)}, ${stamp(b.end)}`);
        }
      }
      lines.push('```');
      if (dropped)
        lines.push(
          '',
          `_The chart shows the latest ${max} windows; ${dropped} earlier ones are in the table above._`,
        );
      return lines.join('\n');
    },
  };
}
