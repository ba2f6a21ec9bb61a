import type { Code } from '../core/codes.js';
import { DBA_SETUP, INSUFFICIENT_PRIVILEGE, type DemoDatabase } from './database.js';
import { setUpRepository } from './repository.js';
import { StoryFailure, type Session } from './session.js';

/** The story's clock: every command gets `--now`, so the output is the same on every run. */
export const at = (hhmm: string) => `2026-11-25T${hhmm}:00Z`;
export const T = {
  setup: at('08:00'),
  mistake: at('09:00'),
  request: at('09:01'),
  selfApproval: at('09:02'),
  early: at('09:03'),
  approval: at('09:05'),
  merge: at('09:10'),
  grant: at('09:15'),
  expires: at('11:10'), // the merge + 2h
  later: at('11:30'),
};

export const ROLE = 'orders-db-read';
export const REQUEST = `request/${ROLE}/alice`;
export const GRANT_PATH = `grants/${ROLE}/alice.yaml`;
const REASON = 'INC-4821 slow checkout queries need EXPLAIN';

export function intro(work: string): string {
  return [
    'grantops demo: one access request, from asking to audit, offline and in a throwaway folder.',
    "Every command runs as shown, in this process; --now moves the story's clock.",
    `WORK=${work}`,
  ].join('\n');
}

/**
 * The last lines: how long it took, and with --keep (`kept` is then the database's folder, or
 * null when it is not kept) where the repository is and how to explore it.
 */
export function ending(end: { seconds: number; repo: string; kept?: string | null }): string {
  const done = `Every step behaved as told (${end.seconds.toFixed(1)} s)`;
  if (end.kept === undefined) return `\n${done}; the throwaway folder is removed.`;
  return [
    `\n${done}. Kept: the repository ${end.repo}${end.kept ? ` and its database ${end.kept}` : ''}. Explore it:`,
    `  cd ${end.repo}`,
    '  git log --stat main                         # every change, with its trailers',
    '  grantops status                             # in force now: nothing, the grant ended',
    `  grantops audit --at ${at('10:00')}    # who had access at 10:00`,
  ].join('\n');
}

export interface StoryHooks {
  /** Called when the story must wait for the database, while it is still starting. */
  waiting(what: string): void;
}

/**
 * The lifecycle of one access request, told through grantops' own commands on the local forge.
 * Each step shows what happened and why, and checks it against git and the database: a step
 * that does not behave as told throws `StoryFailure`.
 */
export async function tellStory(s: Session, db: DemoDatabase, hooks: StoryHooks): Promise<void> {
  await setUpRepository(s, T.setup);
  showDatabase(s, db);
  await request(s);
  await approveAndMerge(s);
  await provision(s, db, hooks);
  await expireAndAudit(s);
}

function showDatabase(s: Session, db: DemoDatabase): void {
  s.step('The orders database, as a DBA set it up');
  s.say(
    `Here: ${db.label}, starting in the background.`,
    'grantops never creates roles or logins: it puts people into roles like orders_read, and',
    'takes them out again.',
  );
  s.show(DBA_SETUP.map((sql) => `sql> ${sql}`).join('\n'));
  s.say("The policy's provider orders-db reads its connection from ORDERS_DB_URL:");
  s.show(`$ export ORDERS_DB_URL=${db.shownUrl}`);
}

async function request(s: Session): Promise<void> {
  s.step('alice asks for 12 hours');
  const ask = (duration: string, now: string, exit: number) =>
    s.grantops(
      ['request', ROLE, '--for', duration, '--reason', REASON, '--as', 'alice', '--now', now],
      { exit },
    );
  const refused = await ask('12h', T.mistake, 1);
  if (
    !refused.output.includes('E_DURATION_TOO_LONG' satisfies Code) ||
    !refused.output.includes('8h')
  )
    throw new StoryFailure(
      'the refusal does not name the problem (E_DURATION_TOO_LONG) and the 8h limit.',
    );
  if (await s.hasRef(`refs/heads/${REQUEST}`))
    throw new StoryFailure(`the refused request wrote the branch ${REQUEST}.`);
  s.say('Refused before anything is written: the role allows 8h at most, and the message says so.');

  s.step('alice asks again, for 2 hours');
  await ask('2h', T.request, 0);
  const author = await s.git(['log', '-1', '--format=%an <%ae>', `refs/heads/${REQUEST}`]);
  if (author !== 'alice <alice@users.noreply.github.com>')
    throw new StoryFailure(`the request's commit is by ${author}, not alice.`);
  s.say(
    `The request is the branch ${REQUEST}: one commit by alice adding ${GRANT_PATH}.`,
    'On GitHub it is a pull request; here, the local forge keeps it in git.',
  );
}

async function approveAndMerge(s: Session): Promise<void> {
  s.step('alice approves her own request');
  await s.grantops(['approve', REQUEST, '--as', 'alice', '--now', T.selfApproval], { exit: 1 });
  if (await s.git(['for-each-ref', 'refs/grantops/approvals/']))
    throw new StoryFailure("alice's approval of her own request was recorded.");
  s.say('Not recorded: nobody approves their own access.');
  const main = await s.git(['rev-parse', 'main']);
  const early = await s.grantops(['merge', REQUEST, '--now', T.early], { exit: 1 });
  if (!early.output.includes('E_APPROVALS_MISSING' satisfies Code))
    throw new StoryFailure('merge did not say that an approval is missing (E_APPROVALS_MISSING).');
  if ((await s.git(['rev-parse', 'main'])) !== main) throw new StoryFailure('main moved.');
  s.say("merge decides with main's policies: one approval from dba is missing, so nothing lands.");

  s.step('carol, of the group dba, approves');
  await s.grantops(['approve', REQUEST, '--as', 'carol', '--now', T.approval], { exit: 0 });
  const approval = await s.git(['rev-parse', `refs/grantops/approvals/${REQUEST}/carol`]);
  if (approval !== (await s.git(['rev-parse', `refs/heads/${REQUEST}`])))
    throw new StoryFailure("carol's approval is not bound to the request's head commit.");
  s.say('Her approval is bound to the commit she saw: a later commit would make it stale.');

  s.step('merge lands it on main, with the audit trailers');
  await s.grantops(['merge', REQUEST, '--now', T.merge], { exit: 0 });
  const message = await s.git(['log', '-1', '--format=%B', 'main']);
  const expected = [
    'Grant-Action: granted',
    `Grant-Path: ${GRANT_PATH}`,
    'Grant-Requester: alice',
    `Grant-Starts: ${T.merge}`,
    `Grant-Expires: ${T.expires}`,
    'Approved-by: carol',
  ];
  const missing = expected.filter((line) => !message.split('\n').includes(line));
  if (missing.length)
    throw new StoryFailure(`the merge commit on main lacks the trailers ${missing.join('; ')}.`);
  if (!(await s.git(['ls-tree', '--name-only', 'main', '--', GRANT_PATH])))
    throw new StoryFailure(`${GRANT_PATH} is not on main after the merge.`);
  await s.git(['log', '-1', 'main'], { shown: 'git log -1', print: true });
  s.say(
    'One squash commit on main, by alice; its trailers are the audit record, and git log alone',
    'answers who had what, when, why and who approved. The 2h window opens at the merge.',
  );
}

async function provision(s: Session, db: DemoDatabase, hooks: StoryHooks): Promise<void> {
  s.step('reconcile grants the role in PostgreSQL');
  if (db.isStarting()) hooks.waiting(db.label);
  await s.until(db.ready);
  await readOrders(s, db, false);
  s.say('Before reconcile, alice cannot read the orders.');
  await s.grantops(['reconcile', '--now', T.grant], { exit: 0 });
  if (!(await db.isMember('alice', 'orders_read')))
    throw new StoryFailure('alice is not a member of orders_read after reconcile.');
  await readOrders(s, db, true);
  s.say('Now she can: reconcile made her a member of orders_read until the window ends.');

  s.step(`Time passes: at ${T.later.slice(11, 16)} the window has ended, and reconcile revokes`);
  await s.grantops(['reconcile', '--now', T.later], { exit: 0 });
  if (await db.isMember('alice', 'orders_read'))
    throw new StoryFailure('alice is still a member of orders_read after the window ended.');
  await readOrders(s, db, false);
  s.say(
    'No merge and no person needed: every scheduled reconcile takes away what git no longer backs.',
  );
}

/** Shows `SELECT count(*) FROM orders` as alice, and checks it is allowed or denied. */
async function readOrders(s: Session, db: DemoDatabase, allowed: boolean): Promise<void> {
  s.checkInterrupted();
  s.show('sql> SET ROLE alice; SELECT count(*) FROM orders;');
  const r = await db.readOrders('alice');
  if (r.allowed) s.show(` count\n-------\n${String(r.count).padStart(6)}\n(1 row)`);
  else s.show(`ERROR:  ${r.message}`);
  if (r.allowed !== allowed)
    throw new StoryFailure(
      r.allowed
        ? 'alice could read the orders without access.'
        : `alice could not read the orders after reconcile granted her access: ${r.message}`,
    );
  if (r.allowed && r.count !== 3) throw new StoryFailure(`alice read ${r.count} orders, not 3.`);
  if (!r.allowed && r.sqlstate !== INSUFFICIENT_PRIVILEGE)
    throw new StoryFailure(`the query failed with SQLSTATE ${r.sqlstate}, not permission denied.`);
}

async function expireAndAudit(s: Session): Promise<void> {
  s.step('expire records the end on main');
  await s.grantops(['expire', '--now', T.later], { exit: 0 });
  const message = await s.git(['log', '-1', '--format=%B', 'main']);
  if (!message.split('\n').includes('Grant-Action: expired'))
    throw new StoryFailure('the last commit on main is not the expiry (Grant-Action: expired).');
  if (await s.git(['ls-tree', '--name-only', 'main', '--', GRANT_PATH]))
    throw new StoryFailure(`${GRANT_PATH} is still on main after expire.`);
  await s.git(['log', '--oneline', 'main'], { shown: 'git log --oneline', print: true });
  s.say('A revert deleting the grant file, with trailers: the end of access is in git too.');

  s.step('audit: the timeline, from git history alone');
  await s.grantops(['audit', '--now', T.later], { exit: 0 });
  const json = await s.grantops(['audit', '--now', T.later, '--format', 'json'], {
    exit: 0,
    quiet: true,
  });
  const parsed: unknown = JSON.parse(json.output);
  const events = (Array.isArray(parsed) ? parsed : []) as {
    event: string;
    requester: string;
    approvers: string[];
  }[];
  const seen = events.map((e) => `${e.event} ${e.requester} approved by ${e.approvers.join(',')}`);
  if (seen.join('; ') !== 'granted alice approved by carol; expired alice approved by carol')
    throw new StoryFailure(
      `audit shows ${seen.join('; ') || 'no events'}, not the grant and its expiry.`,
    );
  s.say('And as Markdown, for a report or an issue, with a Mermaid chart of the windows:');
  const chart = await s.grantops(['audit', '--now', T.later, '--format', 'markdown'], { exit: 0 });
  if (!chart.output.includes('```mermaid'))
    throw new StoryFailure('audit --format markdown has no Mermaid chart.');
}
