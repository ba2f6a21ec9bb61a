import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessRepo } from '../helpers/access-repo.js';
import { validateArgs } from '../helpers/cli.js';

const NOW = '2026-11-25T12:00:00Z';
const GOOD = 'duration: 2h\nreason: INC-4821 slow checkout queries need EXPLAIN\n';

let repo: AccessRepo;
let directory: string;
beforeEach(() => {
  repo = new AccessRepo();
  directory = join(repo.dir, '..', `${repo.dir.split('/').pop()}-directory.yaml`);
  writeFileSync(
    directory,
    "'@acme/sre-oncall': [olga]\n'@acme/engineering': [erin, bob]\n'@acme/db-admins': [dana]\n'@acme/security': [sam]\n",
  );
});
afterEach(() => repo.cleanup());

async function validate(author: string, ...extra: string[]) {
  const r = await repo.cli(...validateArgs(author, NOW), '--directory', directory, ...extra);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : null };
}

describe('grantops validate on a real repository', () => {
  it('accepts a request and reports it in the JSON contract shape', async () => {
    repo.branch('req').write('grants/orders-db-read/alice.yaml', GOOD).commit('request');
    const r = await validate('alice');
    expect(r.code).toBe(0);
    expect(r.json).toEqual({
      valid: true,
      approved: null,
      grants: [
        {
          path: 'grants/orders-db-read/alice.yaml',
          role: 'orders-db-read',
          requester: 'alice',
          change: 'added',
          duration_seconds: 7200,
          approvals_required: 1,
        },
      ],
      problems: [],
    });
  });

  it('exits 0 with --approved-by only when the approvals meet the policy', async () => {
    repo.branch('req').write('grants/orders-db-read/alice.yaml', GOOD).commit('request');
    expect((await validate('alice', '--approved-by', 'dana')).code).toBe(0);
    const r = await validate('alice', '--approved-by', 'dana', '--committers', 'dana');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ valid: true, approved: false });
    expect(r.json.problems.map((p: { code: string }) => p.code)).toEqual(['E_APPROVALS_MISSING']);
  });

  it('reads policies from the base, never from the change under review', async () => {
    repo
      .branch('req')
      .write(
        'grants/orders-db-read/alice.yaml',
        'duration: 100h\nreason: INC-4821 slow checkout queries\n',
      );
    repo.write('policies/databases.yaml', 'roles: {}\n').commit('request and a policy change');
    const r = await validate('alice');
    expect(r.code).toBe(1);
    expect(r.json.problems.map((p: { code: string }) => p.code).sort()).toEqual([
      'E_DURATION_TOO_LONG',
      'E_SCOPE',
    ]);
  });

  it("judges only the pull request's own changes when the base branch moved on", async () => {
    repo.branch('req').write('grants/orders-db-read/alice.yaml', GOOD).commit('request');
    repo.git('checkout', '-q', 'main');
    repo.write('policies/extra.yaml', 'groups:\n  extra: [zed]\n').commit('admins add a group');
    const r = await validate('alice');
    expect(r.json.problems).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('rejects a symlinked grant file and a submodule', async () => {
    repo
      .branch('req')
      .symlink('grants/orders-db-read/alice.yaml', '../../policies/people.yaml')
      .commit('symlink');
    const r = await validate('alice');
    expect(r.json.problems.map((p: { code: string }) => p.code)).toEqual(['E_NOT_REGULAR_FILE']);
    expect(r.code).toBe(1);
  });

  it('refuses an oversized file before parsing and a file that is not UTF-8', async () => {
    repo
      .branch('req')
      .write('grants/orders-db-read/alice.yaml', `${GOOD}# ${'x'.repeat(40_000)}\n`)
      .commit('big');
    expect((await validate('alice')).json.problems.map((p: { code: string }) => p.code)).toEqual([
      'E_FILE_TOO_LARGE',
    ]);
    repo
      .write(
        'grants/orders-db-read/alice.yaml',
        Buffer.from('duration: 2h\nreason: INC-4821 caf\xe9 latin-1 bytes\n', 'latin1'),
      )
      .commit('latin1');
    expect((await validate('alice')).json.problems.map((p: { code: string }) => p.code)).toEqual([
      'E_ENCODING',
    ]);
  });

  it("rejects paths outside the allow-list on git's own bytes", async () => {
    repo
      .branch('req')
      .write('grants/orders-db-read/alice\u200b.yaml', GOOD)
      .write('grants/Orders-DB-read/alice.yaml', GOOD)
      .commit('tricky paths');
    const r = await validate('alice');
    expect(r.json.problems.map((p: { code: string }) => p.code)).toEqual(['E_PATH', 'E_PATH']);
  });

  it('lets the requester revoke without approvals and refuses others', async () => {
    repo.write('grants/orders-db-read/alice.yaml', GOOD).commit('granted earlier');
    repo.branch('req').remove('grants/orders-db-read/alice.yaml').commit('revoke');
    const mine = await validate('alice', '--approved-by', '');
    expect(mine.json).toMatchObject({
      valid: true,
      approved: true,
      grants: [{ change: 'revoked' }],
    });
    expect(mine.code).toBe(0);
    expect((await validate('dana')).code).toBe(0);
    const other = await validate('erin');
    expect(other.json.problems.map((p: { code: string }) => p.code)).toEqual([
      'E_REVOKE_NOT_ALLOWED',
    ]);
    expect(other.code).toBe(1);
  });

  it('marks a change to an existing grant as a renewal', async () => {
    repo.write('grants/orders-db-read/alice.yaml', GOOD).commit('granted earlier');
    repo
      .branch('req')
      .write('grants/orders-db-read/alice.yaml', GOOD.replace('2h', '4h'))
      .commit('renew');
    const r = await validate('alice');
    expect(r.json.grants).toMatchObject([{ change: 'renewed', duration_seconds: 14400 }]);
  });

  it('fails closed without a directory when eligibility depends on a team', async () => {
    repo.branch('req').write('grants/orders-db-read/erin.yaml', GOOD).commit('request');
    const r = await repo.cli(...validateArgs('erin', NOW));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).problems[0].code).toBe('E_TEAM_UNRESOLVED');
  });

  it('prints a readable text report with file, line and code', async () => {
    repo
      .branch('req')
      .write(
        'grants/orders-db-read/alice.yaml',
        'duration: 12h\nreason: INC-4821 slow checkout queries\n',
      )
      .commit('request');
    const r = await repo.cli(
      'validate',
      '--base',
      'main',
      '--head',
      'req',
      '--author',
      'alice',
      '--now',
      NOW,
      '--directory',
      directory,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ not a valid access request by alice');
    expect(r.stdout).toContain('grants/orders-db-read/alice.yaml:1:11: E_DURATION_TOO_LONG');
  });

  it('exits 2 on invalid policies at the base, naming the problem', async () => {
    repo
      .write('policies/broken.yaml', 'roles:\n  x:\n    provider: nowhere\n')
      .commit('broken policy');
    repo.branch('req').write('grants/orders-db-read/alice.yaml', GOOD).commit('request');
    const r = await validate('alice');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('policies/broken.yaml:3');
    expect(r.stderr).toContain('E_MISSING_KEY');
  });

  it('exits 2 on usage errors', async () => {
    expect((await repo.cli('validate', '--base', 'main')).code).toBe(2);
    expect(
      (await repo.cli('validate', '--base', 'main', '--head', 'nope', '--author', 'a')).stderr,
    ).toContain('"nope" is not a commit');
    expect((await repo.cli('validate', '--bogus')).code).toBe(2);
    expect((await repo.cli('nosuchcommand')).stderr).toContain('Commands: validate');
  });
});

describe('errors in JSON mode', () => {
  it('prints the error as JSON on stdout as well as text on stderr', async () => {
    repo
      .write('policies/broken.yaml', 'roles:\n  x:\n    provider: nowhere\n')
      .commit('broken policy');
    repo.branch('req').write('grants/orders-db-read/alice.yaml', GOOD).commit('request');
    const r = await validate('alice');
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe('E_POLICY_INVALID');
    expect(r.json.error.problems[0]).toMatchObject({
      path: 'policies/broken.yaml',
      line: 3,
      code: 'E_MISSING_KEY',
    });
  });
});
