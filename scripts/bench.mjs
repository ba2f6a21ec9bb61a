/**
 * grantops benchmarks (`npm run bench`): DESIGN §7 targets measured on generated access
 * repositories, as ratios against bare baselines run in the same session (never absolute times
 * from another machine). Runs against the built CLI: `npm run build` first.
 *
 *   npm run bench                      all figures
 *   npm run bench -- --only status     some figures (comma-separated)
 *   npm run bench -- --runs 5          more runs per measurement (default 3; medians)
 *   npm run bench -- --quick           smaller histories, for a fast look
 *   npm run bench -- --strict          exit 1 when a target is missed
 *
 * A figure module gets ctx: { cli, runs, sizes, repo(params), compare(subject, baseline),
 * bareLog(dir), log } and returns rows { figure, value, target, pass }.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { figures } from './bench/figures/index.mjs';
import { ensureRepo } from './bench/generate.mjs';
import { compare } from './bench/measure.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string' },
    quick: { type: 'boolean' },
    strict: { type: 'boolean' },
  },
});
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first.');
  process.exit(2);
}
const base = { roles: 500, grants: 10000, logins: 2000, mergeShare: 0.3, seed: 42 };
const sizes = values.quick
  ? {
      small: { ...base, commits: 10000, policyChanges: 8 },
      large: { ...base, commits: 20000, policyChanges: 16 },
    }
  : {
      small: { ...base, commits: 50000, policyChanges: 40 },
      large: { ...base, commits: 100000, policyChanges: 80 },
    };
const runs = Number(values.runs ?? 3);
const log = (s) => console.error(s);
const ctx = {
  cli,
  runs,
  sizes,
  log,
  repo: (p) => ensureRepo(join(root, '.bench'), p, log),
  compare: (subject, baseline) => compare(subject, baseline, runs),
  /** The baseline of DESIGN §7: the bare first-parent log of grants/. */
  bareLog: (dir) => [
    'git',
    ['log', '--first-parent', '--name-status', 'main', '--', 'grants/'],
    { cwd: dir },
  ],
};

const names = values.only ? values.only.split(',') : Object.keys(figures);
for (const n of names) {
  if (!figures[n]) {
    console.error(
      `Unknown figure ${JSON.stringify(n)}. Figures: ${Object.keys(figures).join(', ')}.`,
    );
    process.exit(2);
  }
}
const rows = [];
for (const n of names) {
  log(`measuring ${n} …`);
  const started = performance.now();
  rows.push(...(await figures[n].run(ctx)));
  log(`  ${n} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const header = ['figure', 'value', 'target', 'result'];
const table = [
  header,
  ...rows.map((r) => [
    r.figure,
    r.value,
    r.target,
    r.pass === null ? 'info' : r.pass ? 'pass' : 'FAIL',
  ]),
];
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log(
  table
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n'),
);
if (values.strict && rows.some((r) => r.pass === false)) process.exitCode = 1;
