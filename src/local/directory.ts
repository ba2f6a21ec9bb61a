import { readFile } from 'node:fs/promises';
import { staticDirectory, type Directory } from '../core/directory.js';
import { ConfigError } from '../core/errors.js';
import { parseStrictYaml } from '../core/yaml.js';
import { toValue } from '../core/yaml-value.js';
import { checkSchema } from '../core/schema-check.js';
import { shippedSchema } from '../core/schema-compile.js';
import { TEAM_PATTERN, LOGIN_PATTERN } from '../core/policy/schema.js';

const schema = shippedSchema({
  type: 'object',
  propertyNames: { pattern: TEAM_PATTERN },
  additionalProperties: { type: 'array', items: { type: 'string', pattern: LOGIN_PATTERN } },
});

/**
 * A directory file for offline checks and the local forge: `"@org/team": [login, …]`.
 * Teams missing from it do not resolve (and so never pass a check).
 */
export async function fileDirectory(path: string): Promise<Directory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `Cannot read the directory file ${path}: ${(err as Error).message}. Check the path given to --directory.`,
    );
  }
  const parsed = parseStrictYaml(path, text);
  const { value, positions } = parsed.node
    ? toValue(parsed.node, schema)
    : { value: {}, positions: { value: new Map(), key: new Map() } };
  const problems = [...parsed.problems, ...checkSchema(schema, value, path, positions)];
  if (problems.length)
    throw new ConfigError(`The directory file ${path} is invalid; fix these problems:`, problems);
  return staticDirectory(value as Record<string, string[]>);
}
