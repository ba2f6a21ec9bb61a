import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessRepo } from '../helpers/access-repo.js';

let repo: AccessRepo;
beforeEach(() => (repo = new AccessRepo()));
afterEach(() => repo.cleanup());

describe('grantops codeowners', () => {
  it('routes each role folder to its approvers and everything else to the admins', async () => {
    const r = await repo.cli('codeowners');
    expect(r.code).toBe(0);
    const text = readFileSync(join(repo.dir, '.github/CODEOWNERS'), 'utf8');
    const rules = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rules).toEqual([
      '* @acme/security',
      '/grants/aws-prod-readonly/ @acme/security @acme/sre-oncall @alice @dave',
      '/grants/github-prod-admin/ @acme/security @dave',
      '/grants/orders-db-read/ @acme/db-admins @carol',
      '/grants/orders-db-write/ @acme/db-admins @acme/security @carol @dave',
    ]);
  });

  it('--check fails until the file is written, then passes', async () => {
    expect((await repo.cli('codeowners', '--check')).code).toBe(1);
    await repo.cli('codeowners');
    const r = await repo.cli('codeowners', '--check', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ path: '.github/CODEOWNERS', up_to_date: true });
  });

  it('--check notices a policy change that the file does not reflect', async () => {
    await repo.cli('codeowners');
    repo.commit('codeowners');
    repo
      .write(
        'policies/people.yaml',
        readFileSync(join(repo.dir, 'policies/people.yaml'), 'utf8').replace(
          'carol]',
          'carol, zoe]',
        ),
      )
      .commit('add zoe to dba');
    const r = await repo.cli('codeowners', '--check');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('out of date');
  });
});
