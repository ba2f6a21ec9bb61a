import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliWith } from '../helpers/cli.js';
import { GitRepo } from '../helpers/gitrepo.js';
import { ROOT } from '../helpers/policy.js';

/**
 * `validate` through the CLI on a real repository: patterns a policy writes are refused where
 * the engine cannot bound them, a hostile request against a catastrophic pattern is answered,
 * and only the roles a request touches are read. The provider is a command that records every
 * call: no run here may reach it.
 */
const NOW = '2026-11-25T12:00:00Z';
const RECORDER = join(ROOT, 'test', 'fixtures', 'commands', 'record-call.mjs');
const PEOPLE =
  "admins: ['@acme/security']\ngroups:\n  dba: [carol, dave]\nproviders:\n  tool:\n    type: command\n" +
  `    command: ['${RECORDER}']\n    env: [CALL_LOG]\n`;
const role = (name: string, extra = '') =>
  `  ${name}:\n    description: Read\n    provider: tool\n    grant: { target: ${name} }\n    max_duration: 8h\n    requesters: [dba]\n    approvers: [dba]\n    approvals: 1\n${extra}`;

let repo: GitRepo;
let log: string;
beforeEach(() => {
  repo = GitRepo.create();
  log = join(repo.dir, '..', `${repo.dir.split('/').pop()}-calls.log`);
});
afterEach(() => repo.cleanup());

function policies(roles: string): void {
  repo.write('policies/people.yaml', PEOPLE);
  repo.write('policies/roles.yaml', `roles:\n${roles}`);
  repo.write('grants/.gitkeep', '');
  repo.commit('policies', '2026-11-20T10:00:00Z');
}

async function validate(path: string, text: string) {
  repo.git(['checkout', '-q', '-B', 'req', 'main']);
  repo.write(path, text);
  repo.commit('request', '2026-11-21T10:00:00Z');
  const r = await cliWith(
    { env: { CALL_LOG: log } },
    repo.dir,
    'validate',
    '--base',
    'main',
    '--head',
    'req',
    '--author',
    'carol',
    '--now',
    NOW,
    '--format',
    'json',
    '--repo',
    repo.dir,
  );
  // validate decides; it never provisions.
  expect(existsSync(log)).toBe(false);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : null };
}

describe('validate and the patterns a policy writes', () => {
  it('exits 2 on a pattern the linear-time engine cannot run, naming its file and line', async () => {
    policies(role('db-read', "    reason: { pattern: '^(?=INC)INC-[0-9]+' }\n"));
    const r = await validate('grants/db-read/carol.yaml', 'duration: 1h\nreason: INC-1 looking\n');
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe('E_POLICY_INVALID');
    expect(r.json.error.problems).toEqual([
      expect.objectContaining({ path: 'policies/roles.yaml', line: 10, code: 'E_POLICY_PATTERN' }),
    ]);
    expect(r.stderr).toContain('policies/roles.yaml:10');
  });

  it('answers a hostile reason and params against catastrophic patterns', async () => {
    policies(
      role(
        'db-read',
        "    reason: { pattern: '^(a+)+$' }\n    params:\n      type: object\n      properties:\n        table: { type: string, pattern: '^(a+)+$' }\n",
      ),
    );
    const r = await validate(
      'grants/db-read/carol.yaml',
      `duration: 1h\nreason: ${'a'.repeat(400)}!\nparams:\n  table: ${'a'.repeat(5_000)}!\n`,
    );
    expect(r.code).toBe(1);
    expect(r.json.valid).toBe(false);
    expect(r.json.problems.map((p: { code: string; line: number }) => [p.code, p.line])).toEqual([
      ['E_REASON_PATTERN', 2],
      ['E_PARAMS_SCHEMA', 4],
    ]);
  });
});

describe('validate reads the roles a request touches', () => {
  const GOOD = 'duration: 1h\nreason: looking at slow queries\n';

  it('decides a request while a role it does not touch is broken', async () => {
    policies(`${role('db-read')}  broken:\n    provider: nowhere\n`);
    const r = await validate('grants/db-read/carol.yaml', GOOD);
    expect(r.code).toBe(0);
    expect(r.json.valid).toBe(true);
  });

  it('exits 2 when the role it touches is broken, naming the line', async () => {
    policies(`${role('db-read')}  broken:\n    provider: nowhere\n`);
    const r = await validate('grants/broken/carol.yaml', GOOD);
    expect(r.code).toBe(2);
    const where = r.json.error.problems.map((p: { path: string; line: number; code: string }) => [
      p.path,
      p.line,
      p.code,
    ]);
    expect(new Set(where.map(String))).toEqual(new Set(['policies/roles.yaml,11,E_MISSING_KEY']));
  });

  it('reads every role to suggest one for an unknown name', async () => {
    policies(`${role('db-read')}${role('db-write')}`);
    const r = await validate('grants/db-reed/carol.yaml', GOOD);
    expect(r.code).toBe(1);
    const unknown = r.json.problems.find((p: { code: string }) => p.code === 'E_UNKNOWN_ROLE');
    expect(unknown.message).toContain('db-read');
  });
});
