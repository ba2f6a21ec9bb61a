import { bundleOne } from '../../scripts/bundle.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GrantRecord } from '../../src/core/record.js';
import type { LedgerCommit } from '../../src/core/timeline.js';
import { readGrants, readHistory } from '../../src/git/ledger.js';
import { providerSchemas } from '../../src/providers/schemas.js';
import { accessRepo, grantYaml, GitRepo, TEST_PEOPLE } from '../helpers/gitrepo.js';

/**
 * The ledger judges landed versions on a worker thread when it runs from the built bundle. Tests
 * run the TypeScript source, so the worker is built here, as the build does, and the verdicts
 * of both ways are compared on the same history.
 */

let out: string;
let worker: URL;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'grantops-judge-worker-'));
  await bundleOne('src/git/judge-worker.ts', join(out, 'judge-worker.js'));
  worker = pathToFileURL(join(out, 'judge-worker.js'));
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const repos: GitRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

const A = 'grants/db-read/alice.yaml';
const B = 'grants/db-read/bob.yaml';
const W = 'grants/db-write/erin.yaml';
const approved = (subject: string, by = 'carol') => `${subject}\n\nApproved-by: ${by}`;

/** A history with every kind of verdict, a policy change between landings, and odd files. */
function history(): GitRepo {
  const repo = accessRepo();
  repos.push(repo);
  repo.write(A, grantYaml('2h')).commit(approved('Grant alice'), '2026-01-02T10:00:00Z');
  repo.write(B, grantYaml('9h')).commit(approved('Grant bob, too long'), '2026-01-02T10:01:00Z');
  repo
    .write(W, grantYaml('1h', 'INC-2 fix orders', 'params: { schema: payroll }\n'))
    .commit(approved('Grant erin, params outside the schema'), '2026-01-02T10:02:00Z');
  repo
    .write('policies/people.yaml', TEST_PEOPLE.replace('dba: [carol, dave]', 'dba: [dave]'))
    .commit('carol leaves dba', '2026-01-02T10:03:00Z');
  repo.write(A, grantYaml('3h')).commit(approved('Renew alice'), '2026-01-02T10:04:00Z');
  repo.write(B, grantYaml('1h')).commit(approved('Bob again', 'dave'), '2026-01-02T10:05:00Z');
  repo.remove(W).commit('Revoke erin', '2026-01-02T10:06:00Z');
  repo
    .write('grants/db-read/dave.yaml', Buffer.from([0xff, 0xfe, 0x0a]))
    .commit(approved('Not UTF-8', 'carol'), '2026-01-02T10:07:00Z');
  return repo;
}

/** `workerAfter`: commits judged on this thread first (0: the worker judges them all). */
async function commits(
  repo: GitRepo,
  judgeWorker: URL | null,
  workerAfter = 0,
): Promise<LedgerCommit[]> {
  const seen: LedgerCommit[] = [];
  await readHistory(repo.dir, repo.head(), (c) => void seen.push(c), {
    schemas: providerSchemas,
    worker: judgeWorker,
    workerAfter,
  });
  return seen;
}

const grants = (repo: GitRepo, judgeWorker: URL | null, workerAfter = 0): Promise<GrantRecord[]> =>
  readGrants(repo.dir, repo.head(), { schemas: providerSchemas, worker: judgeWorker, workerAfter });

describe('judging on a worker thread', () => {
  it('gives the verdicts judging on the main thread gives, for the history and the tip', async () => {
    const repo = history();
    const here = await commits(repo, null);
    const there = await commits(repo, worker);
    expect(there).toEqual(here);
    // The history holds every verdict, so the comparison compares something.
    const states = here.flatMap((c) => c.changes.map((ch) => ch.landing?.state ?? 'deleted'));
    expect(states).toEqual([
      'valid',
      'invalid',
      'invalid',
      'unapproved',
      'valid',
      'deleted',
      'invalid',
    ]);
    expect(await grants(repo, worker)).toEqual(await grants(repo, null));
  });

  it('a pass that starts here and moves to the worker gives the same verdicts, in order', async () => {
    const repo = history();
    const here = await commits(repo, null);
    for (const after of [1, 3, 5]) {
      expect(await commits(repo, worker, after)).toEqual(here);
      expect(await grants(repo, worker, after)).toEqual(await grants(repo, null));
    }
    // The worker did judge part of it: one that cannot start fails the same pass.
    const broken = join(out, 'broken-later.js');
    writeFileSync(broken, "throw new Error('the worker was asked');\n");
    await expect(commits(repo, pathToFileURL(broken), 1)).rejects.toThrow(/the worker was asked/);
  });

  it('a short history never asks the worker: one that cannot start goes unnoticed', async () => {
    const repo = history();
    const broken = join(out, 'never-started.js');
    writeFileSync(broken, "throw new Error('asked after all');\n");
    expect(await commits(repo, pathToFileURL(broken), 1000)).toEqual(await commits(repo, null));
  });

  /**
   * One commit landing four files, and a worker script that fails the pass if it is ever
   * started: with two commits' worth judged here first, four files at the tip are more, so
   * not even that commit may be judged on this thread.
   */
  const fourAtOnce = (name: string) => {
    const repo = accessRepo();
    repos.push(repo);
    for (const login of ['alice', 'bob', 'erin', 'frank'])
      repo.write(`grants/db-read/${login}.yaml`, grantYaml('2h'));
    repo.commit(approved('Grant four at once'), '2026-01-02T10:00:00Z');
    const broken = join(out, `${name}.js`);
    writeFileSync(broken, "throw new Error('judged on the worker');\n");
    return { repo, broken: pathToFileURL(broken) };
  };

  it('a pass the tip says is long moves to the worker before judging anything here', async () => {
    const { repo, broken } = fourAtOnce('broken-at-once');
    const at = (workerAfter: number) =>
      readGrants(repo.dir, repo.head(), { schemas: providerSchemas, worker: broken, workerAfter });
    await expect(at(2)).rejects.toThrow(/judged on the worker/);
    const here = await grants(repo, null);
    expect(here.map((r) => r.landing.state)).toEqual(['valid', 'valid', 'valid', 'unapproved']);
    expect(await at(4)).toEqual(here);
    expect(await grants(repo, worker, 2)).toEqual(here);
  });

  it('a history the tip says is long (audit, reconcile) moves to the worker before judging anything here', async () => {
    const { repo, broken } = fourAtOnce('broken-history-at-once');
    await expect(commits(repo, broken, 2)).rejects.toThrow(/judged on the worker/);
    const here = await commits(repo, null);
    expect(await commits(repo, broken, 4)).toEqual(here);
    expect(await commits(repo, worker, 2)).toEqual(here);
  });

  it('fails the pass, naming the cause, when the worker cannot start', async () => {
    const repo = history();
    const broken = join(out, 'broken.js');
    writeFileSync(broken, "throw new Error('no judging here');\n");
    await expect(commits(repo, pathToFileURL(broken))).rejects.toThrow(/no judging here/);
  });
});
