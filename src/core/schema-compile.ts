import type { Ajv2020, ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { ConfigError } from './errors.js';
import { precompiled, validateMetaSchema } from './generated/validators.js';
import { paramsFormats } from './params-formats.js';
import { compilePattern } from './pattern.js';
import { problem, type Position } from './problem.js';
import { AJV_OPTIONS } from './schema-options.js';
import type { JsonSchema } from './yaml-value.js';

/**
 * Two kinds of schema reach ajv. grantops' own (the policy file with its provider types, the
 * grant file, each provider type's `grant`) are marked with `shippedSchema`: their patterns are
 * fixed in this code base, and the build precompiles them. Every other schema was written in a
 * policy (a role's `params`): it is checked against the meta-schema, and its `pattern`s,
 * `patternProperties` and formats run on the linear-time engine (pattern.ts). Unmarked means
 * written in a policy, so a schema that is forgotten here is held to the stricter rule.
 */
const shipped = new WeakSet<object>();

/** Marks a schema as grantops' own and returns it. */
export function shippedSchema<T extends JsonSchema>(schema: T): T {
  shipped.add(schema);
  return schema;
}

/** Where a schema written in a policy is, so that a failure to compile it points there. */
export interface SchemaOrigin {
  file: string;
  at: Position | null;
  /** Names it in a message, e.g. `The params schema of role "db-read"`. */
  what: string;
}
const origins = new WeakMap<JsonSchema, SchemaOrigin>();

/** Records where a policy wrote `schema` (compiled later, when first used). */
export function writtenSchema(schema: JsonSchema, origin: SchemaOrigin): void {
  origins.set(schema, origin);
}

/** The meta-schema's complaints about a schema, one per place, with a JSON Pointer into it. */
export function metaSchemaErrors(schema: unknown): { pointer: string; message: string }[] {
  if (validateMetaSchema(schema)) return [];
  const seen = new Set<string>();
  return ((validateMetaSchema.errors ?? []) as ErrorObject[]).flatMap((e) => {
    if (seen.has(e.instancePath)) return [];
    seen.add(e.instancePath);
    const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
    const message = `${e.message ?? 'is invalid'}${allowed ? ` (${allowed.join(', ')})` : ''}`;
    return [{ pointer: e.instancePath, message }];
  });
}

/**
 * ajv itself is loaded on first use: with grantops' own schemas precompiled, most runs compile
 * nothing, and loading ajv costs a fifth of node's own start. `require`, because an `import`
 * cannot wait inside a synchronous check: the bundle inlines it as a lazily run module, and
 * vitest provides `require` for the tests.
 */
function newCompiler(options: Options): Ajv2020 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  const ajv = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  return new ajv.Ajv2020(options);
}
let shippedCompiler: Ajv2020 | undefined;
let policyCompiler: Ajv2020 | undefined;
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Compiles (once per schema object) and returns the validator, or throws why it cannot. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = shipped.has(schema) ? compileShipped(schema) : compileWritten(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** Why a schema itself is not valid JSON Schema, or null when it is. */
export function schemaError(schema: unknown): string | null {
  try {
    compileSchema(schema as JsonSchema);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function compileShipped(schema: JsonSchema): ValidateFunction {
  // Looked up by content: a schema the build did not see (a test's own provider type) is
  // compiled here, so a stale generated module is slower, never wrong.
  const ready = precompiled.get(JSON.stringify(schema)) as ValidateFunction | undefined;
  return ready ?? (shippedCompiler ??= newCompiler(AJV_OPTIONS)).compile(schema);
}

function compileWritten(schema: JsonSchema): ValidateFunction {
  // ajv would compile the meta-schema itself before the first schema, which costs more than
  // the schema; the build's precompiled copy answers the same question.
  const structure = metaSchemaErrors(schema);
  try {
    if (structure.length)
      throw new Error(structure.map((e) => `${e.pointer || '/'} ${e.message}`).join('; '));
    policyCompiler ??= newCompiler({
      ...AJV_OPTIONS,
      validateSchema: false,
      code: { regExp: linearRegExp },
      formats: paramsFormats(),
    });
    return policyCompiler.compile(schema);
  } catch (err) {
    const origin = origins.get(schema);
    if (!origin) throw err;
    // Policies are checked when they load, but ajv's strict mode (a `minLength` without
    // `type: string`, say) is only known by compiling, which waits for the role's first grant.
    const message = `${origin.what} cannot be compiled: ${(err as Error).message}. An admin must fix it.`;
    throw new ConfigError(
      `The policies are invalid; an admin must fix them before this role can be decided:`,
      [problem(origin.file, origin.at, 'E_POLICY_PARAMS_SCHEMA', message)],
      'E_POLICY_INVALID',
    );
  }
}

/** ajv's `code.regExp` engine: the policy pattern engine, which refuses what it cannot bound. */
const linearRegExp = Object.assign(
  (source: string) => {
    const compiled = compilePattern(source);
    if (!compiled.ok) throw new Error(`pattern ${JSON.stringify(source)}: ${compiled.reason}`);
    return compiled.pattern;
  },
  // Only read for standalone code, which is never generated from a policy's schema.
  { code: 'grantops-linear-pattern' },
);
