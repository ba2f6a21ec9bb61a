/**
 * Escaping for every place untrusted text (reasons, tickets, paths of invalid files) is printed.
 * Each function is total: whatever the input, the output cannot break out of its context.
 */

// eslint-disable-next-line no-control-regex -- control characters are what these remove
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line for a terminal: control characters (escape sequences included) become spaces. */
export function printable(text: string, max = 200): string {
  const flat = text.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * A CSV cell (RFC 4180): always quoted, quotes doubled, one line. A cell that a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@`, or a leading tab or CR) gets a leading `'`.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  text = text.replace(CONTROLS, ' ');
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * Text inside a Markdown table cell, rendered literally: HTML is entity-encoded, the characters
 * Markdown reads inline (links, images, emphasis, code spans, pipes, escapes) are
 * backslash-escaped, `@` is encoded so no one is mentioned, and newlines become spaces. A cell
 * never starts a line, so line-start syntax (`-`, `1.`, `>`) cannot apply.
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
 * A label in a Mermaid diagram inside a ```mermaid fence: only letters, digits, spaces and
 * `-_.,/()` survive. Mermaid's gantt syntax uses `:`, `;`, `#` and `%%`, and a backtick run
 * would close the fence, so anything else becomes a space.
 */
export function mermaidLabel(text: string, max = 60): string {
  const safe = text
    .replace(/[^\p{L}\p{N} _.,/()-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (safe.length > max ? `${safe.slice(0, max - 1)}…` : safe) || '-';
}
