import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCommits } from '../../src/git/run.js';
import { AccessRepo } from '../helpers/access-repo.js';
import { validateArgs } from '../helpers/cli.js';

/**
 * How many git processes a command starts is part of its start-up cost (DESIGN §7: validate
 * within 3× `node -e 0`). A `git` first on PATH logs each run and hands over to the real one.
 */
let repo: AccessRepo;
let shim: string;
let log: string;
let savedPath: string | undefined;
beforeEach(() => {
  repo = new AccessRepo();
  shim = mkdtempSync(join(tmpdir(), 'grantops-git-shim-'));
  log = join(shim, 'runs.log');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(shim, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(shim, 'git'), 0o755);
  writeFileSync(log, '');
  savedPath = process.env.PATH;
  process.env.PATH = `${shim}${delimiter}${savedPath ?? ''}`;
});
afterEach(() => {
  process.env.PATH = savedPath;
  rmSync(shim, { recursive: true, force: true });
  repo.cleanup();
});
const runs = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);

describe('git processes', () => {
  it('validate starts four: rev-parse, ls-tree, diff and one cat-file for every blob', async () => {
    repo
      .branch('req')
      .write('grants/orders-db-read/alice.yaml', 'duration: 2h\nreason: INC-4821 slow queries\n')
      .commit('request');
    writeFileSync(log, '');
    const r = await repo.cli(...validateArgs('alice', '2026-11-25T12:00:00Z'));
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).grants).toHaveLength(1);
    const commands = runs().map((l) =>
      l.split(' ').find((w) => !w.startsWith('-') && !w.includes('=')),
    );
    expect(commands.sort()).toEqual(['cat-file', 'diff', 'ls-tree', 'rev-parse']);
  });

  it('resolveCommits resolves several revisions with one process', async () => {
    writeFileSync(log, '');
    const ids = await resolveCommits(repo.dir, ['main', 'main']);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[0-9a-f]{40}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(runs()).toHaveLength(1);
  });

  it('resolveCommits names the revision that is not a commit, wherever it is in the list', async () => {
    await expect(resolveCommits(repo.dir, ['nope', 'main'])).rejects.toThrow(
      /"nope" is not a commit/,
    );
    await expect(resolveCommits(repo.dir, ['main', 'nope'])).rejects.toThrow(
      /"nope" is not a commit/,
    );
    // A tree is not a commit, and a file of the work tree named like the revision changes nothing.
    await expect(resolveCommits(repo.dir, ['main^{tree}'])).rejects.toThrow(/is not a commit/);
    writeFileSync(join(repo.dir, 'main'), 'a file named main\n');
    await expect(resolveCommits(repo.dir, ['main'])).resolves.toHaveLength(1);
  });
});
