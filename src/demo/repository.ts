import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoryFailure, type Session } from './session.js';

/** The workflows `init` writes pin the action by commit; the demo never runs them. */
const ACTION_REF = `grantops/grantops@${'0'.repeat(40)}`;
/** The admin who sets the repository up: a git identity, not a grantops one. */
const ADMIN = { name: 'sam', email: 'sam@users.noreply.github.com' };
/** Who joins which group of the example policy. */
const PEOPLE = [
  ['oncall', 'alice'],
  ['dba', 'carol'],
] as const;

/**
 * The first step: `grantops init` makes the repository, and an admin names the people in its
 * example groups, commits, and regenerates CODEOWNERS, as init's own next steps say.
 */
export async function setUpRepository(s: Session, now: string): Promise<void> {
  s.step('An access repository, as `grantops init` makes it');
  await s.grantops(['init', 'access', '--org', 'acme', '--action-ref', ACTION_REF], {
    exit: 0,
    cwd: join(s.repo, '..'),
  });
  s.show('$ cd access');
  s.say(
    'Its example policy has one role, orders-db-read: read-only SQL on the orders database, for',
    'at most 8h, requested by the group oncall, approved by one person of the group dba.',
    'An admin puts people in those groups (policies/access.yaml) and commits:',
  );
  const file = join(s.repo, 'policies/access.yaml');
  let after = await readFile(file, 'utf8');
  const edited: string[] = [];
  for (const [group, login] of PEOPLE) {
    const line = new RegExp(`^( *${group}: \\[)(.*)\\]$`, 'm');
    if (!line.test(after))
      throw new StoryFailure(
        `policies/access.yaml from grantops init has no one-line group ${group} for ${login} to join.`,
      );
    after = after.replace(line, (_, head: string, list: string) => {
      edited.push(`    ${head.trim()}${list}, ${login}]`);
      return `${head}${list}, ${login}]`;
    });
  }
  await writeFile(file, after);
  s.show(edited.join('\n'));
  const admin = {
    GIT_AUTHOR_NAME: ADMIN.name,
    GIT_AUTHOR_EMAIL: ADMIN.email,
    GIT_COMMITTER_NAME: ADMIN.name,
    GIT_COMMITTER_EMAIL: ADMIN.email,
    GIT_AUTHOR_DATE: now,
    GIT_COMMITTER_DATE: now,
  };
  const commit = (message: string) =>
    s.git(['-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', message], {
      env: admin,
    });
  await s.git(['add', '-A'], { shown: 'git add -A && git commit -m "Access policies for acme"' });
  await commit('Access policies for acme');
  s.say('CODEOWNERS routes each role folder to its approvers: regenerate it from the policies.');
  await s.grantops(['codeowners'], { exit: 0 });
  const owners = await readFile(join(s.repo, '.github/CODEOWNERS'), 'utf8');
  if (!/^\/grants\/orders-db-read\/ .*@carol\b/m.test(owners))
    throw new StoryFailure(
      '.github/CODEOWNERS does not make carol an owner of grants/orders-db-read/.',
    );
  await s.git(['add', '-A'], { shown: 'git commit -am "CODEOWNERS from the policies"' });
  await commit('CODEOWNERS from the policies');
}
