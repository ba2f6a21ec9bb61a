import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { accessRepo, grantYaml, type GitRepo } from '../helpers/gitrepo.js';

const A = 'grants/db-read/alice.yaml';
const B = 'grants/db-write/bob.yaml';
const E = 'grants/db-read/erin.yaml';
/**
 * A reason written to break every output format it reaches (a YAML double-quoted string). It is
 * one line: a reason with a line break is refused by the reason rule, on the branch as in
 * validate, so it never reaches a `granted` event.
 */
const HOSTILE = String.raw`"=HYPERLINK(\"http://x\") | <script>alert(1)</script> @everyone [x](javascript:alert(1)) \u0060\u0060\u0060 :; #crit %% Approved-by: mallory"`;

let repo: GitRepo;
const c: Record<string, string> = {};
beforeAll(() => {
  repo = accessRepo();
  repo
    .checkout('req-a', { create: true })
    .write(A, grantYaml('2h'))
    .commit('Request', '2026-01-02T07:00:00Z');
  repo.checkout('main');
  c.grantA = repo.merge(
    'req-a',
    `Grant db-read to alice (#1)\n\nGrant-Action: granted\nGrant-Path: ${A}\nGrant-Role: db-read\nGrant-Requester: alice\nApproved-by: carol\nPull-Request: #1`,
    '2026-01-02T10:00:00Z',
  );
  c.grantB = repo
    .write(B, grantYaml('2h', HOSTILE, 'params: { schema: orders }\n'))
    .commit('Grant db-write to bob (#2)\n\nApproved-by: carol', '2026-01-02T10:30:00Z');
  c.renewA = repo
    .write(A, grantYaml('3h', 'INC-2 still slow'))
    .commit(
      `Renew (#3)\n\nGrant-Action: renewed\nGrant-Path: ${A}\nApproved-by: dave\nPull-Request: #3`,
      '2026-01-02T11:00:00Z',
    );
  c.revokeB = repo
    .remove(B)
    .commit(
      `Revoke bob\n\nGrant-Action: revoked\nGrant-Path: ${B}\nReason: incident closed\nPull-Request: #4`,
      '2026-01-02T11:15:00Z',
    );
  c.expireA = repo
    .remove(A)
    .commit(
      `Expire alice\n\nGrant-Action: expired\nGrant-Path: ${A}\nPull-Request: #5`,
      '2026-01-02T14:30:00Z',
    );
  c.grantE = repo
    .write(E, grantYaml('1h'))
    .commit('Grant erin\n\nApproved-by: dave', '2026-01-03T09:00:00Z');
  c.bad = repo
    .write('grants/db-read/dave.yaml', 'duration: 1h\n')
    .commit('Admin merge', '2026-01-03T09:05:00Z');
});
afterAll(() => repo.cleanup());

const NOW = '2026-01-04T00:00:00Z';
type Ev = Record<string, unknown>;
const json = async (...args: string[]) => {
  const r = await cli(repo.dir, 'audit', '--now', NOW, '--format', 'json', ...args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Ev[];
};

describe('grantops audit', () => {
  it('prints the whole timeline as DESIGN §3 JSON events', async () => {
    const es = await json();
    expect(es.map((e) => [e.time, e.event, e.requester, e.commit])).toEqual([
      ['2026-01-02T10:00:00Z', 'granted', 'alice', c.grantA],
      ['2026-01-02T10:30:00Z', 'granted', 'bob', c.grantB],
      ['2026-01-02T11:00:00Z', 'renewed', 'alice', c.renewA],
      ['2026-01-02T11:15:00Z', 'revoked', 'bob', c.revokeB],
      ['2026-01-02T14:00:00Z', 'expired', 'alice', c.expireA],
      ['2026-01-03T09:00:00Z', 'granted', 'erin', c.grantE],
      ['2026-01-03T09:05:00Z', 'invalid', 'dave', c.bad],
      ['2026-01-03T10:00:00Z', 'expired', 'erin', c.grantE],
    ]);
    expect(es[0]).toEqual({
      time: '2026-01-02T10:00:00Z',
      event: 'granted',
      role: 'db-read',
      requester: 'alice',
      reason: 'INC-1 investigate slow queries',
      approvers: ['carol'],
      commit: c.grantA,
      pr: '#1',
      path: A,
      starts_at: '2026-01-02T10:00:00Z',
      expires_at: '2026-01-02T12:00:00Z',
      landed_at: '2026-01-02T10:00:00Z',
      grant_commit: c.grantA,
      recorded_at: '2026-01-02T10:00:00Z',
      note: null,
      problems: [],
      source: 'trailers',
    });
    expect(es[1]).toMatchObject({ pr: '#2', approvers: ['carol'], source: 'git' });
    expect(es[2]).toMatchObject({
      approvers: ['dave'],
      expires_at: '2026-01-02T14:00:00Z',
      reason: 'INC-2 still slow',
    });
    expect(es[3]).toMatchObject({
      note: 'incident closed',
      pr: '#4',
      grant_commit: c.grantB,
      approvers: ['carol'],
    });
    expect(es[4]).toMatchObject({
      recorded_at: '2026-01-02T14:30:00Z',
      grant_commit: c.renewA,
      pr: '#5',
      approvers: ['dave'],
    });
    expect(es[6]).toMatchObject({ problems: ['E_MISSING_KEY'] });
    expect(es[7]).toMatchObject({ recorded_at: null });
  });

  it('filters by --since, --until, --user and --role', async () => {
    const pick = (es: Ev[]) => es.map((e) => `${e.event} ${e.requester}`);
    // Events in the range, and those of grants whose window overlaps it: alice's and bob's
    // grants landed before 11:00 and were in force after it.
    expect(
      pick(await json('--since', '2026-01-02T11:00:00Z', '--until', '2026-01-02T14:00:00Z')),
    ).toEqual(['granted alice', 'granted bob', 'renewed alice', 'revoked bob', 'expired alice']);
    expect(
      pick(await json('--since', '2026-01-02T14:00:00Z', '--until', '2026-01-02T23:00:00Z')),
    ).toEqual(['expired alice']);
    expect(pick(await json('--until', '2026-01-02T10:15:00Z'))).toEqual(['granted alice']);
    expect(pick(await json('--user', 'ALICE'))).toEqual([
      'granted alice',
      'renewed alice',
      'expired alice',
    ]);
    expect(pick(await json('--role', 'db-write'))).toEqual(['granted bob', 'revoked bob']);
    expect(pick(await json('--role', 'db-read', '--since', '2026-01-03T00:00:00Z'))).toEqual([
      'granted erin',
      'invalid dave',
      'expired erin',
    ]);
  });

  it('--at answers who had access then, in status shape', async () => {
    expect(
      (await json('--at', '2026-01-02T10:45:00Z')).map((e) => [
        e.requester,
        e.state,
        e.expires_at,
        e.commit,
      ]),
    ).toEqual([
      ['alice', 'active', '2026-01-02T12:00:00Z', c.grantA],
      ['bob', 'active', '2026-01-02T12:30:00Z', c.grantB],
    ]);
    expect(
      (await json('--at', '2026-01-02T13:00:00Z')).map((e) => [e.requester, e.landed_at]),
    ).toEqual([['alice', '2026-01-02T11:00:00Z']]);
    expect(await json('--at', '2026-01-02T14:10:00Z', '--role', 'db-write')).toEqual([]);
    const text = await cli(repo.dir, 'audit', '--at', '2026-01-02T10:45:00Z');
    expect(text.stdout).toMatch(/^Access in force at 2026-01-02T10:45:00Z on main .*: 2 active/);
    expect(text.stdout).toMatch(/db-write +bob +active/);
  });

  it('prints a readable text timeline', async () => {
    const r = await cli(repo.dir, 'audit', '--now', NOW, '--user', 'alice');
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      expect.stringMatching(
        /^Access events on main \([0-9a-f]{10}\), the beginning to 2026-01-04T00:00:00Z \(times in UTC\)$/,
      ),
      expect.stringMatching(
        /^2026-01-02 10:00 {2}granted {3}db-read +alice +2026-01-02 10:00 → 2026-01-02 12:00, approved by carol, [0-9a-f]{10} #1: "INC-1 investigate slow queries"$/,
      ),
      expect.stringMatching(
        /^2026-01-02 11:00 {2}renewed {3}db-read +alice +2026-01-02 11:00 → 2026-01-02 14:00, approved by dave/,
      ),
      expect.stringMatching(
        /^2026-01-02 14:00 {2}expired {3}db-read +alice +recorded 2026-01-02 14:30 in [0-9a-f]{10} #5/,
      ),
    ]);
  });

  it('writes injection-safe, properly quoted CSV', async () => {
    const r = await cli(repo.dir, 'audit', '--now', NOW, '--format', 'csv', '--user', 'bob');
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe(
      '"time","event","role","requester","reason","approvers","commit","pr","path","starts_at","expires_at","landed_at","grant_commit","recorded_at","note","problems","source"',
    );
    expect(lines).toHaveLength(4); // header, two events, and the empty string after the last CRLF
    const reasonCell = lines[1]!.split('","')[4]!;
    expect(reasonCell).toBe(
      `'=HYPERLINK(""http://x"") | <script>alert(1)</script> @everyone [x](javascript:alert(1)) \`\`\` :; #crit %% Approved-by: mallory`,
    );
    expect(r.stdout).not.toMatch(/(^|,)"[=+\-@]/m);
  });

  it('writes Markdown with escaped text and a Mermaid gantt chart that hostile text cannot break', async () => {
    const r = await cli(repo.dir, 'audit', '--now', NOW, '--format', 'markdown');
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^# Access audit\n\nAccess events on main \\\([0-9a-f]{10}\\\)/);
    const bobRow = md
      .split('\n')
      .find((l) => l.includes('| granted | db\\-write') || l.includes('| granted | db-write'))!;
    expect(bobRow.split(/(?<!\\)\|/)).toHaveLength(11); // 9 cells: no pipe escaped out of its cell
    expect(bobRow).toContain('&lt;script&gt;');
    expect(bobRow).toContain('&#64;everyone');
    expect(bobRow).toContain('\\[x\\]\\(javascript');
    expect(bobRow).toContain('\\`\\`\\`');
    expect(bobRow).not.toMatch(/<script>|@everyone/);
    const chart = md.slice(md.indexOf('```mermaid'), md.lastIndexOf('```') + 3);
    expect(chart.split('\n')).toEqual([
      '```mermaid',
      'gantt',
      '  title Grant windows (UTC)',
      '  dateFormat YYYY-MM-DD HH:mm:ss',
      '  axisFormat %m-%d %H:%M',
      '  section db-read',
      '  alice INC-1 investigate slow queries :done, 2026-01-02 10:00:00, 2026-01-02 11:00:00',
      '  alice INC-2 still slow :done, 2026-01-02 11:00:00, 2026-01-02 14:00:00',
      '  erin INC-1 investigate slow queries :done, 2026-01-03 09:00:00, 2026-01-03 10:00:00',
      '  section db-write',
      '  bob HYPERLINK( http //x ) scri :crit, 2026-01-02 10:30:00, 2026-01-02 11:15:00',
      '```',
    ]);
    expect(md.match(/```/g)).toHaveLength(2);
  });

  it('refuses contradictory or unreadable flags with exit 2', async () => {
    expect((await cli(repo.dir, 'audit', '--at', NOW, '--since', NOW)).code).toBe(2);
    const r = await cli(repo.dir, 'audit', '--since', 'yesterday');
    expect([r.code, r.stderr]).toEqual([
      2,
      expect.stringMatching(/--since "yesterday" is not a time/),
    ]);
    expect((await cli(repo.dir, 'audit', '--format', 'xml')).code).toBe(2);
  });

  it('prints an empty but valid result when nothing matches', async () => {
    expect(await json('--user', 'nobody')).toEqual([]);
    const md = await cli(
      repo.dir,
      'audit',
      '--now',
      NOW,
      '--format',
      'markdown',
      '--user',
      'nobody',
    );
    expect(md.stdout).toContain('(no events)');
    expect(md.stdout).toContain('_No grant windows in this range._');
  });
});

describe('grantops audit: what reconcile refuses, and what --since may not hide', () => {
  let r2: GitRepo;
  const at: Record<string, string> = {};
  beforeAll(() => {
    r2 = accessRepo();
    at.approved = r2
      .write(A, grantYaml('8h'))
      .commit('Grant alice\n\nApproved-by: carol', '2026-01-02T10:00:00Z');
    // Merged around review: the trailers name the requester and a non-login.
    at.unapproved = r2
      .write('grants/db-read/bob.yaml', grantYaml('2h'))
      .commit(
        'Grant bob (#9)\n\nApproved-by: bob\nApproved-by: Carol <carol@example.com>',
        '2026-01-02T10:30:00Z',
      );
    // Committed with a date months in the past, after the others: it landed now.
    at.backdated = r2
      .write(E, grantYaml('8h'))
      .commit('Grant erin\n\nApproved-by: dave', '2025-06-01T00:00:00Z');
  });
  afterAll(() => r2.cleanup());
  const run = async (...args: string[]) => {
    const r = await cli(
      r2.dir,
      'audit',
      '--now',
      '2026-01-02T12:00:00Z',
      '--format',
      'json',
      ...args,
    );
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Ev[];
  };

  it('records an unapproved landing as an alarm event, never as granted', async () => {
    const es = await run();
    expect(es.map((e) => [e.event, e.requester, e.time])).toEqual([
      ['granted', 'alice', '2026-01-02T10:00:00Z'],
      ['unapproved', 'bob', '2026-01-02T10:30:00Z'],
      ['granted', 'erin', '2026-01-02T10:30:00Z'],
    ]);
    expect(es[1]).toMatchObject({
      commit: at.unapproved,
      approvers: [],
      starts_at: null,
      expires_at: null,
      pr: '#9',
      problems: ['E_UNAPPROVED_LANDING'],
      note: expect.stringMatching(
        /Not counted: "bob" \(names the requester.*"Carol <carol@example.com>" \(not a bare GitHub login/,
      ),
    });
    const text = await cli(r2.dir, 'audit', '--now', '2026-01-02T12:00:00Z', '--user', 'bob');
    expect(text.stdout).toMatch(
      /unapproved +db-read +bob +never active, alarm E_UNAPPROVED_LANDING/,
    );
    expect(text.stdout).not.toMatch(/granted +db-read +bob/);
  });

  it('--since shows a grant still in force then, however early its commit says it landed', async () => {
    const es = await run('--since', '2026-01-02T11:00:00Z');
    expect(es.map((e) => [e.event, e.requester, e.landed_at, e.expires_at])).toEqual([
      ['granted', 'alice', '2026-01-02T10:00:00Z', '2026-01-02T18:00:00Z'],
      ['granted', 'erin', '2026-01-02T10:30:00Z', '2026-01-02T18:30:00Z'],
    ]);
    expect(es[1]!.commit).toBe(at.backdated);
    // And --at agrees: both were in force.
    const inForce = await run('--at', '2026-01-02T11:00:00Z');
    expect(inForce.map((e) => [e.requester, e.state])).toEqual([
      ['alice', 'active'],
      ['erin', 'active'],
    ]);
  });
});
