import grantSchemaJson from '../../schemas/grant.schema.json' with { type: 'json' };
import { parseDuration } from './duration.js';
import { MAX_GRANT_BYTES } from './paths.js';
import type { Role } from './policy/types.js';
import type { Problem } from './problem.js';
import { checkSchema } from './schema-check.js';
import { shippedSchema } from './schema-compile.js';
import { parseStrictYaml } from './yaml.js';
import { toValue, type JsonSchema, type Positions } from './yaml-value.js';

export const grantSchema = shippedSchema(grantSchemaJson as JsonSchema);

/** The content of a grant file, as written. Role and requester come from its path. */
export interface GrantFile {
  duration: string;
  reason: string;
  ticket?: string;
  start?: string;
  params?: Record<string, unknown>;
}

export interface ParsedGrant {
  /** null when the file is not valid YAML or does not fit the grant schema. */
  grant: GrantFile | null;
  /** Seconds, or null when the duration is unreadable. */
  durationSeconds: number | null;
  positions: Positions | null;
  problems: Problem[];
}

const withParams = new WeakMap<JsonSchema, JsonSchema>();
/** The grant schema with the role's params schema in place, so params are typed by the role. */
function schemaFor(role: Role | undefined): JsonSchema {
  if (!role?.params) return grantSchema;
  let s = withParams.get(role.params);
  if (!s) {
    const props = grantSchema.properties as Record<string, JsonSchema>;
    s = {
      ...grantSchema,
      properties: { ...props, params: { ...role.params, description: props.params!.description } },
    };
    withParams.set(role.params, s);
  }
  return s;
}

/**
 * Parses a grant file strictly and checks its shape. `params` are checked against the grant
 * schema only (they must be a mapping); the role's own params rules are a request rule.
 */
export function parseGrantFile(path: string, text: string, role?: Role): ParsedGrant {
  const parsed = parseStrictYaml(path, text, { maxBytes: MAX_GRANT_BYTES });
  if (!parsed.node) {
    const problems: Problem[] = parsed.problems.length
      ? parsed.problems
      : [
          {
            path,
            line: null,
            code: 'E_EMPTY_FILE',
            message: 'The grant file is empty. It needs at least `duration: 2h` and `reason: …`.',
          },
        ];
    return { grant: null, durationSeconds: null, positions: null, problems };
  }
  const { value, positions } = toValue(parsed.node, schemaFor(role));
  const problems = checkSchema(grantSchema, value, path, positions);
  if (problems.length) return { grant: null, durationSeconds: null, positions, problems };
  const grant = value as GrantFile;
  return { grant, durationSeconds: parseDuration(grant.duration), positions, problems };
}
