import { afterEach, describe, expect, it } from 'vitest';
import { BlobReader } from '../../src/git/blob-stream.js';
import { LogParser, firstParentLog, type RawCommit } from '../../src/git/log-stream.js';
import { decodeUtf8 } from '../../src/git/objects.js';
import { readGrants } from '../../src/git/ledger.js';
import { providerSchemas } from '../../src/providers/schemas.js';
import { accessRepo, grantYaml, type GitRepo } from '../helpers/gitrepo.js';
import { execFileSync } from 'node:child_process';

const repos: GitRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

/** The bytes the ledger reads, from the same git command run by hand. */
function rawLog(repo: GitRepo): Buffer {
  return execFileSync(
    'git',
    [
      'log',
      '--first-parent',
      '--reverse',
      '-r',
      '--raw',
      '--no-abbrev',
      '--no-renames',
      '--root',
      '--diff-merges=first-parent',
      '-z',
      '--format=%x01%H%x00%ct%x00%B',
      'main',
    ],
    { cwd: repo.dir },
  );
}

describe('log stream', () => {
  it('parses the same commits whatever the chunk boundaries', async () => {
    const repo = accessRepo();
    repos.push(repo);
    repo
      .write('grants/db-read/alice.yaml', grantYaml('2h'))
      .commit('Grant\n\nReason: with: colons\n\nand \u0001 odd bytes', '2026-01-02T10:00:00Z');
    repo.remove('grants/db-read/alice.yaml').commit('Delete', '2026-01-02T11:00:00Z');
    const whole: RawCommit[] = [];
    for await (const c of firstParentLog(repo.dir, 'main')) whole.push(c);
    // Every first-parent commit, with all its changes, paths in full.
    expect(
      whole.map((c) => [c.message.split('\n')[0], c.changes.map((x) => `${x.status} ${x.path}`)]),
    ).toEqual([
      ['Policies', ['A policies/people.yaml', 'A policies/roles.yaml']],
      ['Grant', ['A grants/db-read/alice.yaml']],
      ['Delete', ['D grants/db-read/alice.yaml']],
    ]);
    expect(whole[1]!.message).toContain('\u0001 odd bytes');
    const bytes = rawLog(repo);
    const p = new LogParser();
    const bytewise: RawCommit[] = [];
    for (let i = 0; i < bytes.length; i++) bytewise.push(...p.feed(bytes.subarray(i, i + 1)));
    bytewise.push(...p.end());
    expect(bytewise).toEqual(whole);
  });

  it('keeps non-UTF-8 and control-character paths byte for byte, and they never grant', async () => {
    const repo = accessRepo();
    repos.push(repo);
    const name = Buffer.from('grants/db-read/al\xefce\x1b[31m.yaml', 'latin1');
    // Write a file whose name is not valid UTF-8 through git's index directly.
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], {
      cwd: repo.dir,
      input: grantYaml('1h'),
    })
      .toString()
      .trim();
    execFileSync(
      'git',
      ['update-index', '--add', '--cacheinfo', `100644,${blob},${name.toString('latin1')}`],
      { cwd: repo.dir, env: { ...process.env, LC_ALL: 'C' } },
    );
    execFileSync('git', ['commit', '-q', '-m', 'Odd'], { cwd: repo.dir });
    const [r] = await readGrants(repo.dir, 'main', { schemas: providerSchemas });
    expect(r!.landing.state).toBe('invalid');
    expect(r!.landing.problems[0]!.code).toBe('E_PATH');
  });
});

describe('blob reader', () => {
  it('reads in order in one process, skips blobs over the cap and reports missing ones', async () => {
    const repo = accessRepo();
    repos.push(repo);
    const put = (s: string) =>
      execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: s })
        .toString()
        .trim();
    const small = put('small\n');
    const big = put('x'.repeat(5000));
    const empty = put('');
    const reader = new BlobReader(repo.dir, 100);
    const [a, b, c, d] = await reader.readMany([small, big, 'f'.repeat(40), empty]);
    await reader.close();
    expect(a).toMatchObject({ size: 6 });
    expect(a!.bytes!.toString()).toBe('small\n');
    expect(b).toEqual({ oid: big, size: 5000, bytes: null });
    expect(c).toMatchObject({ size: null, bytes: null });
    expect(d!.bytes!.length).toBe(0);
  });
});

describe('UTF-8 decoding', () => {
  it('refuses bytes that are not UTF-8 and reads the next file afresh', () => {
    // One decoder serves every file: a refusal must leave nothing behind for the next one.
    expect(decodeUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBeNull();
    expect(decodeUtf8(Buffer.from('ok: é\n'))).toBe('ok: é\n');
    expect(decodeUtf8(Buffer.from([0xc3]))).toBeNull();
    expect(decodeUtf8(Buffer.from([0xa9]))).toBeNull();
  });
});
