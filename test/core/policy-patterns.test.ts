import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { parseGrantFile } from '../../src/core/grant.js';
import { loadPolicies } from '../../src/core/policy/load.js';
import { KEYWORDS } from '../../src/core/policy/params.js';
import type { FileChange } from '../../src/core/request/types.js';
import { validateRequest } from '../../src/core/request/validate.js';
import { checkSchema } from '../../src/core/schema-check.js';
import { providerSchemas } from '../../src/providers/schemas.js';
import { Ajv2020 } from 'ajv/dist/2020.js';

/**
 * Patterns a policy writes run on the linear-time engine, from reason and ticket rules to
 * params schemas (`pattern`, `patternProperties`, formats): one the engine cannot run is a
 * policy error at its line, and a hostile request against a catastrophic pattern is answered.
 */
const people = {
  path: 'policies/people.yaml',
  text: "admins: ['@acme/security']\ngroups:\n  dba: ['@acme/db-admins', carol, dave]\n",
};
const provider = {
  path: 'policies/db.yaml',
  text: 'providers:\n  db:\n    type: postgres\n    connection_env: DB_URL\n',
};
const BASE_ROLE =
  'description: Read\nprovider: db\ngrant: { role: db_read }\nmax_duration: 8h\nrequesters: [dba]\napprovers: [dba]\napprovals: 1';
/** policies/roles.yaml with one role `db-read`: its own keys start on line 3. */
const role = (body: string) => ({
  path: 'policies/roles.yaml',
  text: `roles:\n  db-read:\n${`${BASE_ROLE}\n${body}`.replace(/^/gm, '    ')}\n`,
});
const load = (body: string) => loadPolicies([people, provider, role(body)], providerSchemas);

describe('a pattern the linear-time engine cannot run is a policy error at its line', () => {
  const cases: [string, string, string, number, RegExp][] = [
    [
      'a reason pattern with a lookahead',
      "reason:\n  min_length: 10\n  pattern: '^(?=INC)INC-[0-9]+'",
      'E_POLICY_PATTERN',
      12,
      /reason pattern "\^\(\?=INC\)INC-\[0-9\]\+" of role "db-read" cannot be used: it uses a lookahead \(at character 2\)/,
    ],
    [
      'a ticket pattern with a backreference',
      "ticket: { mode: required, pattern: '^(INC)-\\1$' }",
      'E_POLICY_PATTERN',
      10,
      /it uses a backreference/,
    ],
    [
      'a params pattern with a lookbehind, deep in the schema',
      "params:\n  type: object\n  properties:\n    table:\n      type: string\n      pattern: '(?<!pg_)catalog'",
      'E_POLICY_PATTERN',
      15,
      /params schema of role "db-read" has the pattern "\(\?<!pg_\)catalog".*a lookbehind/,
    ],
    [
      'a patternProperties key with a backreference',
      "params:\n  type: object\n  patternProperties:\n    '^(x)\\1$': { type: string }",
      'E_POLICY_PATTERN',
      13,
      /has the pattern "\^\(x\)\\\\1\$".*a backreference/,
    ],
    [
      'a propertyNames pattern with a lookahead',
      "params:\n  type: object\n  propertyNames: { pattern: '^(?!pg_)' }",
      'E_POLICY_PATTERN',
      12,
      /a lookahead/,
    ],
    [
      'a repeat count RE2 refuses',
      "reason: { pattern: 'a{2000}' }",
      'E_POLICY_PATTERN',
      10,
      /a repeat count above 1000/,
    ],
    [
      'a pattern that is no regular expression at all',
      "reason: { pattern: '(?P<x>a)' }",
      'E_POLICY_PATTERN',
      10,
      /not a valid regular expression/,
    ],
    [
      'a format grantops does not run in bounded time',
      'params:\n  type: object\n  properties:\n    link: { type: string, format: uri }',
      'E_POLICY_PARAMS_SCHEMA',
      13,
      /uses the format "uri", which grantops does not check\. Formats: binary, date,/,
    ],
    [
      'an asynchronous params schema (its check would always pass)',
      'params:\n  type: object\n  $async: true',
      'E_POLICY_PARAMS_SCHEMA',
      12,
      /keyword "\$async".*remove `\$async`/,
    ],
    [
      'a misspelt keyword',
      'params:\n  type: object\n  properties:\n    schema: { type: string, maxLenght: 10 }',
      'E_POLICY_PARAMS_SCHEMA',
      13,
      /keyword "maxLenght", which is not allowed.*check the spelling/,
    ],
    [
      'a $ref out of the schema',
      "params:\n  type: object\n  properties:\n    schema: { $ref: 'https://example.com/schema.json' }",
      'E_POLICY_PARAMS_SCHEMA',
      13,
      /refers to "https:\/\/example\.com\/schema\.json".*may only point inside it/,
    ],
    [
      'a schema the meta-schema refuses',
      'params:\n  type: object\n  properties:\n    schema:\n      type: strng',
      'E_POLICY_PARAMS_SCHEMA',
      14,
      /is not a valid JSON Schema: `\/properties\/schema\/type` must be equal to one of the allowed values \(array, boolean, integer/,
    ],
  ];
  it.each(cases)('%s', (_name, body, code, line, says) => {
    const { problems } = load(body);
    expect(problems.map((p) => [p.path, p.line, p.code])).toEqual([
      ['policies/roles.yaml', line, code],
    ]);
    expect(problems[0]!.message).toMatch(says);
  });

  it('reports every bad pattern of a schema at once', () => {
    const { problems } = load(
      "params:\n  type: object\n  properties:\n    a: { type: string, pattern: '(?=a)' }\n    b: { type: string, pattern: '(b)\\1' }",
    );
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['E_POLICY_PATTERN', 13],
      ['E_POLICY_PATTERN', 14],
    ]);
  });

  it('reads keys named like keywords as names, and data as data', () => {
    const { problems } = load(
      "params:\n  type: object\n  properties:\n    pattern: { type: string }\n    format: { enum: ['(?=x)'] }\n  examples: [{ pattern: '(?=x)' }]",
    );
    expect(problems).toEqual([]);
  });

  it('knows the keywords ajv knows, less those of other drafts and `$async`', () => {
    const ajv = new Ajv2020();
    const known = Object.keys((ajv as unknown as { RULES: { keywords: object } }).RULES.keywords);
    expect(known.filter((k) => !KEYWORDS.has(k)).sort()).toEqual([
      '$async',
      '$recursiveAnchor',
      '$recursiveRef',
      'dependencies',
      'id',
      'nullable',
    ]);
    expect([...KEYWORDS].filter((k) => !known.includes(k))).toEqual([]);
  });
});

describe('params schemas are compiled when a grant of the role is first checked', () => {
  it('reports what only compiling finds as a policy error at the role, not a crash', () => {
    // Valid JSON Schema, refused by ajv's strict mode: minLength without `type: string`.
    const { policy, problems } = load(
      'params:\n  type: object\n  properties:\n    schema: { minLength: 1 }',
    );
    expect(problems).toEqual([]);
    const params = policy.roles.get('db-read')!.params!;
    let error: unknown;
    try {
      checkSchema(params, { schema: 'orders' }, 'grants/db-read/carol.yaml', {
        value: new Map(),
        key: new Map(),
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('E_POLICY_INVALID');
    expect((error as ConfigError).problems).toEqual([
      expect.objectContaining({
        path: 'policies/roles.yaml',
        line: 10,
        code: 'E_POLICY_PARAMS_SCHEMA',
        message: expect.stringMatching(
          /^The params schema of role "db-read" cannot be compiled: strict mode: missing type "string" for keyword "minLength"/,
        ),
      }),
    ]);
  });
});

const NOW = new Date('2026-11-25T12:00:00Z');
const request = (text: string): FileChange => ({
  path: 'grants/db-read/carol.yaml',
  status: 'added',
  oldMode: '000000',
  newMode: '100644',
  size: Buffer.byteLength(text),
  text,
});
const decide = (policyBody: string, grant: string) => {
  const { policy, problems } = load(policyBody);
  expect(problems).toEqual([]);
  return validateRequest({
    author: 'carol',
    changes: [request(grant)],
    policy,
    teams: new Map(),
    now: NOW,
  });
};

describe('a hostile request against a catastrophic pattern is answered', () => {
  // On a backtracking engine each of these would run for longer than the universe has.
  const CATASTROPHIC = "'^(a+)+$'";
  const hostile = `${'a'.repeat(400)}!`;

  it('in the reason and the ticket', () => {
    const d = decide(
      `reason: { pattern: ${CATASTROPHIC} }\nticket: { mode: required, pattern: ${CATASTROPHIC} }`,
      `duration: 1h\nreason: ${hostile}\nticket: ${'a'.repeat(90)}!\n`,
    );
    expect(d.valid).toBe(false);
    expect(d.problems.map((p) => p.code)).toEqual(['E_REASON_PATTERN', 'E_TICKET_PATTERN']);
  });

  it('in params values, params keys and property names', () => {
    const d = decide(
      `params:\n  type: object\n  properties:\n    table: { type: string, pattern: ${CATASTROPHIC} }\n  patternProperties:\n    '^(b+)+$': { type: string }\n  propertyNames: { pattern: '^((a|b|t|l|e)+)+$' }\n  additionalProperties: false`,
      `duration: 1h\nreason: fixing a slow query\nparams:\n  table: ${'a'.repeat(5_000)}!\n  ${'b'.repeat(3_000)}!: x\n  ${'ab'.repeat(1_500)}!: y\n`,
    );
    expect(d.valid).toBe(false);
    expect(d.problems.map((p) => [p.code, p.line])).toEqual([
      ['E_PARAMS_SCHEMA', 5],
      ['E_PARAMS_SCHEMA', 6],
      ['E_PARAMS_UNKNOWN_KEY', 5],
      ['E_PARAMS_UNKNOWN_KEY', 6],
      ['E_PARAMS_SCHEMA', 4],
    ]);
    expect(d.problems[0]!.message).toContain('names must match ^((a|b|t|l|e)+)+$');
    expect(d.problems[4]!.message).toContain('`params.table` must match pattern "^(a+)+$"');
  });

  it('accepts what the same patterns accept', () => {
    const d = decide(
      `reason: { pattern: ${CATASTROPHIC} }\nparams:\n  type: object\n  properties:\n    table: { type: string, pattern: ${CATASTROPHIC} }`,
      `duration: 1h\nreason: ${'a'.repeat(400)}\nparams:\n  table: ${'a'.repeat(5_000)}\n`,
    );
    expect(d.problems).toEqual([]);
    expect(d.valid).toBe(true);
  });
});

describe('params formats', () => {
  const formats = `params:
  type: object
  properties:
    host: { type: string, format: hostname }
    span: { type: string, format: duration }
    mail: { type: string, format: email }
    id: { type: string, format: uuid }
    day: { type: string, format: date }
    rx: { type: string, format: regex }
  additionalProperties: false`;
  const { policy, problems } = load(formats);
  const params = policy.roles.get('db-read')!.params!;
  const fits = (value: Record<string, string>) => {
    const text = `duration: 1h\nreason: fixing a slow query\nparams:\n${Object.entries(value)
      .map(([k, v]) => `  ${k}: '${v}'`)
      .join('\n')}\n`;
    const parsed = parseGrantFile('grants/db-read/carol.yaml', text, policy.roles.get('db-read'));
    return checkSchema(params, parsed.grant!.params, 'g', parsed.positions!).length === 0;
  };

  it('load, and check what ajv-formats checks', () => {
    expect(problems).toEqual([]);
    expect(fits({ host: 'db-1.orders.example.com', span: 'PT1H30M', day: '2026-02-28' })).toBe(
      true,
    );
    expect(fits({ mail: 'Carol@Example.COM', id: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11' })).toBe(
      true,
    );
    expect(fits({ rx: '^orders_[a-z]+$' })).toBe(true);
    const bads: Record<string, string>[] = [
      { host: '-db.example.com' },
      { host: `${'a'.repeat(63)}.`.repeat(4) + 'com' },
      { span: 'P' },
      { span: 'PT' },
      { span: 'P1H' },
      { mail: 'carol' },
      { id: 'not-a-uuid' },
      { day: '2026-02-30' },
      { rx: '(?=x)' },
    ];
    for (const bad of bads) expect([bad, fits(bad)]).toEqual([bad, false]);
  });

  it('fold case only where ASCII does (no Kelvin sign for a k)', () => {
    expect(fits({ mail: 'carol@example.\u212aom' })).toBe(false);
    expect(fits({ host: 'db.\u017fite.example.com' })).toBe(false);
  });
});
