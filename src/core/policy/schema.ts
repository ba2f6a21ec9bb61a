import type { JsonSchema } from '../yaml-value.js';

/** GitHub's login rule: alphanumerics and single inner hyphens, at most 39 characters. */
export const LOGIN_PATTERN = '^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$';
export const TEAM_PATTERN =
  '^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$';
/** Role, provider and group names: they appear in paths, branch names and SQL comments. */
export const NAME_PATTERN = '^[a-z0-9][a-z0-9_-]{0,62}$';

const principals = (what: string): JsonSchema => ({
  description: `${what} Each entry is a group name from \`groups\`, an @org/team slug, or a GitHub login.`,
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  // `type` beside the `$ref` lets ajv check uniqueness with a lookup table: behind a bare `$ref`
  // it cannot see the items are strings, and compares every pair (a group of 2,000 logins).
  items: { type: 'string', $ref: '#/$defs/principal' },
});

const duration = (what: string): JsonSchema => ({
  description: `${what} Written like 30m, 8h, 1h30m, 7d or ISO 8601 (PT8H).`,
  type: 'string',
  minLength: 1,
  maxLength: 32,
});

/**
 * The policy file schema. Provider settings are not listed here: `buildPolicySchema` adds one
 * branch per provider type, from each provider's own schema, so the shipped
 * schemas/policy.schema.json is generated and cannot disagree with the code.
 */
const base: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://grantops.dev/schemas/policy.schema.json',
  title: 'grantops policy file',
  description:
    'One of the files policies/*.yaml, which grantops merges. A key (group, provider, role) defined in two files is a configuration error.',
  type: 'object',
  additionalProperties: false,
  properties: {
    admins: {
      ...principals(
        'Who owns the control plane (policies/, .github/, schemas/, src/, dist/ and package files): CODEOWNERS routes every change there to them.',
      ),
    },
    groups: {
      description: 'Named sets of people, usable in requesters, approvers and admins.',
      type: 'object',
      propertyNames: { pattern: NAME_PATTERN },
      additionalProperties: principals('The members of this group.'),
    },
    providers: {
      description: 'The systems where access is given, by name. Roles name one of them.',
      type: 'object',
      propertyNames: { pattern: NAME_PATTERN },
      additionalProperties: { $ref: '#/$defs/provider' },
    },
    roles: {
      description:
        'What can be requested, by name. A request is a file grants/<role>/<login>.yaml.',
      type: 'object',
      propertyNames: { pattern: NAME_PATTERN },
      additionalProperties: { $ref: '#/$defs/role' },
    },
  },
  $defs: {
    principal: {
      description: 'A group name, an @org/team slug, or a GitHub login.',
      type: 'string',
      anyOf: [{ pattern: NAME_PATTERN }, { pattern: TEAM_PATTERN }, { pattern: LOGIN_PATTERN }],
    },
    role: {
      description: 'A kind of access that people can request.',
      type: 'object',
      additionalProperties: false,
      required: [
        'description',
        'provider',
        'grant',
        'max_duration',
        'requesters',
        'approvers',
        'approvals',
      ],
      properties: {
        description: {
          description:
            'What this access lets someone do, in one sentence. Shown to requesters and approvers.',
          type: 'string',
          minLength: 1,
          maxLength: 300,
        },
        provider: {
          description: 'The name of a provider under `providers`.',
          type: 'string',
          pattern: NAME_PATTERN,
        },
        grant: {
          description:
            "What to give at the provider; checked against the provider type's own schema.",
          type: 'object',
        },
        max_duration: duration('The longest a single grant of this role may last.'),
        max_lead_time: duration('How far in the future a scheduled `start` may be (default 7d).'),
        requesters: principals('Who may request this role.'),
        approvers: principals(
          'Whose approval counts for this role. The requester never counts for their own request.',
        ),
        approvals: {
          description:
            'How many distinct approvers must approve the current head commit (at least 1).',
          type: 'integer',
          minimum: 1,
          maximum: 10,
        },
        reason: {
          description: 'Rules for the `reason` of a request.',
          type: 'object',
          additionalProperties: false,
          properties: {
            min_length: {
              description: 'Fewest characters (default 10).',
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
            pattern: {
              description: 'A regular expression the reason must match, e.g. "^(INC|CHG)-[0-9]+".',
              type: 'string',
              maxLength: 200,
            },
            hint: {
              description:
                'Shown when the pattern does not match, e.g. "start with the incident number, like INC-4821".',
              type: 'string',
              maxLength: 200,
            },
          },
        },
        ticket: {
          description:
            'Whether a request must, may or must not carry a `ticket`: required | optional (default) | forbidden, or an object with a pattern.',
          anyOf: [
            { enum: ['required', 'optional', 'forbidden'] },
            {
              type: 'object',
              additionalProperties: false,
              required: ['mode'],
              properties: {
                mode: {
                  description: 'required, optional or forbidden.',
                  enum: ['required', 'optional', 'forbidden'],
                },
                pattern: {
                  description: 'A regular expression the ticket must match, e.g. "^INC-[0-9]+$".',
                  type: 'string',
                  maxLength: 200,
                },
              },
            },
          ],
        },
        params: {
          description:
            "A JSON Schema (type: object) for the request's `params`: the need-to-know scope a requester may choose. Without it, requests may not carry params.",
          type: 'object',
        },
      },
    },
  },
};

/** The full policy schema: the base plus one branch per provider type. */
export function buildPolicySchema(providers: Record<string, { settings: JsonSchema }>): JsonSchema {
  const types = Object.keys(providers).sort();
  const defs: Record<string, JsonSchema> = { ...(base.$defs as Record<string, JsonSchema>) };
  defs.provider = {
    description: `A system where access is given. \`type\` is one of: ${types.join(', ')}.`,
    type: 'object',
    required: ['type'],
    properties: { type: { description: 'The provider type.', enum: types } },
    allOf: types.map((t) => ({
      if: { properties: { type: { const: t } }, required: ['type'] },
      then: { $ref: `#/$defs/provider-${t}` },
    })),
  };
  for (const t of types) defs[`provider-${t}`] = providers[t]!.settings;
  return { ...base, $defs: defs };
}
