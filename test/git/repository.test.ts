import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitRepository } from '../../src/git/repository.js';
import { GitRepo } from '../helpers/gitrepo.js';

/** The GitRepository port over real repositories: the operations the forges use beyond refs. */

const repos: GitRepo[] = [];
const make = () => {
  const r = GitRepo.create();
  repos.push(r);
  return r;
};
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

describe('gitRepository', () => {
  it('lists the commits of base..head oldest first, with identities as written', async () => {
    const r = make();
    const base = r.write('a', '1').commit('base', '2026-11-20T10:00:00Z');
    r.checkout('topic', { create: true });
    const one = r.write('b', '1').commit('one', '2026-11-20T10:01:00Z', { author: 'Ann Lee' });
    const two = r.write('c', '1').commit('two', '2026-11-20T10:02:00Z');
    const commits = await gitRepository(r.dir).commitsBetween(base, two);
    expect(commits).toEqual([
      {
        sha: one,
        author: { name: 'Ann Lee', email: 'Ann Lee@example.com' },
        committer: { name: 'Test', email: 'test@example.com' },
      },
      {
        sha: two,
        author: { name: 'Test', email: 'test@example.com' },
        committer: { name: 'Test', email: 'test@example.com' },
      },
    ]);
    expect(await gitRepository(r.dir).commitsBetween(two, two)).toEqual([]);
  });

  it('finds the fork point, the first parent, and what a branch changes', async () => {
    const r = make();
    const root = r
      .write('keep', 'k')
      .write('gone', 'g')
      .write('moved', 'm')
      .commit('root', '2026-11-20T10:00:00Z');
    r.checkout('topic', { create: true });
    r.remove('gone').write('keep', 'k2').write('caf\u00e9', 'x');
    r.git(['mv', 'moved', 'renamed']);
    const head = r.commit('topic', '2026-11-20T10:01:00Z');
    r.checkout('main');
    const main = r.write('other', 'o').commit('main moves on', '2026-11-20T10:02:00Z');
    const git = gitRepository(r.dir);
    expect(await git.mergeBase(main, head)).toBe(root);
    expect(await git.firstParent(head)).toBe(root);
    expect(await git.firstParent(root)).toBeNull();
    const changes = await git.changedPaths(root, head);
    // A rename is a deletion and an addition; a non-ASCII name keeps its bytes (latin1).
    expect(changes).toEqual([
      { status: 'A', path: Buffer.from('caf\u00e9').toString('latin1') },
      { status: 'D', path: 'gone' },
      { status: 'M', path: 'keep' },
      { status: 'D', path: 'moved' },
      { status: 'A', path: 'renamed' },
    ]);
  });

  it('says when two commits share no history', async () => {
    const r = make();
    const a = r.write('a', '1').commit('a', '2026-11-20T10:00:00Z');
    r.git(['checkout', '-q', '--orphan', 'other']);
    const b = r.write('b', '1').commit('b', '2026-11-20T10:01:00Z');
    await expect(gitRepository(r.dir).mergeBase(a, b)).rejects.toMatchObject({
      code: 'E_GIT',
      message: expect.stringMatching(/no history in common/),
    });
  });

  it('reads objects at a path, blobs as text, and sets refs', async () => {
    const r = make();
    const c = r.write('dir/file', 'hello\n').commit('c', '2026-11-20T10:00:00Z');
    const git = gitRepository(r.dir);
    const blob = await git.objectAt(c, 'dir/file');
    expect(blob).toMatch(/^[0-9a-f]{40}$/);
    expect(await git.readText(blob!)).toBe('hello\n');
    expect(await git.objectAt(c, 'dir/missing')).toBeNull();
    const many = await git.objectsAt(c, ['dir/file', 'dir/missing', 'dir']);
    expect(many && Object.fromEntries(many)).toEqual({
      'dir/file': blob,
      'dir/missing': null,
      dir: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(await git.objectsAt('ab'.repeat(20), ['dir/file'])).toBeNull();
    await expect(git.readText(await git.treeOf(c))).rejects.toMatchObject({ code: 'E_GIT' });
    await git.setRef('refs/grantops/test', blob!, 'test');
    await git.setRef('refs/grantops/test', c, 'test again');
    expect(await git.readRef('refs/grantops/test')).toBe(c);
    expect(await git.configuredIdentity()).toEqual({ name: 'Test', email: 'test@example.com' });
  });
});

describe('fetchCommits', () => {
  it('fetches only the missing commits by SHA, writing no ref', async () => {
    const upstream = make();
    const first = upstream.write('a', '1').commit('first', '2026-11-20T10:00:00Z');
    const local = make();
    local.git(['fetch', '-q', '--no-write-fetch-head', upstream.dir, 'main']);
    const refsBefore = local.git(['for-each-ref']);
    upstream.checkout('pr', { create: true });
    const pr = upstream.write('b', '1').commit('pr', '2026-11-20T10:01:00Z');
    const git = gitRepository(local.dir);
    await git.fetchCommits({ url: upstream.dir }, [first, pr, pr]);
    expect(local.git(['cat-file', '-t', pr]).trim()).toBe('commit');
    expect(local.git(['for-each-ref'])).toBe(refsBefore);
    expect(() => local.git(['rev-parse', '--verify', '--quiet', 'FETCH_HEAD'])).toThrow();
    // Present already: nothing is fetched, so even a source that does not exist is fine.
    await git.fetchCommits({ url: '/nonexistent/grantops-remote' }, [pr]);
  });

  it('refuses anything but a full SHA-1 before running git', async () => {
    const local = make();
    local.write('a', '1').commit('first', '2026-11-20T10:00:00Z');
    for (const bad of [
      `--upload-pack=touch ${join(local.dir, 'pwned')}`,
      'main',
      'ABCDEF'.repeat(7).slice(0, 40),
      '',
    ]) {
      await expect(
        gitRepository(local.dir).fetchCommits({ url: local.dir }, [bad]),
      ).rejects.toMatchObject({ code: 'E_GIT', message: expect.stringMatching(/full SHA-1/) });
    }
    expect(existsSync(join(local.dir, 'pwned'))).toBe(false);
  });

  it('a commit the source does not have is E_GIT_FETCH, naming it', async () => {
    const upstream = make();
    upstream.write('a', '1').commit('first', '2026-11-20T10:00:00Z');
    const local = make();
    const ghost = 'deadbeef'.repeat(5);
    await expect(
      gitRepository(local.dir).fetchCommits({ url: upstream.dir }, [ghost]),
    ).rejects.toMatchObject({
      code: 'E_GIT_FETCH',
      message: expect.stringContaining('deadbeefdead'),
    });
  });

  it('sends the token as an Authorization header only: not in the URL, not in the error', async () => {
    const seen: { url: string; authorization: string[] }[] = [];
    const server = createServer((req, res) => {
      const authorization = req.rawHeaders.filter(
        (_, i, all) => i % 2 === 1 && all[i - 1]!.toLowerCase() === 'authorization',
      );
      seen.push({ url: req.url ?? '', authorization });
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const local = make();
      // What actions/checkout leaves behind (the job's own token), and a catch-all header: the
      // fetch must send the token it was given, alone.
      local.git([
        'config',
        `http.http://127.0.0.1:${port}/.extraheader`,
        'AUTHORIZATION: basic am9i',
      ]);
      local.git(['config', 'http.extraheader', 'Authorization: Bearer other']);
      const token = 'ghs_secretTOKEN123';
      const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
      const error = await gitRepository(local.dir)
        .fetchCommits({ url: `http://127.0.0.1:${port}/acme/access.git`, token }, ['ab'.repeat(20)])
        .then(
          () => null,
          (e: Error & { code?: string }) => e,
        );
      expect(error).toMatchObject({ code: 'E_GIT_FETCH' });
      expect(error!.message).not.toContain(token);
      expect(error!.message).not.toContain(basic);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.map((s) => s.authorization)).toEqual(seen.map(() => [`Basic ${basic}`]));
      expect(seen.every((s) => !s.url.includes(token))).toBe(true);
      // Nothing of the token stays behind in the repository's configuration.
      expect(local.git(['config', '--local', '--list'])).not.toContain(basic);
    } finally {
      server.close();
    }
  });
});

describe('objectsAt', () => {
  it("reads paths as git's own bytes: non-ASCII and newline paths too, in one process or on their own", async () => {
    const r = make();
    const odd = ['gr\u00e5nts/a.yaml', 'two\nlines.yaml', 'with space.yaml'];
    for (const p of odd) r.write(p, `${p}\n`);
    const c = r.commit('odd', '2026-11-20T10:00:00Z');
    // Paths as grantops holds them: git's bytes, each decoded as latin1 (ls-tree -z, diff -z).
    const listed = execFileSync('git', ['ls-tree', '-z', '--name-only', c], { cwd: r.dir })
      .toString('latin1')
      .split('\0')
      .filter(Boolean);
    const found = await gitRepository(r.dir).objectsAt(c, [...listed, 'missing.yaml']);
    expect(found && [...found.values()].filter(Boolean)).toHaveLength(odd.length);
    expect(found?.get('missing.yaml')).toBeNull();
  });
});
