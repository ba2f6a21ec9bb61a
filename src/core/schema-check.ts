import type { ErrorObject } from 'ajv/dist/2020.js';
import type { SchemaCode } from './codes.js';
import { problem, quote, type Problem } from './problem.js';
import { compileSchema } from './schema-compile.js';
import { positionFor, type JsonSchema, type Positions } from './yaml-value.js';
import { MAX_FILE_PROBLEMS } from './yaml.js';

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
): Problem<SchemaCode>[] {
  const validate = compileSchema(schema);
  if (validate(value)) return [];
  const base = opts.pointerBase ?? '';
  const errors = relevant(validate.errors ?? []);
  // Like the YAML reader, say at most so much at once (a file of 2,000 unknown keys is one mistake).
  const more = errors.length - MAX_FILE_PROBLEMS;
  const problems: Problem<SchemaCode>[] = errors.slice(0, MAX_FILE_PROBLEMS).map((e) => {
    const pointer = base + e.instancePath;
    const name = describePath(opts.label, e.instancePath);
    const got = describeValue(valueAt(value, e.instancePath));
    if (e.propertyName !== undefined) {
      // propertyNames: the fault is the key itself, so point at the key.
      const rule =
        e.keyword === 'pattern'
          ? ` (names must match ${(e.params as { pattern: string }).pattern})`
          : ` (${e.message ?? 'invalid'})`;
      return problem(
        file,
        positionFor(positions, pointer, e.propertyName),
        'E_SCHEMA',
        `The name ${quote(e.propertyName)}${name ? ` in ${name}` : ''} is not allowed${rule}. Rename it.`,
      );
    }
    switch (e.keyword) {
      case 'required': {
        const key = (e.params as { missingProperty: string }).missingProperty;
        return problem(
          file,
          positionFor(positions, pointer),
          'E_MISSING_KEY',
          `${name ? `${name} is missing` : 'Missing'} the required key \`${key}\`.${propertyHelp(e.parentSchema, key)}`,
        );
      }
      case 'additionalProperties': {
        const key = (e.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
        return problem(
          file,
          positionFor(positions, pointer, key),
          'E_UNKNOWN_KEY',
          `Unknown key ${quote(key)}${name ? ` in ${name}` : ''}.${allowed.length ? ` Allowed keys: ${some(allowed)}.` : ''} Check the spelling or remove it.`,
        );
      }
      case 'type': {
        const want = String((e.params as { type: string | string[] }).type).split(',');
        const v = valueAt(value, e.instancePath);
        // A plain `100` or `true` is typed by the schema already, so text that reads as one here
        // was quoted: say so, rather than leave "100" vs 100 a puzzle.
        const unquote =
          typeof v === 'string' && /^(?:-?\d+(?:\.\d+)?|true|false)$/.test(v)
            ? ' Remove the quotes.'
            : '';
        // And a number where text is wanted came from a place the schema left untyped.
        const addQuotes =
          (typeof v === 'number' || typeof v === 'boolean') && want.includes('string')
            ? ' Put it in quotes.'
            : '';
        return problem(
          file,
          positionFor(positions, pointer),
          'E_TYPE',
          `${name || 'The file'} must be ${want.map(typeName).join(' or ')}, not ${got}.${unquote}${addQuotes}`,
        );
      }
      case 'enum':
      case 'const': {
        const allowed =
          e.keyword === 'enum'
            ? (e.params as { allowedValues: unknown[] }).allowedValues
            : [(e.params as { allowedValue: unknown }).allowedValue];
        return problem(
          file,
          positionFor(positions, pointer),
          'E_NOT_ALLOWED_VALUE',
          `${name || 'The value'} is ${got}; allowed: ${some(allowed.map((v) => (typeof v === 'string' ? quote(v) : JSON.stringify(v))))}.`,
        );
      }
      case 'anyOf':
      case 'oneOf': {
        // Kept only when no single branch explains the failure (see `relevant`): say what is expected.
        const desc = (e.parentSchema as { description?: unknown } | undefined)?.description;
        return problem(
          file,
          positionFor(positions, pointer),
          'E_SCHEMA',
          `${name || 'The value'} is ${got}, which is not allowed here.${typeof desc === 'string' ? ` Expected: ${desc}` : ''}`,
        );
      }
      default:
        return problem(
          file,
          positionFor(positions, pointer),
          'E_SCHEMA',
          `${name || 'The file'} ${e.message ?? 'is invalid'}${e.keyword === 'pattern' ? ` (got ${got})` : ''}.`,
        );
    }
  });
  if (more > 0)
    problems.push(
      problem(
        file,
        null,
        'E_TOO_MANY_PROBLEMS',
        `…and ${more} more problems like the ones above. Fix those first.`,
      ),
    );
  return problems;
}

/**
 * ajv reports a failed anyOf/oneOf as the errors of every branch plus the anyOf itself, which
 * reads as contradictions ("must be one of …" and "must be a mapping"). When exactly one branch
 * fits the value's kind (it failed deeper, or on a detail), only its errors are kept; when no
 * branch fits but some list literals, those are kept (they show what to write); otherwise the
 * anyOf stands alone. `if` and `propertyNames` wrappers repeat their inner errors and go.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>(
    errors.filter((e) => e.keyword === 'if' || e.keyword === 'propertyNames'),
  );
  for (const a of errors) {
    if (a.keyword !== 'anyOf' && a.keyword !== 'oneOf') continue;
    const prefix = `${a.schemaPath}/`;
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (e === a || !e.schemaPath.startsWith(prefix) || !e.instancePath.startsWith(a.instancePath))
        continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    if (byBranch.size === 0) continue; // oneOf matched twice: nothing more specific to say
    const atTop = (e: ErrorObject) =>
      e.instancePath === a.instancePath && ['type', 'enum', 'const'].includes(e.keyword);
    const groups = [...byBranch.values()];
    const fitting = groups.filter((g) => !g.some(atTop));
    const literal = groups.filter((g) => g.every((e) => atTop(e) && e.keyword !== 'type'));
    const keep =
      fitting.length === 1
        ? fitting[0]!
        : fitting.length === 0 && literal.length
          ? literal.flat()
          : [];
    for (const g of groups) for (const e of g) if (!keep.includes(e)) drop.add(e);
    if (keep.length) drop.add(a);
  }
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (drop.has(e)) return false;
    const k = `${e.instancePath}|${e.keyword}|${e.propertyName ?? ''}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping (key: value lines)',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};
function typeName(type: string): string {
  return TYPE_NAMES[type] ?? type;
}

/** `a.b.0`: keys come from the file, so each is cut short and cannot close the backticks. */
function describePath(label: string | undefined, instancePath: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (p.length > 40 ? `${p.slice(0, 39)}…` : p).replace(/`/g, "'"));
  const all = label ? [label, ...parts] : parts;
  return all.length ? `\`${all.join('.')}\`` : '';
}

/** A list for a message, cut after `max` items. */
function some(items: string[], max = 20): string {
  return items.length > max
    ? `${items.slice(0, max).join(', ')}, … (${items.length} in all)`
    : items.join(', ');
}

function propertyHelp(parent: unknown, key: string): string {
  const props = (parent as { properties?: Record<string, { description?: unknown }> } | undefined)
    ?.properties;
  const desc = props && Object.hasOwn(props, key) ? props[key]?.description : undefined;
  return typeof desc === 'string' ? ` \`${key}\`: ${desc}` : '';
}

function valueAt(root: unknown, instancePath: string): unknown {
  let v = root;
  for (const p of instancePath.split('/').slice(1)) {
    const key = p.replace(/~1/g, '/').replace(/~0/g, '~');
    // Own keys only: a path through `constructor` must not reach Object.prototype.
    v =
      v !== null && typeof v === 'object' && Object.hasOwn(v, key)
        ? (v as Record<string, unknown>)[key]
        : undefined;
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
