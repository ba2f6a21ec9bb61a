import { escapePath, escapeText } from '../core/text.js';

/**
 * Escaping for every place untrusted text (paths, logins, reasons, values, ref names) is
 * printed. Each function is total: whatever the input, the output cannot break out of its
 * context. What counts as safe is defined once, in core/text.ts.
 */

/**
 * Untrusted text for a terminal, on one line: every character outside printable ASCII is shown
 * as an escape (`\u0430`, `\u{1f600}`, `\n`, and `\\` for a backslash), at most `max` long.
 */
export function printable(text: string, max = 200): string {
  return escapeText(text, max);
}

/** A path from git for a terminal: its bytes read as UTF-8 first (see core/text.ts `pathText`). */
export function printablePath(path: string, max = 200): string {
  return escapePath(path, max);
}

/**
 * A CSV cell (RFC 4180): always quoted, quotes doubled, escaped like `printable` (so one line, and
 * nothing invisible for a spreadsheet to hide). A cell that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`, or a leading tab or CR) gets a leading `'`.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${escapeText(text).replace(/"/g, '""')}"`;
}

export function csvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * Text inside a Markdown table cell, rendered literally: HTML is entity-encoded, the characters
 * Markdown reads inline (links, images, emphasis, code spans, pipes, escapes) are
 * backslash-escaped, `@` is encoded so no one is mentioned, and the text is escaped like
 * `printable` first (one line, nothing invisible). A cell never starts a line, so line-start
 * syntax (`-`, `1.`, `>`) cannot apply.
 */
export function markdownText(text: string, max = 300): string {
  // Backslashes first, entities last: the `#` and `;` of `&#64;` must stay as written.
  return printable(text, max)
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;');
}

/**
 * A label in a Mermaid diagram inside a ```mermaid fence: escaped like `printable`, then only
 * ASCII letters, digits, spaces and `-_.,/()\\` survive. Mermaid's gantt syntax uses `:`, `;`,
 * `#` and `%%`, and a backtick run would close the fence, so anything else becomes a space.
 */
export function mermaidLabel(text: string, max = 60): string {
  const safe = escapeText(text)
    .replace(/[^A-Za-z0-9 _.,/()\\-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (safe.length > max ? `${safe.slice(0, max - 1)}…` : safe) || '-';
}
