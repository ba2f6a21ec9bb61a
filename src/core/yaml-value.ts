import type { Position } from './problem.js';
import type { YNode } from './yaml.js';

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
export function toValue(node: YNode, schema: JsonSchema | undefined, root?: JsonSchema): { value: unknown; positions: Positions } {
  const positions: Positions = { value: new Map(), key: new Map() };
  const value = convert(node, schema, root ?? schema, '', positions);
  return { value, positions };
}

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

function convert(node: YNode, schema: JsonSchema | undefined, root: JsonSchema | undefined, pointer: string, out: Positions): unknown {
  out.value.set(pointer, node.pos);
  const s = resolve(schema, root);
  if (node.kind === 'scalar') return scalar(node.text, node.plain, acceptedTypes(s, root));
  if (node.kind === 'seq') {
    const items = s && typeof s.items === 'object' ? (s.items as JsonSchema) : undefined;
    return node.items.map((item, i) => convert(item, items, root, `${pointer}/${i}`, out));
  }
  const obj: Record<string, unknown> = {};
  for (const { key, keyPos, value } of node.entries) {
    const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    out.key.set(child, keyPos);
    // defineProperty, not assignment: a key named `__proto__` must stay an ordinary key.
    Object.defineProperty(obj, key, {
      value: convert(value, propertySchema(s, key), root, child, out),
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
  if (JSON_NUMBER.test(text) && (accepts('number') || accepts('integer'))) return Number(text);
  if ((text === 'true' || text === 'false') && accepts('boolean')) return text === 'true';
  if (text === '') return null;
  return text;
}

function resolve(schema: JsonSchema | undefined, root: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
  if (!schema || depth > 16) return schema;
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/') && root) {
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      target = (target as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return resolve(target as JsonSchema | undefined, root, depth + 1);
  }
  return schema;
}

function branches(s: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const k of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(s[k])) out.push(...(s[k] as JsonSchema[]));
  if (s.then && typeof s.then === 'object') out.push(s.then as JsonSchema);
  return out;
}

/** The JSON types a schema admits, or 'any' when it does not say. */
function acceptedTypes(s: JsonSchema | undefined, root: JsonSchema | undefined, depth = 0): Set<string> | 'any' {
  if (!s || depth > 16) return 'any';
  const types = new Set<string>();
  let said = false;
  const add = (t: unknown) => {
    said = true;
    for (const x of Array.isArray(t) ? t : [t]) if (typeof x === 'string') types.add(x);
  };
  if (s.type !== undefined) add(s.type);
  const literals = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : [];
  for (const v of literals) add(v === null ? 'null' : typeof v);
  for (const b of branches(s)) {
    const t = acceptedTypes(resolve(b, root), root, depth + 1);
    if (t === 'any') continue;
    said = true;
    t.forEach((x) => types.add(x));
  }
  return said ? types : 'any';
}

function propertySchema(s: JsonSchema | undefined, key: string): JsonSchema | undefined {
  if (!s) return undefined;
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (props && Object.prototype.hasOwnProperty.call(props, key)) return props[key];
  const patterns = s.patternProperties as Record<string, JsonSchema> | undefined;
  for (const [re, sub] of Object.entries(patterns ?? {})) if (new RegExp(re, 'u').test(key)) return sub;
  if (s.additionalProperties && typeof s.additionalProperties === 'object') return s.additionalProperties as JsonSchema;
  for (const b of branches(s)) {
    const found = propertySchema(b, key);
    if (found) return found;
  }
  return undefined;
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
