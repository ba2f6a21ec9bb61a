import type { YMap } from './yaml.js';

/**
 * The tree of the plainest YAML file, read without the general parser: nothing but lines of
 * `key: value`, blank lines and `#` comments, all printable ASCII. Almost every grant file is
 * that (`duration: 2h`, `reason: …`, `ticket: …`), and the ledger reads tens of thousands of
 * them; the general parser costs most of judging one.
 *
 * Null whenever the text steps outside that shape, however harmlessly: the caller then reads it
 * with the general parser, which reports what there is to report. What is accepted here is read
 * exactly as the general parser reads it (same keys, text and positions), and has nothing to
 * report: no indentation (so no nesting and no line continued), no quote, flow bracket, block
 * scalar, anchor, alias, tag or directive at the start of a value, no `: ` or ` #` inside one, no
 * trailing space, no tab, carriage return, byte-order mark or character outside ASCII (so no
 * invisible one), no `---` or `...`, no empty value and no key twice.
 */
export function plainMapping(source: string): YMap | null {
  const n = source.length;
  const entries: YMap['entries'] = [];
  let pos: YMap['pos'] | null = null;
  let line = 1;
  for (let start = 0; start < n; line++) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = n;
    const first = source.charCodeAt(start);
    if (end === start) {
      // a blank line
    } else if (first === HASH) {
      for (let i = start + 1; i < end; i++) if (!printable(source.charCodeAt(i))) return null;
    } else {
      if (first === DASH) return null;
      let colon = start;
      while (colon < end && keyChar(source.charCodeAt(colon))) colon++;
      if (colon === start || colon - start > MAX_KEY || source.charCodeAt(colon) !== COLON)
        return null;
      let from = colon + 1;
      if (source.charCodeAt(from) !== SPACE) return null;
      while (from < end && source.charCodeAt(from) === SPACE) from++;
      if (from === end || !valueStart(source.charCodeAt(from))) return null;
      if (source.charCodeAt(end - 1) === SPACE) return null;
      for (let i = from + 1; i < end; i++) {
        const c = source.charCodeAt(i);
        if (!printable(c)) return null;
        // ` #` starts a comment, `: ` (or a `:` ending the line) a nested mapping.
        if (c === HASH && source.charCodeAt(i - 1) === SPACE) return null;
        if (c === COLON && (i + 1 === end || source.charCodeAt(i + 1) === SPACE)) return null;
      }
      const key = source.slice(start, colon);
      for (const e of entries) if (e.key === key) return null;
      const keyPos = { line, column: 1 };
      pos ??= { line, column: 1 };
      entries.push({
        key,
        keyPos,
        value: {
          kind: 'scalar',
          pos: { line, column: from - start + 1 },
          text: source.slice(from, end),
          plain: true,
        },
      });
    }
    start = end + 1;
  }
  return pos ? { kind: 'map', pos, entries } : null;
}

const HASH = 0x23;
const COLON = 0x3a;
const SPACE = 0x20;
const DASH = 0x2d;
/** Longer keys are left to the general parser (YAML bounds implicit keys). */
const MAX_KEY = 64;

function printable(c: number): boolean {
  return c >= 0x20 && c <= 0x7e;
}

/** Letters, digits, `_` and `-`, never first: a plain key that can mean nothing else. */
function keyChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2d
  );
}

/** Letters and digits: a value starting with one is a plain scalar, never an indicator. */
function valueStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}
