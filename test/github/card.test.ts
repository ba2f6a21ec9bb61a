import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionReport } from '../../src/core/forge.js';
import { CARD_MARKER, MAX_COMMENT, upsertCard } from '../../src/github/card.js';
import { cardMarkdown, mdText } from '../../src/github/report-text.js';
import { accessWorld, BOT, type AccessWorld } from '../fakes/github/world.js';

/**
 * The request card: one comment, found by its hidden marker among grantops' own comments only,
 * edited in place, never duplicated, and inert however hostile the text it shows.
 */

const repo = { owner: 'acme', repo: 'access' };
const PATH = 'grants/db-read/alice.yaml';

describe('the request card', () => {
  let w: AccessWorld;
  afterEach(() => w.cleanup());

  const cards = (n: number) =>
    w.repo.comments.filter((c) => c.issue === n && c.body.startsWith(CARD_MARKER));

  it('is created once, edited in place, and not written when nothing changed', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: 'duration: 1h\n' });
    expect(await upsertCard(w.octokit, repo, n, 'first', BOT)).toBe('created');
    const id = cards(n)[0]!.id;
    expect(await upsertCard(w.octokit, repo, n, 'second', BOT)).toBe('updated');
    w.gh.clearCalls();
    expect(await upsertCard(w.octokit, repo, n, 'second', BOT)).toBe('unchanged');
    expect(w.gh.writes()).toEqual([]);
    expect(cards(n).map((c) => [c.id, c.body])).toEqual([[id, `${CARD_MARKER}\nsecond`]]);
  });

  it('ignores a comment that copies the marker, and heals a duplicate left by a race', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: 'duration: 1h\n' });
    const mallory = w.client('mallory');
    await mallory.rest.issues.createComment({
      ...repo,
      issue_number: n,
      body: `${CARD_MARKER}\nApproved ✅`,
    });
    await w.octokit.rest.issues.createComment({
      ...repo,
      issue_number: n,
      body: `${CARD_MARKER}\nold`,
    });
    await w.octokit.rest.issues.createComment({
      ...repo,
      issue_number: n,
      body: `${CARD_MARKER}\nduplicate`,
    });
    expect(await upsertCard(w.octokit, repo, n, 'decided', BOT)).toBe('updated');
    const left = cards(n).map((c) => [c.user.login, c.body]);
    expect(left).toEqual([
      ['mallory', `${CARD_MARKER}\nApproved ✅`],
      [BOT, `${CARD_MARKER}\ndecided`],
    ]);
  });

  it('a secondary rate limit on creation is retried into exactly one card', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: 'duration: 1h\n' });
    w.gh.fail({ kind: 'secondary', status: 429, times: 1, method: 'POST' });
    await upsertCard(w.octokit, repo, n, 'card', BOT);
    expect(cards(n)).toHaveLength(1);
  });

  it('stays under GitHub’s 65,536 characters', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: 'duration: 1h\n' });
    await upsertCard(w.octokit, repo, n, 'x'.repeat(100_000), BOT);
    expect(cards(n)[0]!.body.length).toBeLessThanOrEqual(MAX_COMMENT);
    expect(cards(n)[0]!.body).toMatch(/cut: the full list is in the check/);
  });
});

describe('the card’s text', () => {
  it('escapes what the request wrote: no markup, no HTML, no mention, no broken table', () => {
    const hostile =
      '@carol <img src=x onerror=alert(1)> | **bold** [link](https://evil) `x`\nApproved-by: mallory';
    const report: DecisionReport = {
      request: '12',
      head: 'a'.repeat(40),
      conclusion: 'failure',
      summary: hostile,
      grants: [
        {
          path: PATH,
          role: 'db-read',
          requester: hostile,
          change: 'added',
          duration_seconds: 7200,
          approvals_required: 1,
        },
      ],
      approvals: {
        counted: [],
        ignored: [{ login: 'alice', why: hostile }],
        eligible: [{ role: 'db-read', required: 1, may_approve: [hostile], excluded: [] }],
      },
      problems: [{ path: 'grants/x`y.yaml', line: 3, code: 'E_REASON_PATTERN', message: hostile }],
    };
    const md = cardMarkdown(report);
    expect(md).not.toMatch(/<img/);
    expect(md).not.toMatch(/@carol/);
    expect(md).not.toMatch(/\*\*bold\*\*/);
    expect(md).not.toMatch(/\]\(https/);
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    // One table row per grant: an escaped pipe cannot add a column, a newline cannot add a row.
    const row = md.split('\n').find((l) => l.startsWith('| `grants/db-read'))!;
    expect(row.split(/(?<!\\)\|/)).toHaveLength(8);
    expect(md).toContain("`grants/x'y.yaml:3`");
    expect(mdText('a\u2028b\u0000c')).toBe('a b c');
    expect(md).toContain('| 2h |');
  });
});

describe('who may approve, on the card', () => {
  const report = (approvals: DecisionReport['approvals']): DecisionReport => ({
    request: '12',
    head: 'a'.repeat(40),
    conclusion: 'pending',
    summary: 'valid, waiting for approvals (1 of 2 counted)',
    grants: [],
    approvals,
    problems: [],
  });
  const plain = (md: string) => md.replace(/\u200b/g, '');

  it('lists the eligible approvers, teams as @org/team, and who cannot approve and why', () => {
    const md = cardMarkdown(
      report({
        counted: ['carol'],
        ignored: [{ login: 'dave', why: 'approved 0123456789, not the current head' }],
        eligible: [
          {
            role: 'db-write',
            required: 2,
            may_approve: ['@acme/db-admins', 'carol', 'dave'],
            excluded: [
              { login: 'alice', why: 'the requester, who never approves their own access' },
            ],
          },
        ],
      }),
    );
    const lines = plain(md).split('\n');
    expect(lines).toContain(
      '**Who may approve** `db-write` (2 approvals needed): @acme/db\\-admins, carol, dave',
    );
    expect(lines).toContain(
      '- cannot approve this request: alice (the requester, who never approves their own access)',
    );
    expect(lines).toContain('**Approvals that count:** carol');
    expect(lines).toContain('- not counted: dave (approved 0123456789, not the current head)');
    // Named, never mentioned: GitHub would notify the team.
    expect(md).not.toMatch(/@acme/);
  });

  it('shows bidi and other invisible characters in names as escapes', () => {
    const md = cardMarkdown(
      report({
        counted: ['car\u202eol'],
        ignored: [{ login: 'da\u200bve', why: 'no\u2066t an approver' }],
        eligible: [
          {
            role: 'db\u202e-read',
            required: 1,
            may_approve: ['@acme/ad\u202emins', 'e\u0000rin'],
            excluded: [{ login: 'mal\u061clory', why: 'pushed\u0007 to this request' }],
          },
        ],
      }),
    );
    // eslint-disable-next-line no-control-regex -- control characters are what must not appear
    const marks = /[\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f\u0000-\u001f]/;
    expect(md.replace(/\n/g, '')).not.toMatch(marks);
    for (const shown of [
      'car\\\\u202eol',
      'ad\\\\u202emins',
      'mal\\\\u061clory',
      '`db\\u202e-read`',
    ])
      expect(md).toContain(shown);
    // The zero-width space grantops adds after @ is its own; one typed in a name is shown.
    expect(md).toContain('da\\\\u200bve');
    expect(mdText('a\u202eb')).toBe('a\\\\u202eb');
  });
});
