// A first look at grantops, offline: builds a throwaway access repository from the example
// policies, asks `grantops validate` about three requests as a PR check would, lands the approved
// one on main as grantops records it, provisions it into PostgreSQL (embedded PGlite, or the
// server DATABASE_URL names), travels past its expiry to revoke it, and reads the audit log back.
//
// Every step checks what it shows, so this doubles as a smoke test: it exits 1 and says which
// step misbehaved when one does. It removes everything it made, also when it fails.
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleDatabase } from './example/database.mjs';
import { expectOutput, openSession, Unexpected } from './example/session.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The story's clock. Every command gets --now, every commit its dates, so the output is stable.
const T = {
  repo: '2026-11-25T08:00:00Z', // the access repository is set up
  request: (n) => `2026-11-25T08:${5 + 5 * n}:00Z`, // PRs #1, #2, #3 are pushed
  check: '2026-11-25T08:45:00Z', // the PR checks run
  merge: '2026-11-25T09:00:00Z', // the approved request lands: its 2h window opens
  active: '2026-11-25T09:30:00Z', // provisioning runs
  again: '2026-11-25T09:45:00Z', // and runs again
  inside: '2026-11-25T10:00:00Z', // a moment the auditor asks about
  expires: '2026-11-25T11:00:00Z', // 09:00 + 2h
  after: '2026-11-25T11:30:00Z', // the scheduled run after expiry
};

// Three pull requests: a branch each, with the files it adds or changes.
const REQUESTS = [
  {
    title: 'alice asks for read access to the orders database, approved by dana',
    author: 'alice',
    path: 'grants/orders-db-read/alice.yaml',
    text: 'duration: 2h\nreason: INC-4821 slow checkout queries need EXPLAIN\nparams:\n  schema: orders\n',
    extra: ['--approved-by', 'dana'],
    exit: 0,
  },
  {
    title: 'bob asks for too long, for alice, without an incident number',
    author: 'bob',
    path: 'grants/orders-db-read/alice.yaml',
    text: 'duration: 12h\nreason: just curious\n',
    extra: [],
    exit: 1,
  },
  {
    title: 'alice slips a policy change into her request',
    author: 'alice',
    path: 'grants/orders-db-write/alice.yaml',
    text: 'duration: 1h\nreason: INC-77 fix the broken order rows\nticket: INC-77\n',
    extra: ['--approved-by', 'alice,dana'],
    more: { 'policies/people.yaml': 'admins: [alice]\n' },
    exit: 1,
  },
];

// What grantops writes into the merge commit of PR #1 (docs/audit-trailers.md), spelled
// out here because this script runs against dist/, not the TypeScript sources.
const MERGE_MESSAGE = `Grant orders-db-read to alice for 2h (#1)

Grant-Action: granted
Grant-Path: grants/orders-db-read/alice.yaml
Grant-Role: orders-db-read
Grant-Requester: alice
Grant-Starts: ${T.merge}
Grant-Expires: ${T.expires}
Grant-Duration: 2h
Reason: INC-4821 slow checkout queries need EXPLAIN
Approved-by: dana
Pull-Request: #1
`;

const session = openSession(root);
const { heading, say, git, grantops } = session;
const repoArgs = ['--repo', session.repo];
// Commands that read the ledger judge approvers named through a team (dana, in @acme/db-admins)
// with the same directory validate used: without one, a team-only approval does not count.
const ledgerArgs = [...repoArgs, '--directory', `${session.work}/teams.yaml`];
let db; // chosen in main(), so that a bad DATABASE_URL is reported like any other failure
let databaseReady; // the database's setup, running while the first commands run

async function showMembership(expected) {
  console.log(`sql> SELECT pg_has_role('alice', 'orders_read', 'MEMBER');`);
  const member = await db.isMember('alice', 'orders_read');
  console.log(member ? ' t   (alice is a member)' : ' f   (alice is not a member)');
  if (member !== expected)
    throw new Unexpected(
      `alice should${expected ? '' : ' not'} be a member of orders_read in the database now.`,
    );
}

async function main() {
  console.log(`$ WORK=${session.work}   # a throwaway directory, removed at the end`);
  db = exampleDatabase(session.work);
  const dbEnv = { ORDERS_DB_URL: db.url };

  heading(`An access repository with the example policies, and ${db.kind}`);
  // The example only has a database: the GitHub team and AWS policies name secrets
  // (GRANTOPS_APP_TOKEN, AWS credentials) that are not set here, and reconcile would report
  // those providers as configuration errors (exit 2).
  git(T.repo, ['init', '-q', '-b', 'main']);
  cpSync(join(root, 'policies'), join(session.repo, 'policies'), {
    recursive: true,
    filter: (src) => !/[/\\](github|cloud)\.yaml$/.test(src),
  });
  session.write('repo/grants/.gitkeep', '');
  git(T.repo, ['add', '-A']);
  git(T.repo, ['commit', '-q', '-m', 'Access repository']);
  console.log(`$ git -C $WORK/repo ls-files\n${git(T.repo, ['ls-files']).trimEnd()}`);
  say('policies/github.yaml and cloud.yaml are left out: this example only has a database');
  // Who is in which team, offline (validate and the ledger resolve @org/team slugs from it).
  session.write(
    'teams.yaml',
    "'@acme/sre-oncall': [alice]\n'@acme/engineering': [bob]\n'@acme/db-admins': [dana]\n'@acme/security': [sam]\n",
  );
  say('teams: $WORK/teams.yaml maps @acme/sre-oncall → alice, @acme/db-admins → dana, …');
  // grantops manages memberships, never roles or logins: the database must already have them.
  // A new PGlite takes seconds to initialize: it does so in the background, beside the checks.
  say(`the database (${db.shownUrl}) gets the role the grant gives, and alice's login:`);
  console.log('sql> CREATE ROLE orders_read NOLOGIN; CREATE ROLE alice LOGIN;');
  databaseReady = db.prepare();
  if (db.slowToPrepare)
    databaseReady.catch(() => {}); // awaited before provisioning
  else await databaseReady;

  for (const [i, r] of REQUESTS.entries()) {
    const n = i + 1;
    heading(`Check PR #${n}: ${r.title}`);
    git(T.request(n), ['checkout', '-q', '-B', `pr-${n}`, 'main']);
    for (const [path, text] of Object.entries({ [r.path]: r.text, ...r.more })) {
      session.write(`repo/${path}`, text);
      say(`branch pr-${n} writes ${path}:`);
      console.log(text.trimEnd().replace(/^/gm, '    '));
    }
    git(T.request(n), ['add', '-A']);
    git(T.request(n), ['commit', '-q', '-m', r.title]);
    await grantops(
      [
        'validate',
        ...repoArgs,
        '--base',
        'main',
        '--head',
        `pr-${n}`,
        '--author',
        r.author,
        '--directory',
        `${session.work}/teams.yaml`,
        ...r.extra,
        '--now',
        T.check,
      ],
      { exit: r.exit },
    );
  }

  heading('Land PR #1 on main as grantops merges it: a merge commit with audit trailers');
  git(T.merge, ['checkout', '-q', 'main']);
  session.write('merge-message.txt', MERGE_MESSAGE);
  console.log(`$ cat $WORK/merge-message.txt\n${MERGE_MESSAGE.trimEnd()}`);
  git(T.merge, ['merge', '-q', '--no-ff', 'pr-1', '-F', `${session.work}/merge-message.txt`], {
    show: true,
  });
  console.log(`$ git -C $WORK/repo log --first-parent --format='%h %cI %s' main`);
  console.log(git(T.merge, ['log', '--first-parent', '--format=%h %cI %s', 'main']).trimEnd());

  heading('Status: the grant is active, with its window');
  const status = await grantops(['status', ...ledgerArgs, '--now', T.active]);
  expectOutput(
    'status',
    status.stdout,
    /orders-db-read\s+alice\s+active\s+2026-11-25 09:00\s+2026-11-25 11:00/,
  );

  heading('Provision: plan, then reconcile into the database');
  say("the policies' provider orders-db reads its connection URL from ORDERS_DB_URL");
  console.log(`$ export ORDERS_DB_URL=${db.shownUrl}`);
  await databaseReady;
  const plan = await grantops(['plan', ...ledgerArgs, '--now', T.active], { env: dbEnv });
  expectOutput('plan', plan.stdout, /\+ grant\s+orders-db-read for alice/);
  const granted = await grantops(['reconcile', ...ledgerArgs, '--now', T.active], { env: dbEnv });
  expectOutput('reconcile', granted.stdout, /applied: 1 granted, 0 revoked/);
  await showMembership(true);

  heading('Reconcile again: nothing to change');
  const again = await grantops(['reconcile', ...ledgerArgs, '--now', T.again], { env: dbEnv });
  expectOutput(
    'second reconcile',
    again.stdout,
    'nothing to change',
    /applied: 0 granted, 0 revoked/,
  );

  heading(`Time travel past the window's end (${T.expires}): revoked, no merge needed`);
  const late = await grantops(['plan', ...ledgerArgs, '--now', T.after], { env: dbEnv });
  expectOutput(
    'plan after expiry',
    late.stdout,
    /- revoke\s+orders-db-read for alice/,
    `expired at ${T.expires}`,
  );
  const revoked = await grantops(['reconcile', ...ledgerArgs, '--now', T.after], { env: dbEnv });
  expectOutput('reconcile after expiry', revoked.stdout, /applied: 0 granted, 1 revoked/);
  await showMembership(false);

  heading('Audit: the timeline, from git history alone');
  say('no commit records the expiry yet (an expiry revert would): audit infers it from the window');
  const audit = await grantops(['audit', ...ledgerArgs, '--now', T.after, '--format', 'text']);
  expectOutput(
    'audit',
    audit.stdout,
    /granted\s+orders-db-read\s+alice\b.*approved by dana/,
    /expired\s+orders-db-read\s+alice\b/,
  );
  const chart = await grantops(['audit', ...ledgerArgs, '--now', T.after, '--format', 'markdown']);
  expectOutput('audit --format markdown', chart.stdout, '```mermaid', 'gantt');

  heading(`Who had access at ${T.inside}?`);
  const at = await grantops(['audit', ...ledgerArgs, '--now', T.after, '--at', T.inside]);
  expectOutput('audit --at', at.stdout, /orders-db-read\s+alice\s+active/);
}

let failure;
try {
  await main();
} catch (err) {
  failure = err;
} finally {
  try {
    await databaseReady?.catch(() => {}); // PGlite must be closed before its directory goes
    await db?.close();
  } catch (err) {
    failure ??= err;
  }
  session.close();
}
if (failure) {
  const what = failure instanceof Unexpected ? failure.message : (failure.stack ?? failure);
  console.error(`\nexample FAILED: ${what}\n(${session.work} is removed)`);
  process.exit(1);
}
console.log('\nEverything behaved as expected; $WORK is removed.');
