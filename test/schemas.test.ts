import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import grantSchemaFile from '../schemas/grant.schema.json' with { type: 'json' };
import policySchemaFile from '../schemas/policy.schema.json' with { type: 'json' };
import { parseGrantFile } from '../src/core/grant.js';
import { precompiled } from '../src/core/generated/validators.js';
import { loadPolicies } from '../src/core/policy/load.js';
import { buildPolicySchema } from '../src/core/policy/schema.js';
import { checkSchema } from '../src/core/schema-check.js';
import { compileSchema, schemaError, shippedSchema } from '../src/core/schema-compile.js';
import { AJV_OPTIONS } from '../src/core/schema-options.js';
import { parseStrictYaml } from '../src/core/yaml.js';
import { toValue, type JsonSchema } from '../src/core/yaml-value.js';
import { providerSchemas } from '../src/providers/schemas.js';
import { GENERATED_VALIDATORS, shippedSchemas, validatorModule } from '../scripts/validators.mjs';

/**
 * The shipped JSON Schemas, as editors and other tools see them: compiled by a fresh ajv in
 * strict mode (not grantops' own instance), walked for the rules every schema here keeps, and
 * exercised over fixtures — valid examples that must pass and broken policies that must fail
 * with a known ajv keyword (the approach of release-please's test/schemas.ts).
 */
const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const POLICY_COMMENT = '# yaml-language-server: $schema=../schemas/policy.schema.json\n';
const GRANT_COMMENT = '# yaml-language-server: $schema=../../schemas/grant.schema.json\n';
const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);

const shippedPolicySchema = buildPolicySchema(providerSchemas);
const grantSchema = grantSchemaFile as JsonSchema;
const policySchema = policySchemaFile as JsonSchema;
const validateGrant = ajv.compile(grantSchema);
const validatePolicy = ajv.compile(policySchema);

/** Reads a YAML file the way grantops does (strictly, typed by the schema) into plain data. */
function readYaml(path: string, text: string, schema: JsonSchema): unknown {
  const parsed = parseStrictYaml(path, text);
  expect(parsed.problems).toEqual([]);
  return toValue(parsed.node!, schema).value;
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort();

/** Every subschema with its JSON Pointer, except `if` conditions (they test, they don't describe). */
function* subschemas(s: unknown, at = '#'): Generator<[string, JsonSchema]> {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return;
  const schema = s as JsonSchema;
  yield [at, schema];
  for (const key of ['properties', 'patternProperties', '$defs']) {
    for (const [name, sub] of Object.entries(
      (schema[key] as Record<string, unknown> | undefined) ?? {},
    )) {
      yield* subschemas(sub, `${at}/${key}/${name}`);
    }
  }
  for (const key of [
    'additionalProperties',
    'items',
    'propertyNames',
    'then',
    'else',
    'not',
    'contains',
  ]) {
    yield* subschemas(schema[key], `${at}/${key}`);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    for (const [i, sub] of ((schema[key] as unknown[] | undefined) ?? []).entries())
      yield* subschemas(sub, `${at}/${key}/${i}`);
  }
}

function resolveRef(root: JsonSchema, s: JsonSchema): JsonSchema {
  const ref = s.$ref;
  if (typeof ref !== 'string') return s;
  let target: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/'))
    target = (target as Record<string, unknown>)[part];
  return target as JsonSchema;
}

/** Properties without a description, at any depth (a `$ref` counts if its target has one). */
function undescribed(root: JsonSchema): string[] {
  const out: string[] = [];
  for (const [at, s] of subschemas(root)) {
    for (const [name, prop] of Object.entries(
      (s.properties as Record<string, JsonSchema> | undefined) ?? {},
    )) {
      const d = resolveRef(root, prop)?.description ?? prop.description;
      if (typeof d !== 'string' || d.trim().length < 3) out.push(`${at}/properties/${name}`);
    }
  }
  return out;
}

/**
 * Object schemas that list properties but let unknown keys through. The one exception is a
 * dispatcher: a schema whose allOf branches each close it for one value of its `type` enum
 * (provider settings are closed by their provider type's own schema).
 */
function open(root: JsonSchema): string[] {
  const out: string[] = [];
  for (const [at, s] of subschemas(root)) {
    if (!s.properties || s.additionalProperties === false || s.unevaluatedProperties === false)
      continue;
    if (!closedByBranches(root, s)) out.push(at);
  }
  return out;
}
function closedByBranches(root: JsonSchema, s: JsonSchema): boolean {
  const props = s.properties as Record<string, JsonSchema>;
  const kinds = props.type?.enum as string[] | undefined;
  const branches = (s.allOf as JsonSchema[] | undefined) ?? [];
  if (!kinds || Object.keys(props).length !== 1 || branches.length !== kinds.length) return false;
  const covered = branches.map((b) => {
    const cond = (b.if as JsonSchema | undefined)?.properties as
      Record<string, JsonSchema> | undefined;
    const then = b.then ? resolveRef(root, b.then as JsonSchema) : undefined;
    return then?.additionalProperties === false ? cond?.type?.const : undefined;
  });
  return [...covered].sort().join() === [...kinds].sort().join();
}

describe('the shipped schemas', () => {
  it('are JSON Schema 2020-12 that ajv compiles in strict mode', () => {
    for (const schema of [grantSchema, policySchema]) {
      expect(schema.$schema).toBe(DRAFT_2020_12);
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    }
    expect(typeof validateGrant).toBe('function');
    expect(typeof validatePolicy).toBe('function');
  });

  it('schemas/policy.schema.json is what the code generates (run `npm run build` after changing a schema)', () => {
    expect(policySchemaFile).toEqual(JSON.parse(JSON.stringify(shippedPolicySchema)));
  });

  it('describe every property at any depth, provider settings and grants included', () => {
    expect(undescribed(grantSchema)).toEqual([]);
    expect(undescribed(policySchema)).toEqual([]);
    for (const [type, { settings, grant }] of Object.entries(providerSchemas)) {
      expect(undescribed(settings), type).toEqual([]);
      expect(undescribed(grant), type).toEqual([]);
    }
  });

  it('refuse unknown keys in every object that lists its keys', () => {
    expect(open(grantSchema)).toEqual([]);
    expect(open(policySchema)).toEqual([]);
    for (const [type, { settings, grant }] of Object.entries(providerSchemas)) {
      expect(open(settings), type).toEqual([]);
      expect(open(grant), type).toEqual([]);
    }
  });

  it('would notice a property without a description or an open object', () => {
    const bad: JsonSchema = {
      type: 'object',
      additionalProperties: false,
      properties: {
        a: { description: 'The a.', type: 'object', properties: { b: { type: 'string' } } },
      },
    };
    expect(undescribed(bad)).toEqual(['#/properties/a/properties/b']);
    expect(open(bad)).toEqual(['#/properties/a']);
  });

  it('give every provider type a settings branch', () => {
    const provider = (policySchema.$defs as Record<string, JsonSchema>).provider!;
    expect((provider.properties as Record<string, JsonSchema>).type!.enum).toEqual(
      Object.keys(providerSchemas).sort(),
    );
    expect(closedByBranches(policySchema, provider)).toBe(true);
  });
});

describe('the precompiled validators', () => {
  it(`${GENERATED_VALIDATORS} is what the build generates (run \`npm run build\` after changing a schema)`, async () => {
    const generated = await validatorModule(ROOT, await shippedSchemas(ROOT));
    expect(readFileSync(join(ROOT, GENERATED_VALIDATORS), 'utf8') === generated).toBe(true);
  });

  it('are the ones grantops uses for its own schemas', () => {
    const own = [
      shippedPolicySchema,
      grantSchema,
      ...Object.values(providerSchemas).map((p) => p.grant),
    ];
    for (const schema of own) {
      const ready = precompiled.get(JSON.stringify(schema));
      expect(ready).toBeTypeOf('function');
      expect(compileSchema(shippedSchema(schema))).toBe(ready);
    }
  });

  it('report what ajv compiling at run time reports, over every policy and grant fixture', () => {
    const runtime = new Ajv2020(AJV_OPTIONS);
    const compare = (schema: JsonSchema, files: string[], dir: string) => {
      const atRuntime = runtime.compile(schema);
      const ready = precompiled.get(JSON.stringify(schema))!;
      for (const file of files) {
        const value = readYaml(file, readFileSync(join(dir, file), 'utf8'), schema);
        const strip = (errors: ErrorObject[] | null | undefined) =>
          (errors ?? []).map(({ instancePath, schemaPath, keyword, params, message }) => ({
            instancePath,
            schemaPath,
            keyword,
            params,
            message,
          }));
        expect([file, ready(value), strip(ready.errors)]).toEqual([
          file,
          atRuntime(value),
          strip(atRuntime.errors),
        ]);
      }
    };
    const policies = join(FIXTURES, 'policies');
    compare(shippedPolicySchema, yamlFiles(policies), policies);
    compare(grantSchema, yamlFiles(join(FIXTURES, 'grants')), join(FIXTURES, 'grants'));
  });
});

describe('policies/', () => {
  const dir = join(ROOT, 'policies');
  const files = yamlFiles(dir);

  it('holds example policies', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file} names its schema on the first line and validates`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text.startsWith(POLICY_COMMENT)).toBe(true);
      expect(
        validatePolicy(readYaml(`policies/${file}`, text, policySchema)),
        JSON.stringify(validatePolicy.errors),
      ).toBe(true);
    });
  }

  it('load together without a problem', () => {
    const loaded = loadPolicies(
      files.map((f) => ({ path: `policies/${f}`, text: readFileSync(join(dir, f), 'utf8') })),
      providerSchemas,
    );
    expect(loaded.problems).toEqual([]);
  });
});

describe('policy fixtures', () => {
  const valid = join(FIXTURES, 'policies', 'valid');
  for (const file of yamlFiles(valid)) {
    it(`valid/${file} names its schema and validates`, () => {
      const text = readFileSync(join(valid, file), 'utf8');
      expect(text.startsWith(POLICY_COMMENT)).toBe(true);
      expect(
        validatePolicy(readYaml(file, text, policySchema)),
        JSON.stringify(validatePolicy.errors),
      ).toBe(true);
    });
  }

  // Each broken policy: the ajv keyword an editor shows, where, and the problem grantops reports.
  const invalid: Record<
    string,
    { keyword: string; at: string; code: string; line: number; says?: string }
  > = {
    'unknown-top-level-key.yaml': {
      keyword: 'additionalProperties',
      at: '',
      code: 'E_UNKNOWN_KEY',
      line: 3,
    },
    'role-missing-approvals.yaml': {
      keyword: 'required',
      at: '/roles/orders-db-read',
      code: 'E_MISSING_KEY',
      line: 4,
    },
    'approvals-zero.yaml': {
      keyword: 'minimum',
      at: '/roles/orders-db-read/approvals',
      code: 'E_SCHEMA',
      line: 10,
    },
    'approvals-quoted.yaml': {
      keyword: 'type',
      at: '/roles/orders-db-read/approvals',
      code: 'E_TYPE',
      line: 10,
    },
    'requesters-empty.yaml': {
      keyword: 'minItems',
      at: '/roles/orders-db-read/requesters',
      code: 'E_SCHEMA',
      line: 8,
    },
    'requesters-repeated.yaml': {
      keyword: 'uniqueItems',
      at: '/roles/orders-db-read/requesters',
      code: 'E_SCHEMA',
      line: 8,
    },
    'role-unknown-key.yaml': {
      keyword: 'additionalProperties',
      at: '/roles/orders-db-read',
      code: 'E_UNKNOWN_KEY',
      line: 11,
    },
    'ticket-mode-unknown.yaml': {
      keyword: 'enum',
      at: '/roles/orders-db-read/ticket',
      code: 'E_NOT_ALLOWED_VALUE',
      line: 11,
      says: '`roles.orders-db-read.ticket` is "sometimes"; allowed: "required", "optional", "forbidden".',
    },
    'reason-unknown-key.yaml': {
      keyword: 'additionalProperties',
      at: '/roles/orders-db-read/reason',
      code: 'E_UNKNOWN_KEY',
      line: 11,
    },
    'params-not-a-mapping.yaml': {
      keyword: 'type',
      at: '/roles/orders-db-read/params',
      code: 'E_TYPE',
      line: 11,
    },
    'principal-malformed.yaml': {
      keyword: 'anyOf',
      at: '/groups/dba/1',
      code: 'E_SCHEMA',
      line: 3,
      says: '`groups.dba.1` is "carol smith", which is not allowed here. Expected: A group name, an @org/team slug, or a GitHub login.',
    },
    'group-name-malformed.yaml': {
      keyword: 'propertyNames',
      at: '/groups',
      code: 'E_SCHEMA',
      line: 3,
      says: 'The name "DB Admins" in `groups` is not allowed (names must match ^[a-z0-9][a-z0-9_-]{0,62}$). Rename it.',
    },
    'provider-unknown-type.yaml': {
      keyword: 'enum',
      at: '/providers/orders-db/type',
      code: 'E_NOT_ALLOWED_VALUE',
      line: 4,
    },
    'provider-missing-setting.yaml': {
      keyword: 'required',
      at: '/providers/orders-db',
      code: 'E_MISSING_KEY',
      line: 4,
    },
    'provider-unknown-setting.yaml': {
      keyword: 'additionalProperties',
      at: '/providers/orders-db',
      code: 'E_UNKNOWN_KEY',
      line: 6,
    },
    'provider-secret-in-setting.yaml': {
      keyword: 'pattern',
      at: '/providers/orders-db/connection_env',
      code: 'E_SCHEMA',
      line: 5,
    },
    'provider-command-shell-string.yaml': {
      keyword: 'type',
      at: '/providers/vault/command',
      code: 'E_TYPE',
      line: 5,
    },
  };
  const dir = join(FIXTURES, 'policies', 'invalid');

  it('lists every invalid fixture', () => {
    expect(yamlFiles(dir)).toEqual(Object.keys(invalid).sort());
  });

  for (const [file, want] of Object.entries(invalid)) {
    it(`invalid/${file} fails with ${want.keyword} at ${want.at || '/'}`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text.startsWith(POLICY_COMMENT)).toBe(true);
      const value = readYaml(file, text, policySchema);
      expect(validatePolicy(value)).toBe(false);
      const errors = (validatePolicy.errors ?? []).map((e: ErrorObject) => [
        e.keyword,
        e.instancePath,
      ]);
      expect(errors).toContainEqual([want.keyword, want.at]);

      // grantops' own reading: one problem, coded and placed for the admin.
      const loaded = loadPolicies([{ path: `policies/${file}`, text }], providerSchemas);
      const shape = loaded.problems.filter((p) => p.path === `policies/${file}`);
      expect(shape.map((p) => [p.code, p.line])).toEqual([[want.code, want.line]]);
      if (want.says) expect(shape[0]!.message).toBe(want.says);
    });
  }
});

describe('compiling schemas', () => {
  it('keeps each schema to itself: one $id may be compiled twice, and never referenced from another', () => {
    const params = () => ({
      $id: 'https://example.com/params',
      type: 'object',
      properties: { a: { type: 'string' } },
    });
    expect(schemaError(params())).toBeNull();
    expect(schemaError(params())).toBeNull();
    expect(schemaError(shippedSchema(JSON.parse(JSON.stringify(shippedPolicySchema))))).toBeNull();
    expect(
      schemaError({ type: 'object', properties: { a: { $ref: 'https://example.com/params' } } }),
    ).toMatch(/resolve reference/);
  });

  it('loads the same policies twice in one process', () => {
    const text = `${POLICY_COMMENT}roles:\n  r:\n    description: Read\n    provider: p\n    grant: {}\n    max_duration: 1h\n    requesters: [a]\n    approvers: [b]\n    approvals: 1\n    params: { $id: 'https://example.com/r', type: object }\n`;
    const codes = () =>
      loadPolicies([{ path: 'policies/r.yaml', text }], providerSchemas).problems.map(
        (p) => p.code,
      );
    expect(codes()).not.toContain('E_POLICY_PARAMS_SCHEMA');
    expect(codes()).not.toContain('E_POLICY_PARAMS_SCHEMA');
  });
});

describe('grant examples', () => {
  const dir = join(FIXTURES, 'grants');
  const files = yamlFiles(dir);
  const policy = loadPolicies(
    yamlFiles(join(ROOT, 'policies')).map((f) => ({
      path: `policies/${f}`,
      text: readFileSync(join(ROOT, 'policies', f), 'utf8'),
    })),
    providerSchemas,
  ).policy;

  it('exist for several roles', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    it(`${file} names its schema on the first line, validates, and fits its role`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text.startsWith(GRANT_COMMENT)).toBe(true);
      expect(
        validateGrant(readYaml(file, text, grantSchema)),
        JSON.stringify(validateGrant.errors),
      ).toBe(true);
      const role = policy.roles.get(file.split('/')[0]!);
      expect(role, `a role of policies/ named ${file.split('/')[0]}`).toBeDefined();
      const parsed = parseGrantFile(`grants/${file}`, text, role);
      expect(parsed.problems).toEqual([]);
      expect(parsed.durationSeconds).toBeGreaterThan(0);
      if (parsed.grant?.params) {
        expect(checkSchema(role!.params!, parsed.grant.params, file, parsed.positions!)).toEqual(
          [],
        );
      }
    });
  }

  it.each([
    [{ reason: 'x' }, 'required', ''],
    [{ duration: '2h', reason: 'x', requester: 'mallory' }, 'additionalProperties', ''],
    [{ duration: '2h', reason: '' }, 'minLength', '/reason'],
    [{ duration: 120, reason: 'x' }, 'type', '/duration'],
    [{ duration: '2h', reason: 'x', params: ['orders'] }, 'type', '/params'],
    [{ duration: '2h', reason: 'x'.repeat(501) }, 'maxLength', '/reason'],
  ])('refuses %j with %s at %j', (grant, keyword, at) => {
    expect(validateGrant(grant)).toBe(false);
    expect(validateGrant.errors!.map((e) => [e.keyword, e.instancePath])).toContainEqual([
      keyword,
      at,
    ]);
  });
});
