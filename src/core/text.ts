/**
 * The one definition of text that is safe to show: printable ASCII, U+0020 to U+007E. Every
 * other character of untrusted text is shown as an escape, so nothing a name, reason or path
 * holds can move the cursor, recolour the terminal, open a link, reorder a line (bidi), hide
 * itself (zero-width, format characters) or pass for another letter (Cyrillic `а` for Latin
 * `a`). The escapes are JavaScript's: `\n`, `\t`, `\r`, `\u0430`, astral `\u{1f600}`, and a
 * backslash as `\\`, so an escaped text reads back to exactly one original.
 *
 * Problem messages (`quote`), the renderers (`printable` in render/escape.ts) and the last check
 * on every line the CLI writes (`safeOutput`) are all built on this file.
 */

const SHORT: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** How one character (a code point, or a lone surrogate) is shown. */
export function escapeChar(c: string): string {
  const short = SHORT[c];
  if (short) return short;
  const cp = c.codePointAt(0)!;
  if (cp >= 0x20 && cp <= 0x7e) return c;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** Whether a text is shown as itself: printable ASCII and no backslash. */
export function isPlainText(text: string): boolean {
  return /^[\x20-\x5b\x5d-\x7e]*$/.test(text);
}

/**
 * Untrusted text escaped for showing, at most `max` characters long: when it is cut, it ends in
 * `…` and no escape is cut in half.
 */
export function escapeText(text: string, max = Number.POSITIVE_INFINITY): string {
  if (isPlainText(text)) return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return clip(Array.from(text, escapeChar), max);
}

/**
 * Untrusted text quoted inside a message: escaped as above, in double quotes (a `"` inside is
 * `\"`), at most `max` characters with the quotes, so the reader sees where it starts and ends.
 */
export function quote(text: string, max = 60): string {
  const pieces = Array.from(text, (c) => (c === '"' ? '\\"' : escapeChar(c)));
  return `"${clip(pieces, max - 2)}"`;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A path as the git readers hold it (one character per byte, so paths compare on git's own
 * bytes) turned back into the text it spells: UTF-8 decoded, so a Cyrillic `а` shows as
 * `\u0430`, not as the two characters of its bytes. Bytes that are not UTF-8 stay one character
 * each (shown as `\u00XX`).
 */
export function pathText(path: string): string {
  // eslint-disable-next-line no-control-regex -- any character above U+00FF: not a byte
  if (!/[\x80-\xff]/.test(path) || /[^\x00-\xff]/.test(path)) return path;
  try {
    return UTF8.decode(Uint8Array.from(path, (c) => c.charCodeAt(0)));
  } catch {
    return path;
  }
}

/** A path from git, escaped for showing (see `pathText` and `escapeText`). */
export function escapePath(path: string, max = Number.POSITIVE_INFINITY): string {
  return escapeText(pathText(path), max);
}

/** A path from git, quoted inside a message (see `pathText` and `quote`). */
export function quotePath(path: string, max = 120): string {
  return quote(pathText(path), max);
}

function clip(pieces: readonly string[], max: number): string {
  let length = 0;
  for (const p of pieces) length += p.length;
  if (length <= max) return pieces.join('');
  const kept: string[] = [];
  let used = 1; // the ellipsis
  for (const p of pieces) {
    if (used + p.length > max) break;
    kept.push(p);
    used += p.length;
  }
  return `${kept.join('')}…`;
}

/**
 * grantops' own symbols in text output (verdicts, arrows, the ellipsis of cut text, typographic
 * apostrophe and dash in help texts). They are
 * written by grantops, never taken from input: every untrusted value is escaped before it is
 * placed in a line, so these cannot arrive from a file or a trailer.
 */
const OWN_SYMBOLS = '…→✓✗’—';
const UNSAFE_IN_TEXT = new RegExp(`\\r(?!\\n)|[^\\x20-\\x7e\\n\\r${OWN_SYMBOLS}]`, 'gu');
// Code units, not code points: JSON escapes are UTF-16 (`\ud83d\ude00`).
const UNSAFE_IN_JSON = /[^\x20-\x7e\n]/g;

/**
 * The last check on what the CLI writes, after the renderers have escaped every value: any
 * character that is not safe to show and still got through (a value a renderer forgot) is
 * escaped here, in lines of text, Markdown and CSV (a line break stays a line break). In JSON
 * such characters become `\uXXXX` escapes, which only occur inside strings and parse back to the
 * same value. Backslashes are left alone: the values were escaped already.
 */
export function safeOutput(text: string, json = false): string {
  if (json) {
    UNSAFE_IN_JSON.lastIndex = 0;
    if (!UNSAFE_IN_JSON.test(text)) return text;
    return text.replace(
      UNSAFE_IN_JSON,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  UNSAFE_IN_TEXT.lastIndex = 0;
  if (!UNSAFE_IN_TEXT.test(text)) return text;
  return text.replace(UNSAFE_IN_TEXT, escapeChar);
}
