import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { GitRepo } from '../helpers/gitrepo.js';
import { describeWorkflowRules } from '../helpers/workflow-rules.js';

const SHA = 'a'.repeat(40);
const REF = `acme/grantops@${SHA}`;
const NOW = '2026-03-01T10:00:00Z';

async function initRepo(...extra: string[]): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'grantops-init-')), 'access');
  const r = await cli(tmpdir(), 'init', dir, '--action-ref', REF, ...extra);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return dir;
}

// The workflows a new access repository gets are held to the same rules as this repository's.
const generated = await initRepo('--org', 'acme');
describeWorkflowRules(join(generated, '.github/workflows'));

describe('grantops init', () => {
  it('writes the policies, workflows pinned to the given commit, CODEOWNERS, schemas and a README', () => {
    const files = [
      '.github/CODEOWNERS',
      '.github/workflows/check.yml',
      '.github/workflows/merge.yml',
      '.github/workflows/reconcile.yml',
      'README.md',
      'grants/.gitkeep',
      'policies/access.yaml',
      'schemas/grant.schema.json',
      'schemas/policy.schema.json',
    ];
    for (const f of files) expect(existsSync(join(generated, f)), f).toBe(true);
    expect(existsSync(join(generated, '.github/workflows/ci.yml'))).toBe(false);
    for (const f of readdirSync(join(generated, '.github/workflows'))) {
      const text = readFileSync(join(generated, '.github/workflows', f), 'utf8');
      expect(text).not.toMatch(/uses:\s*\.\/\s*$/m);
      expect(text).toContain(`uses: ${REF}`);
    }
    expect(readFileSync(join(generated, 'policies/access.yaml'), 'utf8')).toContain("'@acme/");
    expect(readFileSync(join(generated, '.github/CODEOWNERS'), 'utf8')).toContain(
      '/grants/orders-db-read/ @acme/db-admins',
    );
  });

  it('gives a repository where codeowners --check passes and a request validates', async () => {
    const dir = await initRepo('--org', 'acme');
    const repo = GitRepo.open(dir);
    repo.commit('Start the access repository', '2026-03-01T09:00:00Z');
    expect((await cli(dir, 'codeowners', '--check')).code).toBe(0);

    const directory = join(dir, '..', 'teams.yaml');
    writeFileSync(
      directory,
      "'@acme/sre-oncall': [alice]\n'@acme/db-admins': [carol]\n'@acme/security': [sam]\n",
    );
    repo.checkout('req', { create: true });
    repo.write(
      'grants/orders-db-read/alice.yaml',
      'duration: 2h\nreason: INC-4821 slow checkout queries need EXPLAIN\n',
    );
    repo.commit('Request orders-db-read', '2026-03-01T09:30:00Z');
    const args = ['validate', '--base', 'main', '--head', 'req', '--now', NOW];
    const ok = await cli(dir, ...args, '--author', 'alice', '--directory', directory);
    expect(ok.stdout).toContain('valid');
    expect(ok.code).toBe(0);
    // The same file by someone who is not on call is refused: the example policies do decide.
    const refused = await cli(dir, ...args, '--author', 'carol', '--directory', directory);
    expect(refused.code).toBe(1);
  });

  it('writes nothing when a file it would write exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grantops-init-'));
    writeFileSync(join(dir, 'README.md'), 'ours\n');
    const r = await cli(dir, 'init', '.', '--action-ref', REF);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('README.md');
    expect(readdirSync(dir)).toEqual(['README.md']);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('ours\n');
  });

  it.each([
    ['no action ref', []],
    ['a tag instead of a commit', ['--action-ref', 'acme/grantops@v1']],
    ['a short commit', ['--action-ref', 'acme/grantops@abc1234']],
    ['a local path', ['--action-ref', `./@${SHA}`]],
    ['a bad organization', ['--action-ref', REF, '--org', '-acme']],
  ])('refuses %s and writes nothing', async (_name, extra) => {
    const dir = mkdtempSync(join(tmpdir(), 'grantops-init-'));
    const r = await cli(dir, 'init', '.', ...extra);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--action-ref|--org/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
