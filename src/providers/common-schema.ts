import type { JsonSchema } from '../core/yaml-value.js';

/** Settings every provider accepts, whatever its type. */
export function providerSettings(
  type: string,
  description: string,
  properties: Record<string, JsonSchema>,
  required: string[],
): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: ['type', ...required],
    properties: {
      type: { description: 'The provider type.', const: type },
      description: {
        description: 'What this provider is, for people reading the policy.',
        type: 'string',
      },
      login: {
        description:
          'Template turning a GitHub login into this provider\'s identity. `{login}` is the lower-case GitHub login, e.g. "{login}" or "{login}@example.com".',
        type: 'string',
        pattern: '\\{login\\}',
        maxLength: 200,
      },
      users: {
        description:
          'Per-user overrides of the login template: GitHub login (lower case) → identity at this provider.',
        type: 'object',
        propertyNames: { pattern: '^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$' },
        additionalProperties: { type: 'string', minLength: 1, maxLength: 200 },
      },
      ...properties,
    },
  };
}

export const ENV_NAME: JsonSchema = {
  type: 'string',
  pattern: '^[A-Z_][A-Z0-9_]*$',
  maxLength: 128,
};
