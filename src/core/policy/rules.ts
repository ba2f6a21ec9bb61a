import { compilePattern, PATTERN_HELP } from '../pattern.js';
import { problem, quote, type Problem } from '../problem.js';
import { checkSchema } from '../schema-check.js';
import { positionFor } from '../yaml-value.js';
import type { PolicyDoc } from './load.js';
import { paramsSchemaProblems } from './params.js';
import { expandPrincipals, isTeam } from './principals.js';
import type { Policy, ProviderSchemaSet, Role } from './types.js';

type Rule = (policy: Policy, docs: PolicyDoc[], providers: ProviderSchemaSet) => Problem[];

const MAX_DURATION_CAP_SECONDS = 90 * 86400;

const at = (role: Role) => role.origin.at;
const docOf = (docs: PolicyDoc[], file: string) => docs.find((d) => d.path === file);
/** The line of a key inside a role, falling back to the role's own line. */
function roleLine(docs: PolicyDoc[], role: Role, key: string) {
  const doc = docOf(docs, role.origin.file);
  return doc ? positionFor(doc.positions, `/roles/${role.name}/${key}`) : at(role);
}

const adminsDefined: Rule = (policy) =>
  policy.admins.length > 0
    ? []
    : [
        problem(
          'policies/',
          null,
          'E_POLICY_NO_ADMINS',
          'No policy file defines `admins`. Add `admins: ["@your-org/security"]` to one policy file: they own the control plane.',
        ),
      ];

const providersKnown: Rule = (policy, _docs, providers) =>
  [...policy.roles.values()].flatMap((role) =>
    policy.providers.has(role.provider)
      ? []
      : [
          problem(
            role.origin.file,
            at(role),
            'E_POLICY_UNKNOWN_PROVIDER',
            `Role ${JSON.stringify(role.name)} names provider ${JSON.stringify(role.provider)}, which is not defined. Defined providers: ${[...policy.providers.keys()].join(', ') || '(none)'}. Known provider types: ${Object.keys(providers).join(', ')}.`,
          ),
        ],
  );

/** Each role's `grant` must fit its provider type's own schema. */
const grantSettingsFit: Rule = (policy, docs, providers) =>
  [...policy.roles.values()].flatMap((role) => {
    const provider = policy.providers.get(role.provider);
    const schema = provider && providers[provider.type]?.grant;
    const doc = docOf(docs, role.origin.file);
    if (!schema || !doc) return [];
    return checkSchema(schema, role.grant, role.origin.file, doc.positions, {
      label: `roles.${role.name}.grant`,
      pointerBase: `/roles/${role.name}/grant`,
    });
  });

const durationsReadable: Rule = (policy, docs) =>
  [...policy.roles.values()].flatMap((role) => {
    const out: Problem[] = [];
    if (!Number.isFinite(role.maxDurationSeconds) || role.maxDurationSeconds <= 0) {
      out.push(
        problem(
          role.origin.file,
          roleLine(docs, role, 'max_duration'),
          'E_POLICY_DURATION',
          `max_duration of role ${JSON.stringify(role.name)} is not a duration. Write it like 30m, 8h, 1h30m, 7d or PT8H.`,
        ),
      );
    } else if (role.maxDurationSeconds > MAX_DURATION_CAP_SECONDS) {
      out.push(
        problem(
          role.origin.file,
          roleLine(docs, role, 'max_duration'),
          'E_POLICY_DURATION',
          `max_duration of role ${JSON.stringify(role.name)} is longer than 90d, the most grantops allows: temporary access must stay temporary.`,
        ),
      );
    }
    if (!Number.isFinite(role.maxLeadSeconds) || role.maxLeadSeconds < 0) {
      out.push(
        problem(
          role.origin.file,
          roleLine(docs, role, 'max_lead_time'),
          'E_POLICY_DURATION',
          `max_lead_time of role ${JSON.stringify(role.name)} is not a duration. Write it like 1d or 7d.`,
        ),
      );
    }
    return out;
  });

/**
 * Reason and ticket patterns run on requesters' text, on the linear-time engine: each is
 * compiled here, once, and one the engine cannot run is refused where it is written.
 */
const patternsCompile: Rule = (policy, docs) =>
  [...policy.roles.values()].flatMap((role) =>
    (
      [
        ['reason', role.reason.pattern],
        ['ticket', role.ticket.pattern],
      ] as const
    ).flatMap(([key, pattern]) => {
      if (pattern === null) return [];
      const compiled = compilePattern(pattern);
      if (compiled.ok) return [];
      return [
        problem(
          role.origin.file,
          roleLine(docs, role, `${key}/pattern`),
          'E_POLICY_PATTERN',
          `The ${key} pattern ${quote(pattern, 80)} of role ${JSON.stringify(role.name)} cannot be used: ${compiled.reason}. ${PATTERN_HELP}`,
        ),
      ];
    }),
  );

const paramsSchemasValid: Rule = (policy, docs) =>
  [...policy.roles.values()].flatMap((role) => {
    const doc = docOf(docs, role.origin.file);
    if (!role.params || !doc) return [];
    if (role.params.type !== 'object') {
      return [
        problem(
          role.origin.file,
          roleLine(docs, role, 'params'),
          'E_POLICY_PARAMS_SCHEMA',
          `The params schema of role ${JSON.stringify(role.name)} must describe an object (type: object), e.g. { type: object, properties: { schema: { enum: [orders] } }, additionalProperties: false }.`,
        ),
      ];
    }
    return paramsSchemaProblems(role.name, role.params, role.origin.file, doc.positions);
  });

/** Group names that cannot be GitHub logins (they contain `_`) must be defined groups. */
const namesResolve: Rule = (policy, docs) => {
  const out: Problem[] = [];
  const check = (file: string, pointer: string, list: string[], what: string) => {
    const doc = docOf(docs, file);
    for (const name of list) {
      if (!isTeam(name) && name.includes('_') && !policy.groups.has(name)) {
        out.push(
          problem(
            file,
            doc ? positionFor(doc.positions, pointer) : null,
            'E_POLICY_UNKNOWN_GROUP',
            `${what} names ${JSON.stringify(name)}, which is not a group under \`groups\` (and cannot be a GitHub login). Defined groups: ${[...policy.groups.keys()].join(', ') || '(none)'}.`,
          ),
        );
      }
    }
  };
  for (const role of policy.roles.values()) {
    check(
      role.origin.file,
      `/roles/${role.name}/requesters`,
      role.requesters,
      `Role ${JSON.stringify(role.name)} requesters`,
    );
    check(
      role.origin.file,
      `/roles/${role.name}/approvers`,
      role.approvers,
      `Role ${JSON.stringify(role.name)} approvers`,
    );
  }
  for (const [name, members] of policy.groups) {
    const doc = docs.find((d) => d.value.groups && name in d.value.groups);
    if (doc) check(doc.path, `/groups/${name}`, members, `Group ${JSON.stringify(name)}`);
  }
  return out;
};

const groupsAcyclic: Rule = (policy, docs) => {
  const out: Problem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'open') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const doc = docs.find((d) => d.value.groups && name in d.value.groups);
      out.push(
        problem(
          doc?.path ?? 'policies/',
          doc ? positionFor(doc.positions, `/groups/${name}`) : null,
          'E_POLICY_GROUP_CYCLE',
          `Groups contain each other in a cycle: ${cycle.join(' → ')}. Remove one of these memberships.`,
        ),
      );
      return;
    }
    state.set(name, 'open');
    for (const m of policy.groups.get(name) ?? [])
      if (policy.groups.has(m)) visit(m, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of policy.groups.keys()) visit(name, []);
  return out;
};

/**
 * `approvals` must be reachable: more distinct approvers than it asks for must exist. A team's
 * size is unknown offline, so a team among the approvers makes the count unbounded here.
 */
const approvalsReachable: Rule = (policy, docs) =>
  [...policy.roles.values()].flatMap((role) => {
    const { logins, teams } = expandPrincipals(role.approvers, policy.groups);
    if (teams.size > 0 || role.approvals <= logins.size) return [];
    return [
      problem(
        role.origin.file,
        roleLine(docs, role, 'approvals'),
        'E_POLICY_APPROVALS_UNREACHABLE',
        `Role ${JSON.stringify(role.name)} needs ${role.approvals} approvals but only ${logins.size} people can approve (${[...logins].join(', ')}). Lower approvals or add approvers.`,
      ),
    ];
  });

export const policyRules: Rule[] = [
  adminsDefined,
  providersKnown,
  grantSettingsFit,
  durationsReadable,
  patternsCompile,
  paramsSchemasValid,
  namesResolve,
  groupsAcyclic,
  approvalsReachable,
];

export function checkPolicy(
  policy: Policy,
  docs: PolicyDoc[],
  providers: ProviderSchemaSet,
): Problem[] {
  return policyRules.flatMap((rule) => rule(policy, docs, providers));
}
