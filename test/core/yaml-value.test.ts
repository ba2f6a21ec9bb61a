import { describe, expect, it } from 'vitest';
import { buildPolicySchema } from '../../src/core/policy/schema.js';
import { parseStrictYaml } from '../../src/core/yaml.js';
import { positionFor, toValue, type JsonSchema } from '../../src/core/yaml-value.js';
import { providerSchemas } from '../../src/providers/schemas.js';

const shippedPolicySchema = buildPolicySchema(providerSchemas);

const read = (text: string, schema?: JsonSchema) => {
  const parsed = parseStrictYaml('f.yaml', text);
  expect(parsed.problems).toEqual([]);
  return toValue(parsed.node!, schema);
};
const value = (text: string, schema?: JsonSchema) => read(text, schema).value;
/** One property `x` of the given schema, read from `x: <text>`. */
const x = (text: string, schema: JsonSchema) =>
  (value(`x: ${text}\n`, { type: 'object', properties: { x: schema } }) as { x: unknown }).x;

describe('toValue: where the schema says string, the text stays exactly as written', () => {
  const string = { type: 'string' };
  it.each([
    ['no', 'no'],
    ['yes', 'yes'],
    ['on', 'on'],
    ['off', 'off'],
    ['y', 'y'],
    ['true', 'true'],
    ['False', 'False'],
    ['null', 'null'],
    ['~', '~'],
    ['0777', '0777'],
    ['0o17', '0o17'],
    ['0x1F', '0x1F'],
    ['1e3', '1e3'],
    ['1_000', '1_000'],
    ['12', '12'],
    ['-0', '-0'],
    ['.inf', '.inf'],
    ['-.Inf', '-.Inf'],
    ['.nan', '.nan'],
    ['1:20', '1:20'],
    ['2026-11-26', '2026-11-26'],
    ['2026-11-26T09:00:00Z', '2026-11-26T09:00:00Z'],
    ['2026-11-26 09:00:00 +01:00', '2026-11-26 09:00:00 +01:00'],
    ['2h', '2h'],
    ['INC-4821 slow queries', 'INC-4821 slow queries'],
  ])('%s → %j', (text, expected) => {
    expect(x(text, string)).toBe(expected);
  });

  it('reads an empty plain value as null (the schema then says it must be a string)', () => {
    expect(x('', string)).toBeNull();
  });

  it('keeps quoted and block scalars as strings, whatever the schema', () => {
    expect(x('"12"', { type: 'integer' })).toBe('12');
    expect(x("'true'", { type: 'boolean' })).toBe('true');
    expect(x('""', { type: ['string', 'null'] })).toBe('');
    expect(x('|\n  12\n', { type: 'integer' })).toBe('12\n');
    expect(x('>-\n  a\n  b\n', { type: 'string' })).toBe('a b');
  });

  it('prefers the string reading when the schema accepts a string and something else', () => {
    expect(x('12', { type: ['string', 'integer'] })).toBe('12');
    expect(x('true', { anyOf: [{ type: 'boolean' }, { type: 'string' }] })).toBe('true');
    expect(x('12', { enum: ['a', 12] })).toBe('12');
  });
});

describe('toValue: other types only where the schema accepts them, written as JSON writes them', () => {
  it('reads JSON numbers where a number or integer is accepted', () => {
    expect(x('12', { type: 'integer' })).toBe(12);
    expect(x('-3.5', { type: 'number' })).toBe(-3.5);
    expect(x('1e3', { type: 'number' })).toBe(1000);
    expect(x('12', { enum: [12, 24] })).toBe(12);
    expect(x('12', { const: 12 })).toBe(12);
  });

  it('leaves YAML 1.1 and 1.2 number spellings as text, for the schema to refuse', () => {
    for (const text of [
      '0777',
      '0o17',
      '0x1F',
      '+1',
      '.5',
      '1.',
      '1_000',
      '.inf',
      '.nan',
      '1:20',
      '012',
    ]) {
      expect(x(text, { type: 'number' }), text).toBe(text);
    }
  });

  it('leaves numbers a double cannot hold as written as text', () => {
    expect(x('9007199254740993', { type: 'integer' })).toBe('9007199254740993');
    expect(x('9007199254740991', { type: 'integer' })).toBe(9007199254740991);
    expect(x('1e400', { type: 'number' })).toBe('1e400');
    expect(x('-1e400', { type: 'number' })).toBe('-1e400');
    expect(x('1.5e3', { type: 'number' })).toBe(1500);
  });

  it('reads only `true` and `false` as booleans', () => {
    expect(x('true', { type: 'boolean' })).toBe(true);
    expect(x('false', { type: 'boolean' })).toBe(false);
    for (const text of ['yes', 'no', 'on', 'off', 'True', 'FALSE', 'y', 'n']) {
      expect(x(text, { type: 'boolean' }), text).toBe(text);
    }
  });

  it('reads null, ~ and an empty value as null where null is accepted', () => {
    for (const text of ['null', '~', ''])
      expect(x(text, { type: ['integer', 'null'] }), text).toBeNull();
    expect(x('Null', { type: 'null' })).toBe('Null');
  });

  it('reads JSON-shaped scalars as JSON would where the schema says nothing', () => {
    expect(value('a: 12\nb: true\nc: null\nd: ~\ne:\nf: no\ng: 0777\nh: 2026-11-26\n')).toEqual({
      a: 12,
      b: true,
      c: null,
      d: null,
      e: null,
      f: 'no',
      g: '0777',
      h: '2026-11-26',
    });
  });
});

describe('toValue: finding the schema of each place', () => {
  it('follows properties, patternProperties, additionalProperties and items', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { s: { type: 'string' } },
      patternProperties: { '^n_': { type: 'integer' } },
      additionalProperties: { type: 'array', items: { type: 'string' } },
    };
    expect(value('s: 1\nn_a: 2\nother: [3, true]\n', schema)).toEqual({
      s: '1',
      n_a: 2,
      other: ['3', 'true'],
    });
  });

  it('skips a pattern that does not compile instead of throwing (the schema check reports it)', () => {
    const schema: JsonSchema = {
      type: 'object',
      patternProperties: { '(': { type: 'string' }, '^n': { type: 'integer' } },
    };
    expect(value('n1: 5\n', schema)).toEqual({ n1: 5 });
  });

  it('follows $ref into $defs', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { a: { $ref: '#/$defs/text' }, b: { $ref: '#/$defs/list' } },
      $defs: { text: { type: 'string' }, list: { type: 'array', items: { $ref: '#/$defs/text' } } },
    };
    expect(value('a: 10\nb: [no, 2]\n', schema)).toEqual({ a: '10', b: ['no', '2'] });
  });

  it('takes a property from any anyOf/oneOf/allOf branch, following $ref', () => {
    const schema: JsonSchema = {
      anyOf: [{ $ref: '#/$defs/one' }, { type: 'object', properties: { n: { type: 'integer' } } }],
      $defs: { one: { type: 'object', properties: { s: { type: 'string' } } } },
    };
    expect(value('s: 10\nn: 10\n', schema)).toEqual({ s: '10', n: 10 });
  });

  it('applies the `then` of an `if` only when the discriminator matches', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { type: { enum: ['a', 'b'] } },
      allOf: [
        {
          if: { properties: { type: { const: 'a' } }, required: ['type'] },
          then: { properties: { v: { type: 'string' } } },
        },
        {
          if: { properties: { type: { const: 'b' } }, required: ['type'] },
          then: { properties: { v: { type: 'integer' } } },
        },
      ],
    };
    expect(value('type: a\nv: 10\n', schema)).toEqual({ type: 'a', v: '10' });
    expect(value('type: b\nv: 10\n', schema)).toEqual({ type: 'b', v: 10 });
    // Without a type neither branch applies: untyped, so JSON-shaped.
    expect(value('v: 10\n', schema)).toEqual({ v: 10 });
  });

  it('visits a schema whose branches refer to each other once, not once per path', () => {
    const branchy = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [
        `s${i}`,
        { anyOf: [{ $ref: `#/$defs/s${i + 1}` }, { $ref: `#/$defs/s${i + 1}` }] },
      ]),
    );
    const schema: JsonSchema = {
      type: 'object',
      additionalProperties: { $ref: '#/$defs/s0' },
      $defs: { ...branchy, s20: { type: 'string' } },
    };
    const started = performance.now();
    expect(
      value(Array.from({ length: 200 }, (_, i) => `k${i}: 1\n`).join(''), schema),
    ).toMatchObject({ k0: '1', k199: '1' });
    expect(performance.now() - started).toBeLessThan(1_000);
  }, 5_000);

  it('decides `if` by looking keys up, so a mapping of many keys reads in linear time', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `    k${i}: v\n`).join('');
    const started = performance.now();
    const policy = value(`providers:\n  p:\n${keys}    type: postgres\n`, shippedPolicySchema) as {
      providers: { p: Record<string, unknown> };
    };
    expect(Object.keys(policy.providers.p)).toHaveLength(20_001);
    expect(performance.now() - started).toBeLessThan(2_000);
  }, 5_000);

  it('types provider settings by their provider type in the policy schema', () => {
    // A provider's settings sit behind `allOf: [{ if: type, then: { $ref } }]`: before this was
    // followed, `description: 2024` became a number and failed as "must be a string".
    const policy = value(
      'providers:\n  cmd:\n    type: command\n    description: 2024\n    command: [./bin/access, 0777]\n    timeout: 60\n    native_expiry: true\n  db:\n    type: postgres\n    description: no\n    connection_env: DB_URL\n',
      shippedPolicySchema,
    ) as { providers: Record<string, Record<string, unknown>> };
    expect(policy.providers.cmd).toMatchObject({
      description: '2024',
      command: ['./bin/access', '0777'],
      timeout: '60',
    });
    expect(policy.providers.db).toEqual({
      type: 'postgres',
      description: 'no',
      connection_env: 'DB_URL',
    });
  });

  it('types role keys of the policy schema: integers, strings, and free-form params', () => {
    const policy = value(
      'roles:\n  r:\n    description: 0777\n    max_duration: 8h\n    approvals: 2\n    reason: { min_length: 15, pattern: 123 }\n    ticket: optional\n    params: { type: object, properties: { rows: { maximum: 10 } } }\n',
      shippedPolicySchema,
    ) as { roles: { r: Record<string, unknown> } };
    expect(policy.roles.r).toEqual({
      description: '0777',
      max_duration: '8h',
      approvals: 2,
      reason: { min_length: 15, pattern: '123' },
      ticket: 'optional',
      params: { type: 'object', properties: { rows: { maximum: 10 } } },
    });
  });
});

describe('toValue: keys', () => {
  it('keeps __proto__ and constructor as own, ordinary keys', () => {
    const v = value(
      '__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n',
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toEqual({ polluted: true });
    expect((v as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('does not take a property schema from Object.prototype', () => {
    expect(
      value('constructor: 12\ntoString: 12\n', {
        type: 'object',
        properties: { a: { type: 'string' } },
      }),
    ).toEqual({
      constructor: 12,
      toString: 12,
    });
  });
});

describe('positions', () => {
  it('records where each value and key is, by JSON Pointer (with ~ and / escaped)', () => {
    const { positions } = read('a:\n  - x\n  - {b: 1}\n"c/d~e": 2\n');
    expect(positions.value.get('')).toEqual({ line: 1, column: 1 });
    expect(positions.value.get('/a/0')).toEqual({ line: 2, column: 5 });
    expect(positions.value.get('/a/1/b')).toEqual({ line: 3, column: 9 });
    expect(positions.key.get('/a/1/b')).toEqual({ line: 3, column: 6 });
    expect(positions.key.get('/c~1d~0e')).toEqual({ line: 4, column: 1 });
  });

  it('finds the closest known position, preferring a key when one is named', () => {
    const { positions } = read('a:\n  b: 1\n');
    expect(positionFor(positions, '/a/b')).toEqual({ line: 2, column: 6 });
    expect(positionFor(positions, '/a', 'b')).toEqual({ line: 2, column: 3 });
    expect(positionFor(positions, '/a/zzz/deeper')).toEqual({ line: 2, column: 3 });
    expect(positionFor(positions, '/nothing')).toEqual({ line: 1, column: 1 });
  });
});
