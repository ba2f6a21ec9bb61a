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
      approvals: { counted: [], ignored: [{ login: 'alice', why: hostile }] },
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
