/**
 * The GitHub figures of DESIGN §7: API calls to decide one pull request, writes per expired
 * grant, and grantops' share of the time from the last approval to access granted. The built
 * action (dist/index.js) runs as whole processes, as the workflows run it, against the fake
 * GitHub (test/fakes/github) served over HTTP by this process, and a real PostgreSQL server.
 *
 * The fake is TypeScript: scripts/bench/forge-driver.ts is bundled here with esbuild (as the
 * build bundles the CLI) into a temp dir and imported. PostgreSQL is started as the reconcile
 * figure starts it (scripts/pg-server.mjs); GRANTOPS_BENCH_PG_URL (a superuser URL) uses an
 * existing server instead, where the figure creates and drops its own database and roles.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleOne } from '../../bundle.mjs';
import pg from 'pg';
import { startPgServer, waitReady } from '../../pg-server.mjs';
import { median } from '../measure.mjs';

const VARIABLE = 'GRANTOPS_BENCH_PG_URL';
const TIME = '/usr/bin/time';
const STARTS = 'forge: in this session, node -e 0 and the action doing nothing';
const DATABASE = 'grantops_bench_forge';
const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
/** Expiry runs of two sizes: the writes per grant must not depend on how many there are. */
const EXPIRING = [3, 10];
/** GitHub's secondary limit on content-creating requests, and DESIGN's expiry load. */
const WRITES_A_MINUTE = 80;
const EXPIRIES_AN_HOUR = 500;

export default {
  name: 'forge',
  async run(ctx) {
    const action = join(ctx.cli, '..', 'index.js');
    const out = mkdtempSync(join(tmpdir(), 'grantops-bench-forge-driver-'));
    try {
      const driver = await bundle(out);
      ctx.log('  forge: API calls to decide one pull request …');
      const rows = decideRows(await driver.decideCalls(action));
      ctx.log(`  forge: expire of ${EXPIRING.join(' and ')} grants …`);
      const expired = [];
      for (const n of EXPIRING) expired.push(await driver.expireWrites(action, n));
      rows.push(...expireRows(expired));
      ctx.log('  forge: from the last approval to access granted …');
      rows.push(await latencyRow(ctx, driver, action));
      rows.push(startRow(ctx, action));
      return rows;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
};

async function bundle(out) {
  const outfile = join(out, 'forge-driver.js');
  await bundleOne(join(root, 'scripts', 'bench', 'forge-driver.ts'), outfile);
  return import(pathToFileURL(outfile).href);
}

function decideRows(decided) {
  return decided.map((d) => {
    const last = d.runs.at(-1);
    const merge = last.merges ? `, ${last.merges} merge` : '';
    return {
      figure: `forge: API calls to decide one PR: ${d.name}`,
      value: `${d.runs.map((r) => `${r.deciding} ${r.when}`).join(', ')} (+ ${last.listing} listing the open PRs${merge})`,
      target: '≤ 6',
      pass: d.runs.every((r) => r.deciding <= 6),
    };
  });
}

function expireRows(runs) {
  const per = runs.map((r) => r.writes / r.grants);
  const constant = per.every((p) => p === per[0]);
  const big = runs.at(-1);
  const small = runs[0];
  const perMinute = (per.at(-1) * EXPIRIES_AN_HOUR) / 60;
  // The time one more grant adds to a run: what the run's write spacing allows an hour.
  const secondsPerGrant = (big.ms - small.ms) / (big.grants - small.grants) / 1000;
  const perHour = 3600 / secondsPerGrant;
  const ops = (list) => list.map((op) => op.replace('/repos/{owner}/{repo}', '')).join(', ');
  return [
    {
      figure: `forge: writes per expired grant (expire of ${runs.map((r) => r.grants).join(' and ')})`,
      value: `${per.join(' and ')} (${ops(big.writeOperations)}); reads ${runs.map((r) => r.reads).join(' and ')} (${ops(Object.entries(big.readOperations).map(([op, n]) => `${n} × ${op}`))})`,
      target: 'constant',
      pass: constant && per[0] > 0,
    },
    {
      figure: `forge: writes a minute at ${EXPIRIES_AN_HOUR} expiries an hour`,
      value: `${perMinute.toFixed(1)} on average; ${big.writesPerMinute.toFixed(0)} a minute while a run writes`,
      target: `≤ ${WRITES_A_MINUTE} (GitHub's secondary limit)`,
      pass: perMinute <= WRITES_A_MINUTE && big.writesPerMinute <= WRITES_A_MINUTE,
    },
    {
      figure: 'forge: expiries an hour one expire run can record',
      value: `${perHour.toFixed(0)} (${secondsPerGrant.toFixed(1)} s a grant, ${secs(big.ms)} for ${big.grants})`,
      target: `≥ ${EXPIRIES_AN_HOUR}`,
      pass: perHour >= EXPIRIES_AN_HOUR,
    },
  ];
}

/**
 * A warm-up round, then `runs` rounds, each a new fake GitHub and the database reset (alice not
 * a member, no record of her): merge then reconcile, timed; alice must be a member after.
 */
async function latencyRow(ctx, driver, action) {
  const given = process.env[VARIABLE];
  const server = given
    ? { url: given, stop: async () => {} }
    : await startPgServer({ variable: VARIABLE });
  let rootClient;
  let db;
  try {
    if (given) await waitReady(given, VARIABLE);
    rootClient = await connect(server.url);
    await dropAll(rootClient);
    const alice = driver.dbLogin('alice');
    await rootClient.query(`CREATE DATABASE ${DATABASE}`);
    await rootClient.query(`CREATE ROLE ${driver.DB_ROLE}; CREATE ROLE ${alice} LOGIN;`);
    const dbUrl = Object.assign(new URL(server.url), { pathname: `/${DATABASE}` }).toString();
    db = await connect(dbUrl);
    const member = async () =>
      (
        await db.query(
          `SELECT 1 FROM pg_auth_members WHERE roleid = $1::regrole AND member = $2::regrole`,
          [driver.DB_ROLE, alice],
        )
      ).rowCount === 1;
    const rounds = [];
    for (let i = 0; i <= ctx.runs; i++) {
      await db.query(`SET client_min_messages = error; REVOKE ${driver.DB_ROLE} FROM ${alice};`);
      await db.query(
        `DO $$ BEGIN IF to_regclass('grantops.managed_memberships') IS NOT NULL THEN DELETE FROM grantops.managed_memberships; END IF; END $$`,
      );
      if (await member()) throw new Error('alice is still a member after the reset');
      const r = await driver.approvalToAccess(action, dbUrl);
      if (r.granted !== 1 || !(await member()))
        throw new Error(`reconcile did not grant alice's role (granted ${r.granted})`);
      if (i > 0) rounds.push(r);
    }
    const m = (f) => median(rounds.map(f));
    const merge = m((r) => r.merge.ms);
    const reconcile = m((r) => r.reconcile.ms);
    // The merge step's share ends when GitHub has merged (its push starts reconcile), not when
    // the step ends: the card it writes after the merge stands between nothing.
    const wall = (r) => (r.merge.mergedAtMs ?? r.merge.ms) + r.reconcile.ms;
    const total = m(wall);
    // grantops' own share: the wall time less the time the fake GitHub spent answering it
    // (GitHub's share: on github.com it is network and GitHub's own work, not grantops').
    const own = m((r) => wall(r) - r.merge.fakeBusyMs - r.reconcile.fakeBusyMs);
    // Each step's own timeline: when its first API call and its writes arrived at the fake.
    const part = (s, name) => {
      const t = (f) => m((r) => f(r[s]));
      const writes = Math.max(...rounds.map((r) => r[s].writesAtMs.length));
      const writesAt = Array.from({ length: writes }, (_, i) =>
        median(rounds.flatMap((r) => r[s].writesAtMs.slice(i, i + 1))),
      );
      const first =
        rounds[0][s].firstCallMs === null
          ? 'no API call'
          : `first API call at ${secs(t((x) => x.firstCallMs))}`;
      const written = writes
        ? `, writes at ${writesAt.map((w) => (w / 1000).toFixed(2)).join(', ')} s`
        : '';
      const merged =
        rounds[0][s].mergedAtMs === null ? '' : `, merged at ${secs(t((x) => x.mergedAtMs))}`;
      return `${name} ${secs(t((x) => x.ms))} (CPU ${secs(t((x) => x.cpuMs))}): ${first}${written}${merged}, ${t((x) => x.calls)} calls, the fake GitHub answering ${ms(t((x) => x.fakeMs))}`;
    };
    return {
      figure: 'forge: last approval → access granted, grantops’ share (merge --all + reconcile)',
      value: `${secs(own)} grantops' own (${secs(total)} in all, less the fake GitHub answering): ${part('merge', 'merge')}; ${part('reconcile', 'reconcile')}`,
      target: '< 2 s',
      pass: own < 2000 && merge > 0 && reconcile > 0,
    };
  } finally {
    await db?.end().catch(() => {});
    if (given && rootClient) await dropAll(rootClient).catch(() => {});
    await rootClient?.end().catch(() => {});
    await server.stop();
  }

  async function dropAll(client) {
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await client.query(
      `DROP ROLE IF EXISTS ${driver.DB_ROLE}; DROP ROLE IF EXISTS ${driver.dbLogin('alice')};`,
    );
  }
}

/**
 * What starting node costs on this machine now, wall and CPU time, to read the times above
 * against: on a busy machine both grow, the wall time most.
 */
function startRow(ctx, action) {
  const time = (argv, env = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'grantops-bench-time-'));
    try {
      const file = join(dir, 'time');
      const r = spawnSync(TIME, ['-f', '%e %U %S', '-o', file, ...argv], {
        env: { ...process.env, ...env },
        stdio: 'ignore',
      });
      if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`);
      const [e, u, sys] = readFileSync(file, 'utf8').trim().split('\n').at(-1).split(' ');
      return { ms: Number(e) * 1000, cpuMs: (Number(u) + Number(sys)) * 1000 };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  if (!existsSync(TIME))
    return {
      figure: STARTS,
      value: `not measured: no ${TIME}`,
      target: 'for reference',
      pass: null,
    };
  const node = [];
  const idle = [];
  for (let i = 0; i <= ctx.runs; i++) {
    node.push(time([process.execPath, '-e', '0']));
    idle.push(time([process.execPath, action], { INPUT_COMMAND: 'help' }));
  }
  const show = (rs) =>
    `${ms(median(rs.map((r) => r.ms)))} (CPU ${ms(median(rs.map((r) => r.cpuMs)))})`;
  return {
    figure: STARTS,
    value: `${show(node)} and ${show(idle)}`,
    target: 'for reference',
    pass: null,
  };
}

async function connect(url) {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {}); // a dropped connection fails the next query instead
  await c.connect();
  return c;
}

const secs = (t) => `${(t / 1000).toFixed(2)} s`;
const ms = (t) => `${t.toFixed(0)} ms`;
