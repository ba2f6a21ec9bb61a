import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGeneralYaml, parseStrictYaml } from '../../src/core/yaml.js';
import { plainMapping } from '../../src/core/yaml-plain.js';

const general = (text: string) => parseGeneralYaml('f.yaml', text);

describe('plainMapping: the plainest files, read without the general parser', () => {
  it('reads a grant file to the tree the general parser builds', () => {
    const text =
      '# a comment\n\nduration: 2h\nreason: INC-5 look at "slow" queries, then [report]\nticket:   INC-5\nstart: 2026-11-26T09:00:00Z';
    const tree = plainMapping(text);
    expect(tree).not.toBeNull();
    expect(general(text)).toEqual({ node: tree, problems: [] });
    expect(parseStrictYaml('f.yaml', text)).toEqual({ node: tree, problems: [] });
  });

  it.each([
    ['an indented line', 'a: b\n  c: d\n'],
    ['a quoted value', 'a: "b"\n'],
    ['a flow value', 'a: [b]\n'],
    ['a block scalar', 'a: |\n  b\n'],
    ['an anchor', 'a: &x b\n'],
    ['a comment after a value', 'a: b # c\n'],
    ['a nested mapping', 'a: b: c\n'],
    ['a duplicate key', 'a: b\na: c\n'],
    ['an empty value', 'a:\n'],
    ['a document marker', '---\na: b\n'],
    ['a carriage return', 'a: b\r\n'],
    ['a byte-order mark', '\ufeffa: b\n'],
    ['a bidirectional control', 'a: b\u202ec\n'],
    ['a trailing space', 'a: b \n'],
    ['nothing but comments', '# a\n'],
  ])('leaves %s to the general parser', (_what, text) => {
    expect(plainMapping(text)).toBeNull();
  });

  it('never reads a file differently from the general parser', () => {
    const chars = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...'aZ09 '.split('')) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          ...'_-:#,[]{}&*!|>\'"%@`~.=/\\;()+$^<?\t\r\u00e9\u202e'.split(''),
        ),
      },
    );
    const word = fc.array(chars, { maxLength: 8 }).map((c) => c.join(''));
    const key = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom('duration', 'reason', 'ticket', 'start', 'a-b', 'A_1', '0'),
      },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom('-a', '<<', '? a'), word) },
    );
    const colon = fc.oneof(
      { weight: 4, arbitrary: fc.constant(': ') },
      { weight: 1, arbitrary: fc.constantFrom(':  ', ':', ' : ', ':\t') },
    );
    const value = fc.oneof(
      fc.constantFrom('2h', 'INC-5', '2026-11-26T09:00:00Z', 'no', '~', 'null', '1e400'),
      fc.tuple(fc.constantFrom('', 'x', 'INC-', '7'), word).map(([a, b]) => a + b),
    );
    const line = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(key, colon, value) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('', '#', '  ', '---', '...', '- '), word) },
    );
    const file = fc
      .tuple(fc.array(line, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([lines, eol]) => lines.map((l) => l.join('')).join('\n') + (eol ? '\n' : ''));
    let read = 0;
    fc.assert(
      fc.property(file, (text) => {
        const tree = plainMapping(text);
        if (tree === null) return;
        read++;
        expect(general(text)).toEqual({ node: tree, problems: [] });
      }),
      { numRuns: 10000 },
    );
    // The comparison means something only if many files took the plain path.
    expect(read).toBeGreaterThan(1000);
  });
});
