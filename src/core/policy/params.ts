import { PARAMS_FORMATS } from '../params-formats.js';
import { compilePattern, PATTERN_HELP } from '../pattern.js';
import { problem, quote, type Problem } from '../problem.js';
import { metaSchemaErrors } from '../schema-compile.js';
import { positionFor, type JsonSchema, type Positions } from '../yaml-value.js';

/**
 * What is checked of a role's params schema when policies load, for every role: that it is a
 * JSON Schema (the 2020-12 meta-schema), with known keywords and formats, self-contained, and
 * that every pattern in it can run on the linear-time engine. Compiling it (ajv, strict mode)
 * waits until a grant of the role is checked: that costs milliseconds a role, and a request
 * touches one role of hundreds.
 */
export function paramsSchemaProblems(
  roleName: string,
  schema: JsonSchema,
  file: string,
  positions: Positions,
): Problem[] {
  const base = `/roles/${roleName}/params`;
  const at = (pointer: string) => positionFor(positions, base + pointer);
  const keyAt = (pointer: string, key: string) =>
    positions.key.get(`${base}${pointer}/${escape(key)}`) ?? at(pointer);
  const whose = `The params schema of role ${JSON.stringify(roleName)}`;

  const structure = metaSchemaErrors(schema);
  if (structure.length)
    return structure.map((e) =>
      problem(
        file,
        at(e.pointer),
        'E_POLICY_PARAMS_SCHEMA',
        `${whose} is not a valid JSON Schema: ${e.pointer ? `\`${e.pointer}\` ` : ''}${e.message}.`,
      ),
    );

  const out: Problem[] = [];
  const visit = (node: unknown, pointer: string) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return; // true/false
    for (const [key, value] of Object.entries(node as JsonSchema)) {
      const here = `${pointer}/${escape(key)}`;
      if (!KEYWORDS.has(key)) {
        const why =
          key === '$async'
            ? 'params are checked as the request is read, never later: remove `$async`'
            : 'grantops knows the keywords of JSON Schema 2020-12 only: check the spelling';
        out.push(
          problem(
            file,
            keyAt(pointer, key),
            'E_POLICY_PARAMS_SCHEMA',
            `${whose} uses the keyword ${quote(key)}, which is not allowed (${why}).`,
          ),
        );
        continue;
      }
      if (key === 'pattern' && typeof value === 'string') {
        const compiled = compilePattern(value);
        if (!compiled.ok) out.push(patternProblem(file, at(here), whose, value, compiled.reason));
      } else if (key === 'format' && typeof value === 'string' && !PARAMS_FORMATS.includes(value)) {
        out.push(
          problem(
            file,
            at(here),
            'E_POLICY_PARAMS_SCHEMA',
            `${whose} uses the format ${quote(value)}, which grantops does not check. Formats: ${PARAMS_FORMATS.join(', ')}; or describe the value with a pattern.`,
          ),
        );
      } else if ((key === '$ref' || key === '$dynamicRef') && typeof value === 'string') {
        if (!value.startsWith('#'))
          out.push(
            problem(
              file,
              at(here),
              'E_POLICY_PARAMS_SCHEMA',
              `${whose} refers to ${quote(value)}. A params schema stands alone: \`${key}\` may only point inside it, like "#/$defs/schema-name".`,
            ),
          );
      }
      if (SUBSCHEMA.has(key)) visit(value, here);
      else if (SUBSCHEMA_LIST.has(key) && Array.isArray(value))
        value.forEach((v, i) => visit(v, `${here}/${i}`));
      else if (SUBSCHEMA_MAP.has(key) && value && typeof value === 'object') {
        for (const [name, sub] of Object.entries(value as JsonSchema)) {
          if (key === 'patternProperties') {
            const compiled = compilePattern(name);
            if (!compiled.ok)
              out.push(patternProblem(file, keyAt(here, name), whose, name, compiled.reason));
          }
          visit(sub, `${here}/${escape(name)}`);
        }
      }
    }
  };
  visit(schema, '');
  return out;
}

function patternProblem(
  file: string,
  at: ReturnType<typeof positionFor>,
  whose: string,
  pattern: string,
  reason: string,
): Problem {
  return problem(
    file,
    at,
    'E_POLICY_PATTERN',
    `${whose} has the pattern ${quote(pattern, 80)}, which grantops cannot use: ${reason}. ${PATTERN_HELP}`,
  );
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Keywords whose value is one schema, a list of schemas, or schemas by name. */
const SUBSCHEMA = new Set([
  'additionalProperties',
  'contains',
  'contentSchema',
  'else',
  'if',
  'items',
  'not',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const SUBSCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SUBSCHEMA_MAP = new Set([
  '$defs',
  'definitions',
  'dependentSchemas',
  'patternProperties',
  'properties',
]);

/**
 * The keywords of JSON Schema 2020-12 that ajv's strict mode accepts (not `$anchor`), and
 * `definitions`, their common older spelling. ajv knows a few more from other drafts and
 * dialects; they are left out, `$async` above all: ajv then returns a promise, which a
 * synchronous check would read as "valid".
 */
export const KEYWORDS: ReadonlySet<string> = new Set([
  ...SUBSCHEMA,
  ...SUBSCHEMA_LIST,
  ...SUBSCHEMA_MAP,
  '$comment',
  '$dynamicAnchor',
  '$dynamicRef',
  '$id',
  '$ref',
  '$schema',
  '$vocabulary',
  'const',
  'contentEncoding',
  'contentMediaType',
  'default',
  'dependentRequired',
  'deprecated',
  'description',
  'enum',
  'examples',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'format',
  'maxContains',
  'maximum',
  'maxItems',
  'maxLength',
  'maxProperties',
  'minContains',
  'minimum',
  'minItems',
  'minLength',
  'minProperties',
  'multipleOf',
  'pattern',
  'readOnly',
  'required',
  'title',
  'type',
  'uniqueItems',
  'writeOnly',
]);
