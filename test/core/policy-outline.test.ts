import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicies, type SourceFile } from '../../src/core/policy/load.js';
import { keepRoles, outlineRoles } from '../../src/core/policy/outline.js';
import { providerSchemas } from '../../src/providers/schemas.js';

/**
 * `validate` reads only the roles a request touches: the other entries under `roles:` are
 * blanked out of each policy file before the strict reader sees it. What it keeps must read
 * exactly as it does in the whole file, and a file whose lines could mislead is kept whole.
 */
const people: SourceFile = {
  path: 'policies/people.yaml',
  text: "# who\nadmins: ['@acme/security']\ngroups:\n  dba: ['@acme/db-admins', carol, dave]\n  oncall: [erin, 'frank']\n",
};
const provider: SourceFile = {
  path: 'policies/db.yaml',
  text: 'providers:\n  db:\n    type: postgres\n    connection_env: DB_URL # the secret\n',
};

/** Role bodies written the ways people write YAML, including text that looks like structure. */
const descriptions = [
  'description: Read the orders',
  "description: 'It''s read-only: # not a comment'",
  'description: "Quoted \\"twice\\", with a [bracket and a {brace"',
  'description: |\n  Several lines, one of them\n  r999:\n    looks like a role\n  and "an open quote',
  "description: >-\n  Folded [text\n  with a { and a '",
  'description: A plain scalar\n  continued on the next line',
];
const extras = [
  '',
  "reason: { min_length: 15, pattern: '^(INC|CHG)-[0-9]+' }",
  'ticket: { mode: required, pattern: "^INC-[0-9]+$" }',
  'params:\n  type: object\n  properties:\n    schema: { enum: [orders, billing] }\n  additionalProperties: false',
  '# a comment in the role\nmax_lead_time: 3d',
];
const roleBody = (description: string, extra: string, approvers: string) =>
  [
    description,
    'provider: db',
    'grant: { role: db_read }',
    'max_duration: 8h',
    'requesters: [oncall, dba]',
    `approvers: [${approvers}]`,
    'approvals: 1',
    extra,
  ]
    .filter(Boolean)
    .join('\n');
const indentBy = (text: string, n: number) => text.replace(/^(?=.)/gm, ' '.repeat(n));

const roleFile = fc
  .tuple(
    fc.integer({ min: 1, max: 4 }),
    fc.constantFrom(2, 4),
    fc.array(
      fc.tuple(
        fc.constantFrom(...descriptions),
        fc.constantFrom(...extras),
        fc.constantFrom('dba', 'carol, dave'),
        fc.constantFrom('', '\n', '\n# between roles\n', '\n  # indented comment\n'),
      ),
      { minLength: 1, maxLength: 5 },
    ),
  )
  .map(([fileNo, indent, roles]) => ({
    path: `policies/roles-${fileNo}.yaml`,
    text: `# yaml-language-server: $schema=../schemas/policy.schema.json\nroles:\n${roles
      .map(
        ([d, e, a, gap], i) =>
          `${' '.repeat(indent)}r${fileNo}-${i}:\n${indentBy(roleBody(d, e, a), indent * 2)}\n${gap}`,
      )
      .join('')}`,
  }));

const load = (files: SourceFile[], roles?: string[]) =>
  loadPolicies(files, providerSchemas, roles ? { roles } : {});

describe('reading only the roles a request touches', () => {
  it('reads each kept role, and everything else a decision uses, as the whole file does', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(roleFile, { selector: (f) => f.path, minLength: 1, maxLength: 3 }),
        fc.func(fc.boolean()),
        (roleFiles, pick) => {
          const files = [people, provider, ...roleFiles];
          const full = load(files);
          expect(full.problems).toEqual([]);
          const names = [...full.policy.roles.keys()];
          const keep = names.filter((n) => pick(n));
          const part = load(files, keep);
          expect(part.problems).toEqual([]);
          expect([...part.policy.roles.keys()].sort()).toEqual([...keep].sort());
          for (const name of keep)
            expect(part.policy.roles.get(name)).toEqual(full.policy.roles.get(name));
          expect(part.policy.groups).toEqual(full.policy.groups);
          expect(part.policy.providers).toEqual(full.policy.providers);
          expect(part.policy.admins).toEqual(full.policy.admins);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('outlines the roles of a plain file, block scalars included', () => {
    const text =
      'roles:\n  a:\n    description: |\n      x\n  b:\n    description: y\n\n# end\nadmins: [sam]\n';
    const outline = outlineRoles(text)!;
    expect(outline.entries.map((e) => [e.name, text.slice(e.from, e.to)])).toEqual([
      ['a', '  a:\n    description: |\n      x\n'],
      ['b', '  b:\n    description: y\n\n# end\n'],
    ]);
    expect(keepRoles([{ path: 'p.yaml', text }], new Set(['b']))).toEqual([
      {
        path: 'p.yaml',
        text: 'roles:\n\n\n\n  b:\n    description: y\n\n# end\nadmins: [sam]\n',
      },
    ]);
  });

  it.each([
    ['a quoted scalar that goes on over lines', 'roles:\n  a:\n    description: "one\n  b: two"\n'],
    ['a single-quoted one', "roles:\n  a:\n    description: 'one\n  b: two'\n"],
    ['a flow mapping over lines', 'roles:\n  a: { description: one,\n  b: two }\n'],
    ['a flow sequence above the roles', 'admins: [sam,\nroles:\n  b: x\n]\n'],
    ['a tab', 'roles:\n\ta:\n    description: x\n'],
    ['carriage returns', 'roles:\r\n  a:\r\n    description: x\r\n'],
    ['a quoted role name', 'roles:\n  "a":\n    description: x\n'],
    ['roles written as a flow mapping', 'roles: { a: { description: x } }\n'],
    ['a block scalar with an explicit indentation', 'roles:\n  a:\n    description: |2\n  b: x\n'],
    [
      'a role less indented than the first',
      'roles:\n    a:\n      description: x\n  b:\n    description: y\n',
    ],
    ['roles twice', 'roles:\n  a: {}\nroles:\n  b: {}\n'],
  ])('keeps a file whole when its lines could mislead: %s', (_name, text) => {
    expect(outlineRoles(text)).toBeNull();
    const files = [{ path: 'policies/x.yaml', text }];
    // Kept as it is: the strict reader then judges the whole text, as without outlines.
    expect(keepRoles(files, new Set(['zzz']))).toBeNull();
  });

  it('never makes a role out of text that only looks like one', () => {
    const text =
      'roles:\n  a:\n    description: "not a role:\n  b:\n    description: still the text of a"\n';
    const files = [people, provider, { path: 'policies/r.yaml', text }];
    expect(keepRoles(files, new Set(['b']))).toBeNull();
    expect(load(files, ['b']).policy.roles.has('b')).toBe(false);
  });

  it('reads the whole policy when a named role is in no outline, so suggestions list every role', () => {
    const files = [
      people,
      provider,
      {
        path: 'policies/r.yaml',
        text: `roles:\n  db-read:\n${indentBy(roleBody('description: x', '', 'dba'), 4)}\n  db-write:\n${indentBy(roleBody('description: y', '', 'dba'), 4)}\n`,
      },
    ];
    expect(keepRoles(files, new Set(['db-reed']))).toBeNull();
    expect([...load(files, ['db-reed']).policy.roles.keys()]).toEqual(['db-read', 'db-write']);
    expect([...load(files, ['db-write']).policy.roles.keys()]).toEqual(['db-write']);
  });

  it('reports a kept role’s problems on their lines, and a role defined twice', () => {
    const slow = roleBody('description: x', '', 'dba').replace('8h', '8 hours');
    const a = {
      path: 'policies/a.yaml',
      text: `roles:\n  x:\n${indentBy(slow, 4)}\n  y:\n    provider: nowhere\n`,
    };
    const b = {
      path: 'policies/b.yaml',
      text: `roles:\n  x:\n${indentBy(roleBody('description: x', '', 'dba'), 4)}\n`,
    };
    const p = load([people, provider, a, b], ['x']).problems;
    expect(p.map((q) => [q.path, q.line, q.code])).toEqual([
      ['policies/b.yaml', 2, 'E_POLICY_DUPLICATE'],
      ['policies/a.yaml', 6, 'E_POLICY_DURATION'],
    ]);
    // The role nobody asked about goes unread, and so unreported; read whole, it is.
    expect(load([people, provider, a, b]).problems.map((q) => [q.path, q.line])).toContainEqual([
      'policies/a.yaml',
      11,
    ]);
  });

  it('reads a policy whose roles were all left out as one without roles', () => {
    const files = [
      people,
      provider,
      {
        path: 'policies/r.yaml',
        text: `roles:\n  db-read:\n${indentBy(roleBody('description: x', '', 'dba'), 4)}\n`,
      },
    ];
    const r = load(files, []);
    expect(r.problems).toEqual([]);
    expect(r.policy.roles.size).toBe(0);
  });
});
