// A first look at grantops: builds a throwaway access repository from the example policies,
// opens three requests on branches, and asks `grantops validate` about each, as a PR check would.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const repo = mkdtempSync(join(tmpdir(), 'grantops-example-'));
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'example',
  GIT_AUTHOR_EMAIL: 'example@example.com',
  GIT_COMMITTER_NAME: 'example',
  GIT_COMMITTER_EMAIL: 'example@example.com',
};
const git = (...args) =>
  execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'inherit'] });
const write = (path, text) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};

try {
  git('init', '-q', '-b', 'main');
  cpSync(join(root, 'policies'), join(repo, 'policies'), { recursive: true });
  write('grants/.gitkeep', '');
  git('add', '-A');
  git('commit', '-q', '-m', 'Access repository');
  const directory = join(repo, '..', `${repo.split('/').pop()}-teams.yaml`);
  writeFileSync(
    directory,
    "'@acme/sre-oncall': [alice]\n'@acme/engineering': [bob]\n'@acme/db-admins': [dana]\n'@acme/security': [sam]\n",
  );

  const requests = [
    [
      'alice asks for read access to the orders database, approved by dana',
      'alice',
      'grants/orders-db-read/alice.yaml',
      'duration: 2h\nreason: INC-4821 slow checkout queries need EXPLAIN\nparams:\n  schema: orders\n',
      ['--approved-by', 'dana'],
    ],
    [
      'bob asks for too long, for alice, without an incident number',
      'bob',
      'grants/orders-db-read/alice.yaml',
      'duration: 12h\nreason: just curious\n',
      [],
    ],
    [
      'alice slips a policy change into her request',
      'alice',
      'grants/orders-db-write/alice.yaml',
      'duration: 1h\nreason: INC-77 fix the broken order rows\nticket: INC-77\n',
      ['--approved-by', 'alice,dana'],
    ],
  ];
  for (const [i, [title, author, path, text, extra]] of requests.entries()) {
    git('checkout', '-q', '-B', `request-${i}`, 'main');
    write(path, text);
    if (i === 2) write('policies/people.yaml', 'admins: [alice]\n');
    git('add', '-A');
    git('commit', '-q', '-m', title);
    console.log(
      `\n$ grantops validate --base main --head request-${i} --author ${author} ${extra.join(' ')}\n# ${title}`,
    );
    const r = spawnSync(
      process.execPath,
      [
        cli,
        'validate',
        '--repo',
        repo,
        '--base',
        'main',
        '--head',
        `request-${i}`,
        '--author',
        author,
        '--directory',
        directory,
        ...extra,
      ],
      { stdio: 'inherit' },
    );
    console.log(`(exit ${r.status})`);
  }
  rmSync(directory, { force: true });
} finally {
  rmSync(repo, { recursive: true, force: true });
}
