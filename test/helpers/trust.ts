/**
 * Policies for the trust tests: roles that use every rule a landed grant is held to (reason
 * pattern, required ticket, params with a required key, a lead time) and approvers and
 * requesters reachable both as logins and only through a team.
 *
 * - oncall: alice, bob, and the team @acme/sre; dba: carol, dave, and the team @acme/db-admins.
 * - db-read: 1 approval from dba, max 8h (or `max`), start at most 2 days after landing.
 * - db-pair: the same rules, 2 approvals.
 */
export const TRUST_PEOPLE = `admins: ['@acme/security']
groups:
  oncall: [alice, bob, '@acme/sre']
  dba: [carol, dave, '@acme/db-admins']
`;

function role(name: string, approvals: number, max: string): string {
  return `  ${name}:
    description: Read-only SQL
    provider: db
    grant: { role: ${name} }
    max_duration: ${max}
    max_lead_time: 2d
    requesters: [oncall]
    approvers: [dba]
    approvals: ${approvals}
    reason: { min_length: 15, pattern: '^(INC|CHG)-[0-9]+' }
    ticket: { mode: required, pattern: '^INC-[0-9]+$' }
    params:
      type: object
      required: [schema]
      properties:
        schema: { enum: [orders, billing] }
      additionalProperties: false
`;
}

export function trustRoles(o: { max?: string; approvers?: string } = {}): string {
  const text = `providers:
  db:
    type: command
    command: ['./bin/db-access']
roles:
${role('db-read', 1, o.max ?? '8h')}${role('db-pair', 2, o.max ?? '8h')}`;
  return o.approvers ? text.replaceAll('approvers: [dba]', `approvers: ${o.approvers}`) : text;
}

/** A grant file that passes every rule of db-read and db-pair. */
export const GOOD_GRANT =
  'duration: 2h\nreason: INC-1 slow queries on orders\nticket: INC-1\nparams: { schema: orders }\n';
