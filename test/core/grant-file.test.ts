import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGrantFile } from '../../src/core/grant.js';
import { loadPolicies } from '../../src/core/policy/load.js';
import type { Role } from '../../src/core/policy/types.js';
import type { Problem } from '../../src/core/problem.js';
import { checkSchema } from '../../src/core/schema-check.js';
import { providerSchemas } from '../../src/providers/schemas.js';

const PATH = 'grants/corpus/alice.yaml';
const loaded = loadPolicies(
  [
    {
      path: 'policies/corpus.yaml',
      text: readFileSync(
        join(import.meta.dirname, '..', 'fixtures', 'policies', 'valid', 'hostile-corpus.yaml'),
        'utf8',
      ),
    },
  ],
  providerSchemas,
);
/** Role `corpus`: params { schema: enum, rows: integer, dry_run: boolean, note: string }. */
const role = loaded.policy.roles.get('corpus') as Role;
const where = (problems: Problem[]) => problems.map((p) => [p.code, p.line, p.column ?? null]);

describe('parseGrantFile', () => {
  it('has a role to read params with', () => {
    expect(loaded.problems).toEqual([]);
    expect(role.params).toBeTruthy();
  });

  it('reads a complete grant file, with positions and the duration in seconds', () => {
    const r = parseGrantFile(
      PATH,
      '# yaml-language-server: $schema=../../schemas/grant.schema.json\nduration: 1h30m\nreason: INC-4821 slow checkout queries\nticket: INC-4821\nstart: 2026-11-26T09:00:00Z\nparams:\n  schema: orders\n',
      role,
    );
    expect(r.problems).toEqual([]);
    expect(r.grant).toEqual({
      duration: '1h30m',
      reason: 'INC-4821 slow checkout queries',
      ticket: 'INC-4821',
      start: '2026-11-26T09:00:00Z',
      params: { schema: 'orders' },
    });
    expect(r.durationSeconds).toBe(5400);
    expect(r.positions?.value.get('/start')).toEqual({ line: 5, column: 8 });
    expect(r.positions?.key.get('/params/schema')).toEqual({ line: 7, column: 3 });
  });

  it("types params by the role's params schema", () => {
    const r = parseGrantFile(
      PATH,
      'duration: 2h\nreason: x\nparams:\n  schema: orders\n  rows: 100\n  dry_run: false\n  note: 100\n',
      role,
    );
    expect(r.grant?.params).toEqual({ schema: 'orders', rows: 100, dry_run: false, note: '100' });
  });

  it('leaves YAML 1.1 spellings in params as text, for the role rules to refuse', () => {
    const r = parseGrantFile(
      PATH,
      'duration: 2h\nreason: x\nparams:\n  rows: 0x10\n  dry_run: yes\n  note: no\n',
      role,
    );
    expect(r.problems).toEqual([]);
    expect(r.grant?.params).toEqual({ rows: '0x10', dry_run: 'yes', note: 'no' });
  });

  it('reads params JSON-shaped when no role is known', () => {
    const r = parseGrantFile(
      PATH,
      'duration: 2h\nreason: x\nparams:\n  rows: 100\n  dry_run: yes\n',
    );
    expect(r.grant?.params).toEqual({ rows: 100, dry_run: 'yes' });
  });

  it('checks only the shape of params (a mapping); the role rules check the rest', () => {
    expect(
      parseGrantFile(PATH, 'duration: 2h\nreason: x\nparams:\n  unknown: 1\n', role).problems,
    ).toEqual([]);
    expect(
      where(parseGrantFile(PATH, 'duration: 2h\nreason: x\nparams: [orders]\n', role).problems),
    ).toEqual([['E_TYPE', 3, 9]]);
  });

  it('keeps duration, reason, ticket and start as the exact text', () => {
    const r = parseGrantFile(
      PATH,
      'duration: 120\nreason: no\nticket: 0777\nstart: 2026-11-26\n',
      role,
    );
    expect(r.problems).toEqual([]);
    expect(r.grant).toEqual({ duration: '120', reason: 'no', ticket: '0777', start: '2026-11-26' });
    expect(r.durationSeconds).toBeNull();
  });

  it('reports missing and unknown keys and wrong types on their lines', () => {
    const r = parseGrantFile(PATH, '# comment\nreason: [a]\nduraton: 2h\n', role);
    expect(r.grant).toBeNull();
    expect(r.durationSeconds).toBeNull();
    expect(where(r.problems)).toEqual([
      ['E_MISSING_KEY', 2, 1],
      ['E_UNKNOWN_KEY', 3, 1],
      ['E_TYPE', 2, 9],
    ]);
    const [missing, unknown, type] = r.problems;
    expect(missing!.message).toContain('`duration`');
    expect(unknown!.message).toContain('"duraton"');
    expect(unknown!.message).toContain('Allowed keys: duration, reason, ticket, start, params');
    expect(type!.message).toBe('`reason` must be a string, not a list.');
  });

  it('says when a number was quoted and when a file is not a mapping', () => {
    const quoted = parseGrantFile(PATH, 'duration: 2h\nreason: x\nparams:\n  rows: "5"\n', role);
    expect(quoted.problems).toEqual([]);
    const rule = checkSchema(role.params!, quoted.grant!.params, PATH, quoted.positions!, {
      label: 'params',
      pointerBase: '/params',
    });
    expect(rule).toEqual([
      {
        path: PATH,
        line: 4,
        column: 9,
        code: 'E_TYPE',
        message: '`params.rows` must be a whole number, not "5". Remove the quotes.',
      },
    ]);
    const list = parseGrantFile(PATH, '- duration: 2h\n', role);
    expect(list.problems).toEqual([
      {
        path: PATH,
        line: 1,
        column: 1,
        code: 'E_TYPE',
        message: 'The file must be a mapping (key: value lines), not a list.',
      },
    ]);
  });

  it('reports an empty or comment-only file as empty', () => {
    for (const text of ['', '# only a comment\n', '---\n']) {
      const r = parseGrantFile(PATH, text, role);
      expect(r.problems.map((p) => [p.code, p.line])).toEqual([['E_EMPTY_FILE', null]]);
      expect(r.grant).toBeNull();
    }
  });

  it('passes YAML problems through without reading the file any further', () => {
    const r = parseGrantFile(PATH, 'duration: &d 2h\nreason: *d\nbogus: 1\n', role);
    expect(where(r.problems)).toEqual([
      ['E_YAML_ANCHOR', 1, 11],
      ['E_YAML_ALIAS', 2, 9],
    ]);
    expect(r.positions).toBeNull();
  });

  it('refuses a value the schema bounds: an overlong reason, with a short message', () => {
    const r = parseGrantFile(PATH, `duration: 2h\nreason: ${'x'.repeat(5000)}\n`, role);
    expect(where(r.problems)).toEqual([['E_SCHEMA', 2, 9]]);
    expect(r.problems[0]!.message.length).toBeLessThan(200);
  });
});

describe('schema problems about hostile input', () => {
  it('keep messages short and their backticks closed, whatever the keys and values', () => {
    const key = `${'k'.repeat(3000)}\`@here`;
    const params = { type: 'object', additionalProperties: { type: 'integer' } };
    const r = parseGrantFile(
      PATH,
      `duration: 2h\nreason: x\nparams:\n  "${key}": ${'v'.repeat(3000)}\n`,
      role,
    );
    const [p] = checkSchema(params, r.grant!.params, PATH, r.positions!, {
      label: 'params',
      pointerBase: '/params',
    });
    expect(p).toMatchObject({ code: 'E_TYPE', line: 4, column: 3 + key.length + 4 });
    expect(p!.message.length).toBeLessThan(200);
    expect(p!.message.match(/`/g)).toHaveLength(2);
  });

  it('spell out invisible characters in quoted values', () => {
    const r = parseGrantFile(
      PATH,
      'duration: 2h\nreason: x\nparams:\n  schema: "orders\\u200b"\n',
      role,
    );
    const problems = checkSchema(role.params!, r.grant!.params, PATH, r.positions!, {
      label: 'params',
      pointerBase: '/params',
    });
    expect(problems.map((p) => p.message)).toEqual([
      '`params.schema` is "orders\\u200b"; allowed: "orders", "billing".',
    ]);
  });

  it('list at most twenty allowed values or keys', () => {
    const many = Array.from({ length: 500 }, (_, i) => `v${i}`);
    const schema = {
      type: 'object',
      properties: { a: { enum: many } },
      additionalProperties: false,
    };
    const positions = { value: new Map(), key: new Map() };
    const [bad] = checkSchema(schema, { a: 'nope' }, PATH, positions);
    expect(bad!.message).toContain('"v19", … (500 in all)');
    expect(bad!.message.length).toBeLessThan(400);
  });
});
