import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/problem.js';
import { MAX_FILE_PROBLEMS, parseStrictYaml, type YNode } from '../../src/core/yaml.js';

const parse = (text: string, maxBytes?: number) =>
  parseStrictYaml('f.yaml', text, maxBytes === undefined ? {} : { maxBytes });
/** Problems as [code, line, column], the part a test can state exactly. */
const where = (text: string) =>
  parse(text).problems.map((p: Problem) => [p.code, p.line, p.column ?? null]);
const node = (text: string): YNode => {
  const r = parse(text);
  expect(r.problems).toEqual([]);
  return r.node!;
};

describe('parseStrictYaml: the tree', () => {
  it('keeps scalars as source text with their style and position', () => {
    expect(node('a: 1\nb: "x"\nc: |\n  two\n  lines\nd: [no, ~]\n')).toEqual({
      kind: 'map',
      pos: { line: 1, column: 1 },
      entries: [
        {
          key: 'a',
          keyPos: { line: 1, column: 1 },
          value: { kind: 'scalar', pos: { line: 1, column: 4 }, text: '1', plain: true },
        },
        {
          key: 'b',
          keyPos: { line: 2, column: 1 },
          value: { kind: 'scalar', pos: { line: 2, column: 4 }, text: 'x', plain: false },
        },
        {
          key: 'c',
          keyPos: { line: 3, column: 1 },
          value: {
            kind: 'scalar',
            pos: { line: 4, column: 1 },
            text: 'two\nlines\n',
            plain: false,
          },
        },
        {
          key: 'd',
          keyPos: { line: 6, column: 1 },
          value: {
            kind: 'seq',
            pos: { line: 6, column: 4 },
            items: [
              { kind: 'scalar', pos: { line: 6, column: 5 }, text: 'no', plain: true },
              { kind: 'scalar', pos: { line: 6, column: 9 }, text: '~', plain: true },
            ],
          },
        },
      ],
    });
  });

  it('places a quoted value on its opening quote', () => {
    const n = node("a: 'x'\n'b': \"y\"\n");
    expect(n.kind === 'map' && n.entries.map((e) => [e.keyPos, e.value.pos])).toEqual([
      [
        { line: 1, column: 1 },
        { line: 1, column: 4 },
      ],
      [
        { line: 2, column: 1 },
        { line: 2, column: 6 },
      ],
    ]);
  });

  it('places an empty value where its key is, and an empty list item where its list is', () => {
    const n = node('a: 1\nreason:\nlist:\n  -\n  - x\n');
    expect(n.kind === 'map' && n.entries[1]!.value).toEqual({
      kind: 'scalar',
      pos: { line: 2, column: 1 },
      text: '',
      plain: true,
    });
    const list = n.kind === 'map' ? n.entries[2]!.value : null;
    expect(list?.kind === 'seq' && list.items[0]!.pos).toEqual({ line: 4, column: 3 });
  });

  it('decodes escapes in quoted scalars and keys', () => {
    const n = node('"\\x61b": "tab\\there"\n');
    expect(n.kind === 'map' && [n.entries[0]!.key, n.entries[0]!.value]).toEqual([
      'ab',
      { kind: 'scalar', pos: { line: 1, column: 10 }, text: 'tab\there', plain: false },
    ]);
  });

  it('reads an empty file, a comment-only file and a lone `---` as no document', () => {
    for (const text of ['', '\n\n', '# only\n# comments\n', '---\n', '# c\n---\n...\n']) {
      expect(parse(text), JSON.stringify(text)).toEqual({ node: null, problems: [] });
    }
  });

  it('keeps a root that is not a mapping (the schema refuses it, with its line)', () => {
    expect(node('- a\n').kind).toBe('seq');
    expect(node('hello\n')).toEqual({
      kind: 'scalar',
      pos: { line: 1, column: 1 },
      text: 'hello',
      plain: true,
    });
  });

  it('accepts one document with explicit start and end markers', () => {
    expect(node('---\na: 1\n...\n# trailing comment\n').kind).toBe('map');
  });

  it('counts lines the way YAML does: LF, CRLF and a lone CR', () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      const n = node(`a: 1${nl}b: x${nl}c: y${nl}`);
      expect(
        n.kind === 'map' &&
          n.entries.map((e) => [e.keyPos.line, e.value.kind === 'scalar' && e.value.text]),
      ).toEqual([
        [1, '1'],
        [2, 'x'],
        [3, 'y'],
      ]);
    }
  });

  it('does not count a byte-order mark as a column', () => {
    const n = node('\ufeffa: 1\nb: 2\n');
    expect(n.kind === 'map' && n.entries.map((e) => e.keyPos)).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
    ]);
    expect(where('\ufeffa: !!str 1\n')).toEqual([['E_YAML_TAG', 1, 4]]);
  });

  it('keeps __proto__ and constructor as ordinary keys', () => {
    const n = node('__proto__: 1\nconstructor: 2\n');
    expect(n.kind === 'map' && n.entries.map((e) => e.key)).toEqual(['__proto__', 'constructor']);
  });
});

describe('parseStrictYaml: what it refuses', () => {
  it('refuses anchors and aliases, each where it is written', () => {
    expect(where('a: &x 1\nb: *x\n')).toEqual([
      ['E_YAML_ANCHOR', 1, 4],
      ['E_YAML_ALIAS', 2, 4],
    ]);
    expect(where('- &x\n- *x\n')).toEqual([
      ['E_YAML_ANCHOR', 1, 3],
      ['E_YAML_ALIAS', 2, 3],
    ]);
  });

  it('refuses every explicit tag, even !!str, and names it', () => {
    for (const [text, tag, column] of [
      ['a: !!str x\n', '!!str', 4],
      ['a: !local x\n', '!local', 4],
      ['a: !<tag:yaml.org,2002:int> 1\n', '!<tag:yaml.org,2002:int>', 4],
      ['a: ! x\n', '!', 4],
      ['a: !!map {}\n', '!!map', 4],
      ['--- !!map\na: 1\n', '!!map', 5],
    ] as const) {
      const { problems } = parse(text);
      expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([['E_YAML_TAG', 1, column]]);
      expect(problems[0]!.message).toContain(JSON.stringify(tag));
    }
  });

  it('refuses a tag that does not even parse as a tag, at its `!`, with a one-line message', () => {
    expect(where('a: 1\nb: !e!thing x\n')).toEqual([['E_YAML_TAG', 2, 4]]);
    expect(where('a: !foo{x} 1\n')).toEqual([['E_YAML_TAG', 1, 4]]);
    const { problems } = parse('a: [1, !<x\u0007\u2028y> 1]\n');
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([['E_YAML_TAG', 1, 8]]);
    expect(problems[0]!.message).not.toMatch(/[\p{Cc}\u2028]/u);
  });

  it('places a refused tag that ends its line on its `!`, not past the end of the line', () => {
    for (const [text, line, column] of [
      ['a: !e!\n', 1, 4],
      ['a: !e!', 1, 4],
      ['a: !e!x\n', 1, 4],
      ['a: !e!\r\nb: 1\n', 1, 4],
      ['a: !e!\rb: 1\n', 1, 4],
      ['- !e!\nb: 1\n', 1, 3],
      ['a: !x!\n  b\n', 1, 4],
      ['a: 1\nb: !<\n', 2, 4],
      ['a: !<x\r\n', 1, 4],
    ] as const) {
      expect(where(text), JSON.stringify(text)).toEqual([['E_YAML_TAG', line, column]]);
    }
  });

  it('refuses directives at the head of the file, known or not, with or without `---`', () => {
    expect(where('%YAML 1.1\n---\na: no\n')).toEqual([['E_YAML_DIRECTIVE', 1, 1]]);
    expect(where('%YAML 1.2\na: 1\n')).toEqual([['E_YAML_DIRECTIVE', 1, 1]]);
    expect(where('%YAML 2.0\n---\na: 1\n')).toEqual([['E_YAML_DIRECTIVE', 1, 1]]);
    expect(where('# header\n\n%FOO bar\n%TAG ! tag:x,2000:\n---\na: 1\n')).toEqual([
      ['E_YAML_DIRECTIVE', 3, 1],
    ]);
    expect(where('\ufeff%YAML 1.1\n---\na: 1\n')).toEqual([['E_YAML_DIRECTIVE', 1, 1]]);
    expect(parse('%TAG !e! tag:x,2000:\n---\na: 1\n').problems[0]!.message).toContain(
      '"%TAG !e! tag:x,2000:"',
    );
  });

  it('finds a directive after a leading end marker, where js-yaml would still apply it', () => {
    expect(where('# c\n...\n%YAML 1.1\n---\na: no\n')).toEqual([['E_YAML_DIRECTIVE', 3, 1]]);
  });

  it('does not mistake a `%` inside content for a directive', () => {
    expect(node('a: "%YAML 1.1"\nb: |\n  %not a directive\n').kind).toBe('map');
  });

  it('refuses plain merge keys but not a quoted "<<" key', () => {
    expect(where('a:\n  <<: {b: 1}\n')).toEqual([['E_YAML_MERGE_KEY', 2, 3]]);
    expect(where('{<<: {b: 1}}\n')).toEqual([['E_YAML_MERGE_KEY', 1, 2]]);
    const n = node('"<<": 1\n');
    expect(n.kind === 'map' && n.entries[0]!.key).toBe('<<');
  });

  it('refuses a second document, placed on its `---`, or on its first node after `...`', () => {
    expect(where('a: 1\n---\nb: 2\n')).toEqual([['E_YAML_MULTIPLE_DOCUMENTS', 2, 1]]);
    expect(where('---\na: 1\n--- # again\nb: 2\n')).toEqual([['E_YAML_MULTIPLE_DOCUMENTS', 3, 1]]);
    expect(where('a: 1\n...\n\nb: 2\n')).toEqual([['E_YAML_MULTIPLE_DOCUMENTS', 4, 1]]);
    expect(where('a: 1\n---\n')).toEqual([['E_YAML_MULTIPLE_DOCUMENTS', 2, 1]]);
  });

  it('reads nothing past the second document', () => {
    expect(where('a: 1\n---\nb: &x 2\n---\nc: *x\n')).toEqual([
      ['E_YAML_MULTIPLE_DOCUMENTS', 2, 1],
    ]);
  });

  it('refuses duplicate keys however they are spelled, on the later one', () => {
    expect(where('a: 1\nb: 2\na: 3\n')).toEqual([['E_YAML_DUPLICATE_KEY', 3, 1]]);
    expect(where('a: 1\n\'a\': 2\n"a": 3\n')).toEqual([
      ['E_YAML_DUPLICATE_KEY', 2, 1],
      ['E_YAML_DUPLICATE_KEY', 3, 1],
    ]);
    expect(where('p:\n  x: 1\n  "\\x78": 2\n')).toEqual([['E_YAML_DUPLICATE_KEY', 3, 3]]);
    expect(parse('a: 1\na: 2\n').problems[0]!.message).toContain('first on line 1');
  });

  it('places a duplicate empty key on the later one, block or flow, explicit or not', () => {
    expect(where(':\n:\n')).toEqual([['E_YAML_DUPLICATE_KEY', 2, 1]]);
    expect(where('x: 1\n? \n: 1\n? \n: 2\n')).toEqual([['E_YAML_DUPLICATE_KEY', 4, 1]]);
    expect(where('a:\n  :\n  # :\n  :\n')).toEqual([['E_YAML_DUPLICATE_KEY', 4, 3]]);
    expect(where('a: "x" # c\n:\n:\n')).toEqual([['E_YAML_DUPLICATE_KEY', 3, 1]]);
    expect(where('a: |\n  b\n:\n:\n')).toEqual([['E_YAML_DUPLICATE_KEY', 4, 1]]);
    expect(where('{: 1, : 2}\n')).toEqual([['E_YAML_DUPLICATE_KEY', 1, 7]]);
    expect(where('- :\n  :\n')).toEqual([['E_YAML_DUPLICATE_KEY', 2, 3]]);
    expect(where('"": 1\n:\n')).toEqual([['E_YAML_DUPLICATE_KEY', 2, 1]]);
    expect(parse('x: 1\n:\n:\n').problems[0]!.message).toContain('first on line 2');
  });

  it('refuses keys with invisible characters, naming the character without printing it', () => {
    expect(where('schema: orders\nschema\u200b: billing\n')).toEqual([
      ['E_YAML_INVISIBLE_CHARACTER', 2, 1],
    ]);
    expect(where('"a\\tb": 1\n')).toEqual([['E_YAML_INVISIBLE_CHARACTER', 1, 1]]);
    expect(where('\ufeff\ufeffa: 1\n')).toEqual([['E_YAML_INVISIBLE_CHARACTER', 1, 1]]);
    const { message } = parse('p:\n  a\u00ad: 1\n').problems[0]!;
    expect(message).toContain('"a\\u00ad"');
    expect(message).toContain('U+00AD');
    expect(message).not.toMatch(/\p{Cf}/u);
  });

  it('refuses bidirectional controls anywhere, but not right-to-left text', () => {
    expect(where('a: x\nreason: y \u202eh8\u202c\n')).toEqual([
      ['E_YAML_INVISIBLE_CHARACTER', 2, 11],
      ['E_YAML_INVISIBLE_CHARACTER', 2, 14],
    ]);
    expect(where('# \u2066comment\u2069\na: 1\n')).toEqual([
      ['E_YAML_INVISIBLE_CHARACTER', 1, 3],
      ['E_YAML_INVISIBLE_CHARACTER', 1, 11],
    ]);
    expect(
      parse('reason: \u05e9\u05dc\u05d5\u05dd, \u0645\u0631\u062d\u0628\u0627\n').problems,
    ).toEqual([]);
  });

  it('refuses lists and mappings as keys', () => {
    expect(where('? [a, b]\n: 1\n')).toEqual([['E_YAML_COMPLEX_KEY', 1, 3]]);
    expect(where('x:\n  ? {a: 1}\n  : 1\n')).toEqual([['E_YAML_COMPLEX_KEY', 2, 5]]);
    expect(where('{[a]: 1}\n')).toEqual([['E_YAML_COMPLEX_KEY', 1, 2]]);
  });

  it('refuses nesting past 32 levels, block or flow', () => {
    let ok = '';
    for (let d = 0; d < 31; d++) ok += `${' '.repeat(d)}k:\n`;
    expect(parse(ok).problems).toEqual([]);
    let deep = '';
    for (let d = 0; d < 40; d++) deep += `${' '.repeat(d)}k:\n`;
    expect(where(deep)).toEqual([['E_YAML_TOO_DEEP', 32, 32]]);
    expect(where(`a: ${'['.repeat(40)}${']'.repeat(40)}\n`)).toEqual([['E_YAML_TOO_DEEP', 1, 35]]);
  });

  it("reports syntax errors with js-yaml's reason and position", () => {
    expect(where('a:\n  b: 1\n c: 2\n')).toEqual([['E_YAML_SYNTAX', 3, 2]]);
    expect(where('a:\n\tb: 1\n')).toEqual([['E_YAML_SYNTAX', 2, 1]]);
    expect(where('a: "open\nb: 1\n')).toEqual([['E_YAML_SYNTAX', 2, 1]]);
    expect(where('a: 1\u0000\n')).toEqual([['E_YAML_SYNTAX', 1, 5]]);
    const { problems } = parse('a:\n\tb: 1\n');
    expect(problems[0]!.message).toMatch(/^This is not valid YAML: tab characters/);
  });

  it('returns no tree when anything is wrong, and every problem at once', () => {
    const r = parse('a: &x 1\nb: !!str 2\nc: 3\nc: 4\n');
    expect(r.node).toBeNull();
    expect(r.problems.map((p) => p.code)).toEqual([
      'E_YAML_ANCHOR',
      'E_YAML_TAG',
      'E_YAML_DUPLICATE_KEY',
    ]);
    expect(r.problems.every((p) => p.path === 'f.yaml')).toBe(true);
  });

  it(`stops listing problems after ${MAX_FILE_PROBLEMS} and says how many more`, () => {
    const text = Array.from({ length: 50 }, (_, i) => `k${i}: &a${i} v\n`).join('');
    const { problems } = parse(text);
    expect(problems).toHaveLength(MAX_FILE_PROBLEMS + 1);
    expect(problems.slice(0, MAX_FILE_PROBLEMS).every((p) => p.code === 'E_YAML_ANCHOR')).toBe(
      true,
    );
    expect(problems[MAX_FILE_PROBLEMS]).toMatchObject({
      code: 'E_TOO_MANY_PROBLEMS',
      line: null,
    });
    expect(problems[MAX_FILE_PROBLEMS]!.message).toContain('30 more');
  });
});

describe('parseStrictYaml: size', () => {
  it('counts UTF-8 bytes, not characters', () => {
    const text = 'a: éé\n'; // 8 bytes, 6 characters
    expect(parse(text, 8).problems).toEqual([]);
    expect(parse(text, 7).problems.map((p) => [p.code, p.line])).toEqual([
      ['E_FILE_TOO_LARGE', null],
    ]);
    expect(parse('a: 😀\n', 8).problems).toEqual([]); // a surrogate pair is 4 bytes
    expect(parse('a: 😀\n', 7).problems.map((p) => p.code)).toEqual(['E_FILE_TOO_LARGE']);
  });

  it('reads a file of nothing but directives in linear time', () => {
    // About a second here on a busy machine; blanking the lines one by one (quadratic) would copy
    // the 900 KB text 300,000 times, far past this bound however fast the machine.
    const started = performance.now();
    const r = parse('%x\n'.repeat(300_000));
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([['E_YAML_DIRECTIVE', 1]]);
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('refuses an oversized input without parsing it', () => {
    const started = performance.now();
    const r = parse(`a: [${'['.repeat(10_000_000)}`, 1024);
    expect(r.problems.map((p) => p.code)).toEqual(['E_FILE_TOO_LARGE']);
    expect(r.problems[0]!.message).toContain('1024 bytes');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
