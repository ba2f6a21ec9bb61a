import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, type Pattern } from '../../src/core/pattern.js';

const compiled = (source: string): Pattern => {
  const c = compilePattern(source);
  if (!c.ok) throw new Error(`${source}: ${c.reason}`);
  return c.pattern;
};
const refusal = (source: string): string => {
  const c = compilePattern(source);
  if (c.ok) throw new Error(`${source} compiled`);
  return c.reason;
};

describe('policy patterns on the linear-time engine', () => {
  it('answers a catastrophic-backtracking pattern on a hostile input', () => {
    // On a backtracking engine each of these takes longer than the test timeout.
    const hostile = `${'a'.repeat(50_000)}!`;
    expect(compiled('^(a+)+$').test(hostile)).toBe(false);
    expect(compiled('^(a|a)*$').test(hostile)).toBe(false);
    expect(compiled('^(\\w+\\s?)*$').test(`${'word '.repeat(10_000)}!`)).toBe(false);
    expect(compiled('^(a+)+$').test('a'.repeat(50_000))).toBe(true);
  });

  it.each([
    ['(a)\\1', 'a backreference'],
    ['(?<x>a)\\k<x>', 'a backreference'],
    ['a(?=b)', 'a lookahead'],
    ['a(?!b)', 'a lookahead'],
    ['(?<=a)b', 'a lookbehind'],
    ['(?<!a)b', 'a lookbehind'],
    ['a{1001}', 'a repeat count above 1000'],
    ['\\p{Script_Extensions=Greek}', 'the property'],
    ['\\ud800', 'a lone surrogate escape'],
  ])('refuses %s: %s', (source, construct) => {
    expect(refusal(source)).toContain(`it uses ${construct}`);
  });

  it.each([['(a'], ['a{2,1}'], ['\\z'], ['(?i)a'], ['[[:alpha:]]x]'], ['\\Q.\\E']])(
    'refuses %s, which is not an ECMAScript regular expression (u mode)',
    (source) => {
      expect(refusal(source)).toMatch(/^it is not a valid regular expression/);
    },
  );

  it('keeps ECMAScript meanings where RE2 reads the same text differently', () => {
    // `.` excludes every line terminator, not only \n.
    for (const t of ['\r', '\u2028', '\u2029', '\n'])
      expect(compiled('^a.b$').test(`a${t}b`)).toBe(false);
    expect(compiled('^.$').test('😀')).toBe(true);
    // `\s` is Unicode white space, U+FEFF and \v included.
    for (const t of ['\u00a0', '\u3000', '\ufeff', '\v', '\u2028'])
      expect(compiled('^\\s$').test(t)).toBe(true);
    // `[` in a class is a character, so this is no POSIX class.
    expect(compiled('^[[:a]$').test(':')).toBe(true);
    expect(compiled('^[[:a]$').test('l')).toBe(false);
    // `\b` in a class is a backspace; `\u` escapes and surrogate pairs are code points.
    expect(compiled('^[\\b]$').test('\b')).toBe(true);
    expect(compiled('^\\u00e9\\uD83D\\uDE00\\u{1F600}$').test('é😀😀')).toBe(true);
    // Empty classes: `[]` matches nothing, `[^]` anything.
    expect(compiled('a[]?b').test('ab')).toBe(true);
    expect(compiled('^[^]$').test('\n')).toBe(true);
    // Unanchored, like RegExp.prototype.test; `$` is the end of the text, not of a line.
    expect(compiled('INC-[0-9]+').test('see INC-42 now')).toBe(true);
    expect(compiled('^INC$').test('INC\n')).toBe(false);
  });

  it('matches every code point of \\s, \\S and . exactly as ECMAScript does', () => {
    const space = compiled('^\\s$');
    const nonSpace = compiled('^[\\S]$');
    const dot = compiled('^.$');
    const points = [...Array(0x10000).keys(), 0x1f600, 0x10ffff];
    const differ = points.filter((cp) => {
      const c = String.fromCodePoint(cp);
      return (
        space.test(c) !== /^\s$/u.test(c) ||
        nonSpace.test(c) !== /^[\S]$/u.test(c) ||
        dot.test(c) !== /^.$/u.test(c)
      );
    });
    expect(differ).toEqual([]);
  });

  it('agrees with ECMAScript on random patterns and inputs', () => {
    const atom = fc.constantFrom(
      'a',
      'b',
      '-',
      '.',
      '\\s',
      '\\S',
      '\\d',
      '\\w',
      '\\W',
      '\\b',
      '\\n',
      '\\u00a0',
      '😀',
      '[ab]',
      '[^a]',
      '[a-c]',
      '[\\s-]',
      '[^\\S\\n]',
      '[--0]',
      '[\\d-]',
      '[]',
      '[^]',
      '\\.',
      '\\p{L}',
      '\\P{Lu}',
      '\\x41',
      '\\cJ',
    );
    const quant = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '*?', '+?');
    const piece = fc.tuple(atom, quant).map(([a, q]) => a + q);
    const seq = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    const pattern = fc
      .tuple(
        fc.constantFrom('', '^'),
        fc.array(seq, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('', '(', '(?:'),
        fc.constantFrom('', '$'),
      )
      .map(([start, alts, open, end]) =>
        open ? `${start}${open}${alts.join('|')})${end}` : `${start}${alts.join('|')}${end}`,
      );
    const text = fc
      .array(
        fc.constantFrom(
          'a',
          'b',
          'c',
          'A',
          '-',
          '0',
          ' ',
          '\n',
          '\r',
          '\u00a0',
          '\u2028',
          '😀',
          '\t',
          'é',
          '\n',
        ),
        {
          maxLength: 8,
        },
      )
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 6 }), (source, texts) => {
        const c = compilePattern(source);
        if (!c.ok) return; // a construct RE2 refuses; the refusals are tested above
        const js = new RegExp(source, 'u');
        for (const t of texts)
          expect([source, t, c.pattern.test(t)]).toEqual([source, t, js.test(t)]);
      }),
      { numRuns: 1000 },
    );
  });

  it('compiles a pattern once, however many roles use it', () => {
    expect(compilePattern('^(INC|CHG)-[0-9]+')).toBe(compilePattern('^(INC|CHG)-[0-9]+'));
  });
});
