import { compilePattern } from './pattern.js';
import type { Position } from './problem.js';
import type { YMap, YNode } from './yaml.js';

/** A JSON Schema document, as far as grantops needs to look inside one. */
export type JsonSchema = { [keyword: string]: unknown };

/** Where each value (and each mapping key) of a YAML file sits, by JSON Pointer. */
export interface Positions {
  value: Map<string, Position>;
  key: Map<string, Position>;
}

/**
 * Turns a strict YAML tree into plain data, typing scalars by the JSON Schema rather than by
 * YAML's own guessing. A plain scalar becomes a number, boolean or null only where the schema at
 * that place accepts that type and the text is written the way JSON writes it (`2`, `true`,
 * `null`); anywhere the schema accepts a string it stays exactly the text in the file. So
 * `ticket: 0777` is "0777", `reason: no` is "no", and `start: 2026-11-26T09:00:00Z` is a string,
 * whatever YAML 1.1 would have made of them. Quoted and block scalars are always strings.
 */
export function toValue(
  node: YNode,
  schema: JsonSchema | undefined,
  root?: JsonSchema,
): { value: unknown; positions: Positions } {
  const positions: Positions = { value: new Map(), key: new Map() };
  const value = convert(node, schema, root ?? schema, '', positions);
  return { value, positions };
}

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

function convert(
  node: YNode,
  schema: JsonSchema | undefined,
  root: JsonSchema | undefined,
  pointer: string,
  out: Positions,
): unknown {
  out.value.set(pointer, node.pos);
  const s = resolve(schema, root);
  if (node.kind === 'scalar') return scalar(node.text, node.plain, scalarTypes(s, root));
  if (node.kind === 'seq') {
    const items = partSchema(s, root, node, ITEMS);
    return node.items.map((item, i) => convert(item, items, root, `${pointer}/${i}`, out));
  }
  const obj: Record<string, unknown> = {};
  for (const { key, keyPos, value } of node.entries) {
    const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    out.key.set(child, keyPos);
    // defineProperty, not assignment: a key named `__proto__` must stay an ordinary key.
    Object.defineProperty(obj, key, {
      value: convert(value, partSchema(s, root, node, key), root, child, out),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return obj;
}

function scalar(text: string, plain: boolean, types: Set<string> | 'any'): unknown {
  if (!plain) return text;
  const accepts = (t: string) => types === 'any' || types.has(t);
  const isNull = text === '' || text === '~' || text === 'null';
  if (isNull && accepts('null')) return null;
  if (types !== 'any' && types.has('string')) return text === '' ? null : text;
  if (JSON_NUMBER.test(text) && (accepts('number') || accepts('integer'))) {
    // Only numbers a double holds as written: 1e400 would be Infinity (null in JSON) and
    // 9007199254740993 would silently become …992. Those stay text, and the schema refuses them.
    const n = Number(text);
    const exact = Number.isFinite(n) && (/[.eE]/.test(text) || Number.isSafeInteger(n));
    return exact ? n : text;
  }
  if ((text === 'true' || text === 'false') && accepts('boolean')) return text === 'true';
  if (text === '') return null;
  return text;
}

function resolve(
  schema: JsonSchema | undefined,
  root: JsonSchema | undefined,
  depth = 0,
): JsonSchema | undefined {
  if (!schema || typeof schema !== 'object' || depth > 16) return schema;
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/') && root) {
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      const name = part.replace(/~1/g, '/').replace(/~0/g, '~');
      target =
        target && typeof target === 'object' && Object.hasOwn(target, name)
          ? (target as Record<string, unknown>)[name]
          : undefined;
    }
    return resolve(target as JsonSchema | undefined, root, depth + 1);
  }
  return schema;
}

/**
 * The subschemas a value may have to satisfy besides the schema's own keywords: its
 * anyOf/oneOf/allOf branches and the `then`/`else` of an `if` that may hold for `node`. `$ref`s
 * are followed, so a branch such as `then: { $ref: '#/$defs/provider-postgres' }` is seen.
 */
function branches(s: JsonSchema, root: JsonSchema | undefined, node?: YNode): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (b: unknown) => {
    const r = resolve(b as JsonSchema, root);
    if (r && typeof r === 'object') out.push(r);
  };
  for (const k of ['anyOf', 'oneOf', 'allOf'])
    if (Array.isArray(s[k])) (s[k] as unknown[]).forEach(add);
  const cond = node ? ifHolds(s.if, node) : 'maybe';
  if (cond !== false) add(s.then);
  if (cond !== true) add(s.else);
  return out;
}

/**
 * Whether an `if` holds for a mapping, decided for the one shape grantops' schemas use to pick
 * a branch: `{ properties: { type: { const: … } }, required: [type] }`. Anything else is 'maybe'.
 */
function ifHolds(cond: unknown, node: YNode): boolean | 'maybe' {
  if (!cond || typeof cond !== 'object' || node.kind !== 'map') return 'maybe';
  const c = cond as JsonSchema;
  if (Object.keys(c).some((k) => k !== 'properties' && k !== 'required')) return 'maybe';
  const entries = entriesOf(node);
  for (const key of Array.isArray(c.required) ? c.required : []) {
    if (!entries.has(String(key))) return false;
  }
  for (const [key, sub] of Object.entries(
    (c.properties as Record<string, JsonSchema> | undefined) ?? {},
  )) {
    const literal = sub && typeof sub === 'object' && 'const' in sub ? sub.const : undefined;
    if (typeof literal !== 'string' || Object.keys(sub).length !== 1) return 'maybe';
    const value = entries.get(key);
    if (value && (value.kind !== 'scalar' || value.text !== literal)) return false;
  }
  return true;
}

/** A mapping's values by key, built once per mapping: `if` is asked once per key of it. */
const indexes = new WeakMap<YMap, Map<string, YNode>>();
function entriesOf(node: YMap): Map<string, YNode> {
  let index = indexes.get(node);
  if (!index) indexes.set(node, (index = new Map(node.entries.map((e) => [e.key, e.value]))));
  return index;
}

/**
 * The schema for a part of a value (a property, the list items), gathered from the schema and
 * every branch that may apply. Several candidates become one `anyOf`, so a scalar stays a string
 * if any of them accepts a string.
 */
function subschema(
  s: JsonSchema | undefined,
  root: JsonSchema | undefined,
  node: YNode,
  pick: (s: JsonSchema) => JsonSchema | undefined,
): JsonSchema | undefined {
  const found: JsonSchema[] = [];
  const seen = new Set<JsonSchema>();
  const visit = (x: JsonSchema | undefined, depth: number) => {
    if (!x || seen.has(x) || depth > 16) return;
    seen.add(x);
    const own = pick(x);
    if (own) found.push(own);
    for (const b of branches(x, root, node)) visit(b, depth + 1);
  };
  visit(s, 0);
  return found.length <= 1 ? found[0] : { anyOf: found };
}

/** `partSchema`'s name for the items of a list: no property name is a symbol. */
const ITEMS = Symbol('items');
const MAX_PARTS = 4096;

/**
 * `subschema` for a property (or, with ITEMS, the list items), remembered per schema when no
 * `if` can make it depend on the value: the roles of a policy, the logins of a group and every
 * grant file ask the same schema the same question, and each new answer was a new `anyOf` whose
 * accepted types (`scalarTypes`) were then worked out again.
 */
const parts = new WeakMap<
  JsonSchema,
  {
    root: JsonSchema | undefined;
    fixed: boolean;
    found: Map<string | symbol, JsonSchema | undefined>;
  }
>();
function partSchema(
  s: JsonSchema | undefined,
  root: JsonSchema | undefined,
  node: YNode,
  part: string | typeof ITEMS,
): JsonSchema | undefined {
  const pick = (x: JsonSchema) =>
    part === ITEMS
      ? x.items && typeof x.items === 'object'
        ? (x.items as JsonSchema)
        : undefined
      : ownPropertySchema(x, part);
  if (!s) return subschema(s, root, node, pick);
  let known = parts.get(s);
  if (!known || known.root !== root) {
    known = { root, fixed: !dependsOnValue(s, root), found: new Map() };
    parts.set(s, known);
  }
  if (!known.fixed) return subschema(s, root, node, pick);
  if (known.found.has(part)) return known.found.get(part);
  const found = subschema(s, root, node, pick);
  // Made-up keys (a mapping of anything) are answered afresh past this many: memory stays bounded.
  if (known.found.size < MAX_PARTS) known.found.set(part, found);
  return found;
}

/** Whether `subschema` may answer differently for different values: some branch has an `if`. */
function dependsOnValue(s: JsonSchema, root: JsonSchema | undefined): boolean {
  const seen = new Set<JsonSchema>();
  const visit = (x: JsonSchema | undefined, depth: number): boolean => {
    if (!x || seen.has(x) || depth > 16) return false;
    seen.add(x);
    if (x.if !== undefined) return true;
    return branches(x, root).some((b) => visit(b, depth + 1));
  };
  return visit(s, 0);
}

function ownPropertySchema(s: JsonSchema, key: string): JsonSchema | undefined {
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (props && Object.hasOwn(props, key)) return props[key];
  const patterns = s.patternProperties as Record<string, JsonSchema> | undefined;
  for (const [re, sub] of Object.entries(patterns ?? {})) if (matches(re, key)) return sub;
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    return s.additionalProperties as JsonSchema;
  return undefined;
}

/**
 * A `patternProperties` pattern from a schema, run on a key from the file: a role's params
 * schema is written in a policy, so it runs on the linear-time engine. One that does not
 * compile matches nothing (the policy check reports it).
 */
function matches(pattern: string, text: string): boolean {
  const compiled = compilePattern(pattern);
  return compiled.ok && compiled.pattern.test(text);
}

/**
 * `acceptedTypes` of a scalar's schema, remembered per schema: the 2,000 logins of a group share
 * one item schema, and walking its branches once per login was most of a policy's reading time.
 */
const typesOf = new WeakMap<
  JsonSchema,
  { root: JsonSchema | undefined; types: Set<string> | 'any' }
>();
function scalarTypes(s: JsonSchema | undefined, root: JsonSchema | undefined): Set<string> | 'any' {
  if (!s || typeof s !== 'object') return 'any';
  const known = typesOf.get(s);
  if (known && known.root === root) return known.types;
  const types = acceptedTypes(s, root);
  typesOf.set(s, { root, types });
  return types;
}

/**
 * The JSON types a schema admits, or 'any' when it does not say. Each subschema is visited once,
 * so branches that `$ref` each other cost their size, not their number of paths.
 */
function acceptedTypes(
  s: JsonSchema | undefined,
  root: JsonSchema | undefined,
  seen = new Set<JsonSchema>(),
): Set<string> | 'any' {
  if (!s || typeof s !== 'object' || seen.has(s)) return 'any';
  seen.add(s);
  const types = new Set<string>();
  let said = false;
  const add = (t: unknown) => {
    said = true;
    for (const x of Array.isArray(t) ? t : [t]) if (typeof x === 'string') types.add(x);
  };
  if (s.type !== undefined) add(s.type);
  const literals = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : [];
  for (const v of literals) add(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  for (const b of branches(s, root)) {
    const t = acceptedTypes(b, root, seen);
    if (t === 'any') continue;
    said = true;
    t.forEach((x) => types.add(x));
  }
  return said ? types : 'any';
}

/** The closest known position for a JSON Pointer (walking up to its parents). */
export function positionFor(positions: Positions, pointer: string, key?: string): Position | null {
  if (key !== undefined) {
    const k = positions.key.get(`${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (k) return k;
  }
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const found = positions.value.get(p);
    if (found) return found;
    if (p === '') return null;
  }
}
