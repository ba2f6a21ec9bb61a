import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { problem, quote, type Problem } from './problem.js';
import { positionFor, type JsonSchema, type Positions } from './yaml-value.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats);

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
addFormats(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Compiles (once per schema object) and returns the validator, or throws ajv's own error. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
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

/**
 * Checks a value against a schema and turns ajv's errors into problems placed on the file's
 * lines. `label` names the checked thing in messages (for example `params`), `pointerBase` is
 * where the value sits in the file when it is not the whole file.
 */
export function checkSchema(
  schema: JsonSchema,
  value: unknown,
  file: string,
  positions: Positions,
  opts: { label?: string; pointerBase?: string } = {},
): Problem[] {
  const validate = compileSchema(schema);
  if (validate(value)) return [];
  const base = opts.pointerBase ?? '';
  return relevant(validate.errors ?? []).map((e) => {
    const pointer = base + e.instancePath;
    const name = describePath(opts.label, e.instancePath);
    switch (e.keyword) {
      case 'required': {
        const key = (e.params as { missingProperty: string }).missingProperty;
        const help = propertyHelp(e.parentSchema, key);
        return problem(file, positionFor(positions, pointer), 'E_MISSING_KEY', `${name ? `${name} is missing` : 'Missing'} the required key \`${key}\`.${help}`);
      }
      case 'additionalProperties': {
        const key = (e.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
        return problem(file, positionFor(positions, pointer, key), 'E_UNKNOWN_KEY', `Unknown key ${quote(key)}${name ? ` in ${name}` : ''}.${allowed.length ? ` Allowed keys: ${allowed.join(', ')}.` : ''} Check the spelling or remove it.`);
      }
      case 'type':
        return problem(file, positionFor(positions, pointer), 'E_TYPE', `${name || 'The file'} must be ${article(String((e.params as { type: string }).type))}, not ${describeValue(valueAt(value, e.instancePath))}.`);
      case 'enum':
        return problem(file, positionFor(positions, pointer), 'E_NOT_ALLOWED_VALUE', `${name} is ${describeValue(valueAt(value, e.instancePath))}; allowed: ${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}.`);
      default:
        return problem(file, positionFor(positions, pointer), 'E_SCHEMA', `${name || 'The file'} ${e.message ?? 'is invalid'}${e.keyword === 'pattern' || e.keyword === 'anyOf' ? ` (got ${describeValue(valueAt(value, e.instancePath))})` : ''}.`);
    }
  });
}

/** anyOf/oneOf/if failures repeat what their branches already said; keep the specific ones. */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => !['if', 'anyOf', 'oneOf'].includes(e.keyword));
  const chosen = specific.length ? specific : errors;
  const seen = new Set<string>();
  return chosen.filter((e) => {
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function describePath(label: string | undefined, instancePath: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const all = label ? [label, ...parts] : parts;
  return all.length ? `\`${all.join('.')}\`` : '';
}

function propertyHelp(parent: unknown, key: string): string {
  const desc = (parent as { properties?: Record<string, { description?: string }> } | undefined)?.properties?.[key]?.description;
  return desc ? ` (${desc})` : '';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function valueAt(root: unknown, instancePath: string): unknown {
  let v = root;
  for (const p of instancePath.split('/').slice(1)) {
    v = (v as Record<string, unknown> | undefined)?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (typeof v === 'string') return quote(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}
