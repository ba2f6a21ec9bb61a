// The package as a user gets it: `npm pack`, installed into an empty folder, must give a working
// `grantops` — its help, `init` of a new access repository, `validate` of a request there (one
// valid, one refused), and the whole `demo`. Run by `npm run test:package` (CI runs it after the
// tests); it takes a while, since it installs every dependency of the package.
//
// It packs dist/ as it is (CI builds it first); only when dist/cli.js is missing does it build.
// It removes everything it made, also when it fails.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const ACTION_REF = `owner/repo@${'a'.repeat(40)}`;

/** A step of the check that did not behave: the script stops and exits 1 with this message. */
class Failed extends Error {}

// The installed grantops sees a plain environment: no forge or database of the caller's.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^(GITHUB_|GIT_|DATABASE_URL$|ORDERS_DB_URL$|npm_)/.test(k),
  ),
);
const gitEnv = {
  ...env,
  GIT_AUTHOR_NAME: 'alice',
  GIT_AUTHOR_EMAIL: 'alice@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'alice',
  GIT_COMMITTER_EMAIL: 'alice@users.noreply.github.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** Runs a program to completion: { code, stdout, stderr }; `code` is null when it was stopped. */
function run(file, args, options = {}) {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env, timeout: 300_000, maxBuffer: 64 * 1024 * 1024, ...options },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          stdout,
          stderr: error && typeof error.code === 'string' ? `${error.message}\n${stderr}` : stderr,
        }),
    );
  });
}

/** Runs `what`, failing the check unless it exits with `exit`; returns its output. */
async function expectRun(what, file, args, { exit = 0, quiet = false, ...options } = {}) {
  const started = performance.now();
  const r = await run(file, args, options);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (r.code !== exit)
    throw new Failed(
      `${what}: exit ${r.code ?? '(stopped)'}, expected ${exit}.\n${r.stdout}\n${r.stderr}`.trimEnd(),
    );
  if (!quiet) console.log(`ok  ${what} (${seconds} s)`);
  return r;
}

function expectText(what, text, ...needles) {
  for (const n of needles)
    if (!(typeof n === 'string' ? text.includes(n) : n.test(text)))
      throw new Failed(`${what}: the output does not contain ${String(n)}:\n${text}`);
}

const work = mkdtempSync(join(tmpdir(), 'grantops-package-'));
let failure;
try {
  if (!existsSync(join(root, 'dist', 'cli.js')))
    await expectRun('npm run build (dist/ was missing)', npm, ['run', 'build'], { cwd: root });

  const packed = await expectRun('npm pack', npm, ['pack', '--json', '--pack-destination', work], {
    cwd: root,
  });
  const [{ filename, files }] = JSON.parse(packed.stdout);
  for (const needed of [
    'dist/cli.js',
    'templates/access-repo/policies/access.yaml',
    'schemas/grant.schema.json',
  ])
    if (!files.some((f) => f.path === needed))
      throw new Failed(`npm pack: the package has no ${needed}.`);

  // An empty project; the dependencies come from npm's cache when `npm ci` filled it.
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "trying-grantops", "private": true }\n');
  await expectRun(
    'npm install <the packed tarball>',
    npm,
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      join(work, filename),
    ],
    { cwd: project },
  );
  const bin = join(project, 'node_modules', '.bin', 'grantops');
  const grantops = (what, args, options) =>
    expectRun(`grantops ${what}`, bin, args, { cwd: project, ...options });

  const help = await grantops('--help', ['--help']);
  expectText('grantops --help', help.stdout, 'Usage: grantops <command>', 'validate', 'demo');

  await grantops(`init access --action-ref ${ACTION_REF}`, [
    'init',
    'access',
    '--action-ref',
    ACTION_REF,
  ]);
  const repo = join(project, 'access');
  const workflow = readFileSync(join(repo, '.github/workflows/check.yml'), 'utf8');
  expectText('the workflows init wrote', workflow, `uses: ${ACTION_REF}`);

  // A request in the new repository, as its README describes, decided by `validate`.
  const git = (...args) =>
    expectRun(`git ${args[0]}`, 'git', args, { cwd: repo, env: gitEnv, quiet: true });
  await git('add', '-A');
  await git('commit', '-q', '-m', 'Access repository');
  writeFileSync(
    join(work, 'teams.yaml'),
    "'@my-org/sre-oncall': [alice]\n'@my-org/db-admins': [carol]\n",
  );
  const validate = (what, exit) =>
    grantops(
      what,
      [
        'validate',
        '--base',
        'main',
        '--head',
        'HEAD',
        '--author',
        'alice',
        '--directory',
        join(work, 'teams.yaml'),
        '--now',
        '2026-11-25T09:00:00Z',
        '--format',
        'json',
      ],
      { cwd: repo, exit },
    );
  const request = (duration) =>
    writeFileSync(
      join(repo, 'grants/orders-db-read/alice.yaml'),
      `duration: ${duration}\nreason: INC-4821 slow checkout queries need EXPLAIN\n`,
    );
  await git('checkout', '-q', '-b', 'request');
  mkdirSync(join(repo, 'grants/orders-db-read'), { recursive: true });
  request('2h');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'Request orders-db-read');
  const valid = JSON.parse((await validate('validate (a request for 2h)', 0)).stdout);
  if (valid.valid !== true || valid.grants?.[0]?.role !== 'orders-db-read')
    throw new Failed(`validate: the request for 2h should be valid:\n${JSON.stringify(valid)}`);
  request('12h');
  await git('commit', '-q', '-am', 'Ask for longer');
  const refused = JSON.parse(
    (await validate('validate (a request for 12h, over the 8h maximum)', 1)).stdout,
  );
  if (!refused.problems?.some((p) => p.code === 'E_DURATION_TOO_LONG'))
    throw new Failed(
      `validate: the request for 12h should be refused as too long:\n${JSON.stringify(refused)}`,
    );

  const demo = await grantops('demo', ['demo']);
  expectText(
    'grantops demo',
    demo.stdout,
    'Grant-Action: granted',
    '```mermaid',
    /Every step behaved as told/,
  );
} catch (err) {
  failure = err;
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failure) {
  console.error(
    `\npackage check FAILED: ${failure instanceof Failed ? failure.message : (failure.stack ?? failure)}`,
  );
  process.exit(1);
}
console.log('\nThe packed grantops installs and works.');
