import { describe, expect, it } from 'vitest';
import { loadPolicies } from '../../src/core/policy/load.js';
import { expandPrincipals } from '../../src/core/policy/principals.js';
import { providerSchemas } from '../../src/providers/schemas.js';
import { examplePolicyFiles } from '../helpers/policy.js';

const people = {
  path: 'policies/people.yaml',
  text: "admins: ['@acme/security']\ngroups:\n  dba: ['@acme/db-admins', carol]\n",
};
const provider = {
  path: 'policies/db.yaml',
  text: 'providers:\n  db:\n    type: postgres\n    connection_env: DB_URL\n',
};

function role(body: string, name = 'db-read') {
  return {
    path: 'policies/roles.yaml',
    text: `roles:\n  ${name}:\n${body.replace(/^/gm, '    ')}\n`,
  };
}
const BASE_ROLE =
  'description: Read\nprovider: db\ngrant: { role: db_read }\nmax_duration: 8h\nrequesters: [dba]\napprovers: [dba]\napprovals: 1';

const load = (...files: { path: string; text: string }[]) => loadPolicies(files, providerSchemas);
const codes = (r: ReturnType<typeof load>) => r.problems.map((p) => p.code);

describe('loadPolicies', () => {
  it('loads the shipped example policies without problems', () => {
    const { policy, problems } = loadPolicies(examplePolicyFiles(), providerSchemas);
    expect(problems).toEqual([]);
    expect([...policy.roles.keys()].sort()).toEqual([
      'aws-prod-readonly',
      'github-prod-admin',
      'orders-db-read',
      'orders-db-write',
    ]);
    expect(policy.roles.get('orders-db-read')).toMatchObject({
      maxDurationSeconds: 8 * 3600,
      approvals: 1,
      ticket: { mode: 'optional', pattern: null },
    });
    expect(policy.roles.get('orders-db-write')!.ticket).toEqual({
      mode: 'required',
      pattern: '^(INC|CHG)-[0-9]+$',
    });
  });

  it('merges files and expands groups into logins and teams', () => {
    const { policy, problems } = load(people, provider, role(BASE_ROLE));
    expect(problems).toEqual([]);
    const p = expandPrincipals(policy.roles.get('db-read')!.approvers, policy.groups);
    expect([...p.logins]).toEqual(['carol']);
    expect([...p.teams]).toEqual(['@acme/db-admins']);
  });

  const errors: [string, { path: string; text: string }[], string, number | null][] = [
    [
      'a role defined in two files',
      [people, provider, role(BASE_ROLE), { ...role(BASE_ROLE), path: 'policies/zz.yaml' }],
      'E_POLICY_DUPLICATE',
      2,
    ],
    [
      'a group defined twice',
      [
        people,
        provider,
        role(BASE_ROLE),
        { path: 'policies/more.yaml', text: 'groups:\n  dba: [dave]\n' },
      ],
      'E_POLICY_DUPLICATE',
      3,
    ],
    [
      'admins defined twice',
      [people, provider, role(BASE_ROLE), { path: 'policies/more.yaml', text: 'admins: [dave]\n' }],
      'E_POLICY_DUPLICATE',
      1,
    ],
    ['no admins', [provider, role(BASE_ROLE.replace(/dba/g, 'carol'))], 'E_POLICY_NO_ADMINS', null],
    [
      'an unknown provider',
      [people, provider, role(BASE_ROLE.replace('provider: db', 'provider: dbx'))],
      'E_POLICY_UNKNOWN_PROVIDER',
      2,
    ],
    [
      'an unknown provider type',
      [
        people,
        { path: 'policies/db.yaml', text: 'providers:\n  db:\n    type: mysql\n' },
        role(BASE_ROLE),
      ],
      'E_NOT_ALLOWED_VALUE',
      3,
    ],
    [
      'provider settings missing a key',
      [
        people,
        { path: 'policies/db.yaml', text: 'providers:\n  db:\n    type: postgres\n' },
        role(BASE_ROLE),
      ],
      'E_MISSING_KEY',
      3,
    ],
    [
      'grant settings that do not fit the provider',
      [people, provider, role(BASE_ROLE.replace('{ role: db_read }', '{ team: x }'))],
      'E_UNKNOWN_KEY',
      5,
    ],
    [
      'an unknown group (not a possible login)',
      [people, provider, role(BASE_ROLE.replace('requesters: [dba]', 'requesters: [db_admins]'))],
      'E_POLICY_UNKNOWN_GROUP',
      7,
    ],
    [
      'a group cycle',
      [
        {
          path: 'policies/people.yaml',
          text: "admins: ['@acme/security']\ngroups:\n  a: [b]\n  b: [c]\n  c: [a]\n",
        },
        provider,
        role(BASE_ROLE.replace(/dba/g, 'a')),
      ],
      'E_POLICY_GROUP_CYCLE',
      3,
    ],
    [
      'an invalid params schema',
      [
        people,
        provider,
        role(`${BASE_ROLE}\nparams: { type: object, properties: { x: { type: strng } } }`),
      ],
      'E_POLICY_PARAMS_SCHEMA',
      10,
    ],
    [
      'a params schema that is not an object',
      [people, provider, role(`${BASE_ROLE}\nparams: { type: string }`)],
      'E_POLICY_PARAMS_SCHEMA',
      10,
    ],
    [
      'approvals nobody can reach',
      [
        people,
        provider,
        role(
          BASE_ROLE.replace('approvers: [dba]', 'approvers: [carol, dave]').replace(
            'approvals: 1',
            'approvals: 3',
          ),
        ),
      ],
      'E_POLICY_APPROVALS_UNREACHABLE',
      9,
    ],
    [
      'an unreadable max_duration',
      [people, provider, role(BASE_ROLE.replace('8h', '8 hours'))],
      'E_POLICY_DURATION',
      6,
    ],
    [
      'a max_duration over 90 days',
      [people, provider, role(BASE_ROLE.replace('8h', '100d'))],
      'E_POLICY_DURATION',
      6,
    ],
    [
      'an invalid reason pattern',
      [people, provider, role(`${BASE_ROLE}\nreason: { pattern: "([" }`)],
      'E_POLICY_PATTERN',
      10,
    ],
    [
      'a hostile YAML policy',
      [people, provider, { path: 'policies/roles.yaml', text: 'roles: &r\n  x: *r\n' }],
      'E_YAML_ANCHOR',
      1,
    ],
    ['no policy files at all', [], 'E_POLICY_MISSING', null],
  ];
  it.each(errors)('reports %s with a code and a line', (_name, files, code, line) => {
    const r = load(...files);
    expect(codes(r)).toContain(code);
    const p = r.problems.find((x) => x.code === code)!;
    expect(p.line).toBe(line);
    expect(p.message.length).toBeGreaterThan(20);
  });

  it('types role grant settings by the provider type, even across files', () => {
    const aws = {
      path: 'policies/a-aws.yaml',
      text: 'roles:\n  ro:\n    description: Read\n    provider: aws\n    grant:\n      account_id: 011122223333\n      permission_set_arn: arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-0a1b2c3d4e5f6a7b\n    max_duration: 1h\n    requesters: [dba]\n    approvers: [dba]\n    approvals: 1\n',
    };
    const providerFile = {
      path: 'policies/z-providers.yaml',
      text: 'providers:\n  aws:\n    type: aws-identity-center\n    instance_arn: arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6\n    identity_store_id: d-9067a1b2c3\n    region: eu-west-1\n',
    };
    const r = load(people, aws, providerFile);
    expect(r.problems).toEqual([]);
    expect(r.policy.roles.get('ro')!.grant.account_id).toBe('011122223333');
  });

  it('names the defined providers and known types when a role names an unknown provider', () => {
    const r = load(people, provider, role(BASE_ROLE.replace('provider: db', 'provider: dbx')));
    expect(r.problems[0]!.message).toMatch(
      /Defined providers: db\. Known provider types: postgres, github-team, aws-identity-center, command/,
    );
  });
});
