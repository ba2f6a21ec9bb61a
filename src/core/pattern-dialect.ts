/**
 * Rewrites a policy pattern, an ECMAScript regular expression in `u` mode (the dialect JSON
 * Schema names for `pattern`), into RE2 syntax that matches exactly the same strings. RE2 runs
 * in time linear in the input; what it cannot express (backreferences, lookaround) is refused
 * here with the construct named. The source must already compile as `new RegExp(source, 'u')`:
 * this reader relies on that grammar (every `{`, `}` and `]` outside a class is a quantifier or
 * closes something, a class never nests, a range never has a class escape at either end).
 *
 * Where the two engines read the same text differently, the ECMAScript meaning is spelled out:
 * `.` excludes \r, U+2028 and U+2029 besides \n; `\s` is ECMAScript's white space (Unicode
 * spaces, U+FEFF, \v), not RE2's ASCII five; `\uXXXX`, `\u{…}`, `\cX` become `\x{…}`; a literal
 * `[` inside a class is escaped so RE2 never reads `[[:alpha:]]` as a POSIX class.
 */

/** A construct RE2 cannot run, and where it starts in the pattern (0-based). */
export class UnsupportedPattern extends Error {
  constructor(
    readonly construct: string,
    readonly index: number,
  ) {
    super(`${construct} (at character ${index + 1})`);
  }
}

type Range = readonly [number, number];

/** ECMAScript's \s: WhiteSpace and LineTerminator code points. */
const SPACE: Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const MAX_CODE_POINT = 0x10ffff;

function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** A code point as RE2 reads it literally, in or out of a class. */
const lit = (cp: number) =>
  /[A-Za-z0-9]/.test(String.fromCodePoint(cp))
    ? String.fromCodePoint(cp)
    : `\\x{${cp.toString(16)}}`;
const ranges = (rs: Range[]) =>
  rs.map(([lo, hi]) => (lo === hi ? lit(lo) : `${lit(lo)}-${lit(hi)}`)).join('');

const SPACE_SET = ranges(SPACE);
const NON_SPACE_SET = ranges(complement(SPACE));
/** ECMAScript's `.` without the `s` flag: anything but a line terminator. */
const DOT = `[^${ranges([
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
])}]`;
const ANYTHING = ranges([[0, MAX_CODE_POINT]]);

/** Escapes that stand for a set of characters, spelled for RE2 inside and outside a class. */
const SETS_IN_CLASS: Record<string, string> = {
  d: '\\d',
  D: '\\D',
  w: '\\w',
  W: '\\W',
  s: SPACE_SET,
  S: NON_SPACE_SET,
};
const SETS_OUTSIDE: Record<string, string> = {
  ...SETS_IN_CLASS,
  b: '\\b',
  B: '\\B',
  s: `[${SPACE_SET}]`,
  S: `[^${SPACE_SET}]`,
};

const SIMPLE_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, 0: 0 };
const MAX_REPEAT = 1000;

/**
 * Translates `source`, or throws UnsupportedPattern. `ignoreCase` is ECMAScript's `i` flag
 * without `u`, for ASCII patterns only (the format checks of ajv-formats): RE2's own case
 * folding is Unicode's, under which `k` also matches the Kelvin sign.
 */
export function toRe2(source: string, { ignoreCase = false } = {}): string {
  let i = 0;

  const isLetter = (cp: number) => (cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a;
  const caseless = (cp: number, start: number) => {
    if (ignoreCase && cp > 0x7f)
      throw new UnsupportedPattern('a non-ASCII character in a case-insensitive pattern', start);
  };
  /** A literal outside a class. */
  const single = (cp: number, start: number) => {
    caseless(cp, start);
    return ignoreCase && isLetter(cp) ? `[${lit(cp | 0x20)}${lit(cp & ~0x20)}]` : lit(cp);
  };
  /** A range inside a class, with its other-case letters when ignoring case. */
  const span = (lo: number, hi: number, start: number) => {
    caseless(hi, start);
    let text = lo === hi ? lit(lo) : `${lit(lo)}-${lit(hi)}`;
    if (!ignoreCase) return text;
    for (const [from, to, shift] of [
      [0x61, 0x7a, -0x20],
      [0x41, 0x5a, 0x20],
    ] as const) {
      const a = Math.max(lo, from);
      const b = Math.min(hi, to);
      if (a <= b) text += a === b ? lit(a + shift) : `${lit(a + shift)}-${lit(b + shift)}`;
    }
    return text;
  };

  const hexRun = (from: number, len: number) => {
    const text = source.slice(from, from + len);
    return /^[0-9A-Fa-f]+$/.test(text) && text.length === len ? parseInt(text, 16) : null;
  };

  /** `\u` escapes; a surrogate pair written as two escapes is one code point in `u` mode. */
  const unicodeEscape = (start: number): number => {
    if (source[i] === '{') {
      const end = source.indexOf('}', i);
      const cp = parseInt(source.slice(i + 1, end), 16);
      i = end + 1;
      return cp;
    }
    const cp = hexRun(i, 4)!;
    i += 4;
    if (cp >= 0xd800 && cp <= 0xdbff && source.startsWith('\\u', i)) {
      const low = hexRun(i + 2, 4);
      if (low !== null && low >= 0xdc00 && low <= 0xdfff) {
        i += 6;
        return 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff)
      throw new UnsupportedPattern('a lone surrogate escape', start);
    return cp;
  };

  /** The code point of a character escape; `i` is just past the backslash. */
  const characterEscape = (start: number, inClass: boolean): number => {
    const c = source[i]!;
    i++;
    if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c]!;
    if (c === 'b' && inClass) return 8;
    if (c === 'c') return source.charCodeAt(i++) % 32;
    if (c === 'x') {
      i += 2;
      return hexRun(i - 2, 2)!;
    }
    if (c === 'u') return unicodeEscape(start);
    return c.codePointAt(0)!; // an escaped syntax character, or `-` in a class
  };

  /** `\p{…}` and `\P{…}`: the names both engines know, in RE2's spelling. */
  const property = (start: number): string => {
    const negated = source[i] === 'P';
    const end = source.indexOf('}', i);
    const body = source.slice(i + 2, end);
    i = end + 1;
    const [key, value] = body.includes('=') ? body.split('=') : [null, body];
    let name: string | null = null;
    if (key === null && /^[A-Z][a-z]?$/.test(value!)) name = value!;
    else if ((key === 'General_Category' || key === 'gc') && /^[A-Z][a-z]?$/.test(value!))
      name = value!;
    else if (key === 'Script' || key === 'sc') name = value!;
    else if (key === null && value === 'Any') name = 'Any';
    else if (key === null && value === 'ASCII')
      return negated ? '\\x{80}-\\x{10ffff}' : '\\x{0}-\\x{7f}';
    if (name === null || ignoreCase)
      throw new UnsupportedPattern(
        `the property \\p{${body}} (use a one- or two-letter category such as \\p{L} or \\p{Lu}, or Script=…)`,
        start,
      );
    return `\\${negated ? 'P' : 'p'}{${name}}`;
  };

  type Atom = { cp: number; dash?: boolean } | { set: string };

  const characterClass = (): string => {
    const classStart = i;
    i++; // [
    const negated = source[i] === '^';
    if (negated) i++;
    const atoms: Atom[] = [];
    while (source[i] !== ']') {
      const start = i;
      if (source[i] === '\\') {
        i++;
        const c = source[i]!;
        if (Object.hasOwn(SETS_IN_CLASS, c)) {
          atoms.push({ set: SETS_IN_CLASS[c]! });
          i++;
        } else if (c === 'p' || c === 'P') atoms.push({ set: property(start) });
        else atoms.push({ cp: characterEscape(start, true) });
      } else {
        const cp = source.codePointAt(i)!;
        i += cp > 0xffff ? 2 : 1;
        atoms.push(cp === 0x2d ? { cp, dash: true } : { cp });
      }
    }
    i++; // ]
    let body = '';
    for (let k = 0; k < atoms.length; k++) {
      const a = atoms[k]!;
      const b = atoms[k + 1];
      const c = atoms[k + 2];
      if (b && 'dash' in b && b.dash && c && 'cp' in a && 'cp' in c) {
        body += span(a.cp, c.cp, classStart);
        k += 2;
      } else body += 'cp' in a ? span(a.cp, a.cp, classStart) : a.set;
    }
    // `[]` matches nothing and `[^]` anything; RE2 has no empty class, so both are spelled out.
    if (body === '') return negated ? `[${ANYTHING}]` : `[^${ANYTHING}]`;
    return `[${negated ? '^' : ''}${body}]`;
  };

  const group = (): string => {
    const start = i;
    if (source[i + 1] !== '?') {
      i++;
      return '(';
    }
    const rest = source.slice(i + 2, i + 4);
    if (rest[0] === ':') {
      i += 3;
      return '(?:';
    }
    if (rest[0] === '=' || rest[0] === '!') throw new UnsupportedPattern('a lookahead', start);
    if (rest === '<=' || rest === '<!') throw new UnsupportedPattern('a lookbehind', start);
    if (rest[0] === '<') {
      // A named group: the name only matters to backreferences, which are refused anyway.
      i = source.indexOf('>', i) + 1;
      return '(';
    }
    throw new UnsupportedPattern('a group modifier', start);
  };

  const quantifier = (): string => {
    const end = source.indexOf('}', i);
    const text = source.slice(i, end + 1);
    if (text.match(/\d+/g)!.some((n) => Number(n) > MAX_REPEAT))
      throw new UnsupportedPattern(`a repeat count above ${MAX_REPEAT} (${text})`, i);
    i = end + 1;
    return text;
  };

  let out = '';
  while (i < source.length) {
    const c = source[i]!;
    const start = i;
    if (c === '\\') {
      i++;
      const e = source[i]!;
      if (Object.hasOwn(SETS_OUTSIDE, e)) {
        out += SETS_OUTSIDE[e];
        i++;
      } else if (e === 'p' || e === 'P') {
        const set = property(start);
        out += set.startsWith('\\') ? set : `[${set}]`;
      } else if (/[1-9]/.test(e) || e === 'k')
        throw new UnsupportedPattern('a backreference', start);
      else out += single(characterEscape(start, false), start);
    } else if (c === '[') out += characterClass();
    else if (c === '(') out += group();
    else if (c === '{') out += quantifier();
    else if (c === '.' || '^$|)*+?'.includes(c)) {
      out += c === '.' ? DOT : c;
      i++;
    } else {
      const cp = source.codePointAt(i)!;
      out += single(cp, start);
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return out;
}
