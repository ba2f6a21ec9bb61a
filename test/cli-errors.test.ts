import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../src/cli.js';
import { commands } from '../src/commands/index.js';
import { cli } from './helpers/cli.js';
import { accessRepo, type GitRepo } from './helpers/gitrepo.js';

/**
 * What the CLI says when it cannot start: each cause its own code and message, exit 2, and in
 * JSON the same error on stdout. Run through runCli, as `grantops` runs.
 */

let scratch: string;
beforeAll(() => (scratch = mkdtempSync(join(tmpdir(), 'grantops-cli-'))));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every command that reads the repository, with the flags it needs to get that far. */
const READERS: string[][] = [
  ['validate', '--base', 'main', '--head', 'main', '--author', 'alice'],
  ['codeowners', '--check'],
  ['status'],
  ['audit'],
  ['plan'],
  ['reconcile', '--dry-run'],
];

async function expectError(dir: string, code: string, message: RegExp, argv = READERS) {
  for (const args of argv) {
    const r = await cli(scratch, ...args, '--repo', dir);
    expect(r.code, args[0]).toBe(2);
    expect(r.stderr, args[0]).toMatch(message);
    expect(r.stderr, args[0]).not.toMatch(/unexpected error|\n\s+at /);
    const j = await cli(scratch, ...args, '--repo', dir, '--format', 'json');
    expect(j.code, args[0]).toBe(2);
    expect(JSON.parse(j.stdout).error, args[0]).toMatchObject({ code });
  }
}

describe('errors before anything is read', () => {
  it('a --repo folder that does not exist', async () => {
    const missing = join(scratch, 'no-such-folder');
    await expectError(missing, 'E_REPO_NOT_FOUND', /The folder ".*no-such-folder" does not exist/);
  });

  it('a --repo that is a file', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    await expectError(file, 'E_REPO_NOT_FOUND', /"[^"]*a-file" is a file, not a folder/);
  });

  it('a --repo folder that is not a git repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'grantops-plain-'));
    try {
      await expectError(plain, 'E_NOT_A_GIT_REPO', /is not a git repository \(nor inside one\)/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('git missing from PATH', async () => {
    const repo = accessRepo();
    const path = process.env.PATH;
    // git is looked up on this process's PATH; test files run in workers of their own.
    process.env.PATH = join(scratch, 'empty-bin');
    try {
      await expectError(repo.dir, 'E_GIT_NOT_FOUND', /there is no git on PATH/);
    } finally {
      process.env.PATH = path;
      repo.cleanup();
    }
  });
});

describe('a policy file over the size cap', () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = accessRepo();
    repo.remove('policies/people.yaml').remove('policies/roles.yaml');
    repo.write('policies/all.yaml', `# padding\n${'#'.repeat(1024 * 1024)}\n`);
    repo.commit('One oversized policy file', '2026-01-01T01:00:00Z');
  });
  afterAll(() => repo.cleanup());

  it('is named with its size and the cap, never as "no policy files"', async () => {
    for (const args of [
      ['validate', '--base', 'main', '--head', 'main', '--author', 'alice'],
      ['codeowners', '--check'],
    ]) {
      const r = await cli(repo.dir, ...args, '--repo', repo.dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /policies\/all\.yaml: E_FILE_TOO_LARGE: This policy file is 1048587 bytes, over the 1048576 bytes/,
      );
      expect(r.stderr).not.toMatch(/No policy files/);
      const j = await cli(repo.dir, ...args, '--repo', repo.dir, '--format', 'json');
      const error = JSON.parse(j.stdout).error;
      expect(error.code).toBe('E_POLICY_INVALID');
      const codes = error.problems.map((p: { code: string }) => p.code);
      expect(codes[0]).toBe('E_FILE_TOO_LARGE');
      expect(codes).not.toContain('E_POLICY_MISSING');
    }
  });
});

describe('usage', () => {
  it('an unknown command lists the commands; a bad --format names the allowed ones', async () => {
    const r = await cli(scratch, 'vaildate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "vaildate". Commands: validate, codeowners');
    const f = await cli(scratch, 'status', '--format', 'yaml');
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('--format "yaml" is not one of text, json');
  });

  it('the help lists every command with its own summary, without loading any of them', async () => {
    // A command added to commands/index.ts is added to CATALOGUE in src/cli.ts too.
    expect(Object.keys(CATALOGUE).sort()).toEqual(Object.keys(commands).sort());
    for (const [name, entry] of Object.entries(CATALOGUE)) {
      const command = await entry.load();
      expect(command.name).toBe(name);
      expect(entry.summary).toBe(commands[name]!.summary);
    }
    const r = await cli(scratch, 'help');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').map((l) => l.trim().split(/\s{2,}/));
    for (const [name, entry] of Object.entries(CATALOGUE))
      expect(lines).toContainEqual([name, entry.summary]);
  });
});
