import stringWidth from 'string-width';
import { printable } from './escape.js';

/**
 * An aligned plain-text table: a header row, then one row per item, columns padded to fit.
 * Every cell is untrusted text, escaped with `printable`. Widths are terminal columns
 * (string-width), not UTF-16 units: a wide character takes two, a combining mark none, so the
 * columns line up whatever a cell shows.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => printable(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => stringWidth(r[i] ?? ''))));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - stringWidth(c))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A time for people: `2026-11-26 09:00` (UTC, stated in the header once). */
export function shortTime(d: Date | null): string {
  if (!d) return '-';
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
