import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRepo, grantYaml, type GitRepo } from '../helpers/gitrepo.js';
import { cli } from '../helpers/cli.js';

let repo: GitRepo;
let merge: string;
beforeAll(() => {
  repo = accessRepo();
  repo
    .write('grants/db-read/erin.yaml', grantYaml('1h'))
    .commit('Erin, long expired\n\nApproved-by: carol', '2026-01-01T09:00:00Z');
  repo
    .checkout('req', { create: true })
    .write('grants/db-read/alice.yaml', grantYaml('2h'))
    .commit('Request', '2026-01-02T07:00:00Z');
  repo.checkout('main');
  merge = repo.merge(
    'req',
    'Grant db-read to alice\n\nGrant-Action: granted\nGrant-Path: grants/db-read/alice.yaml\nApproved-by: carol\nPull-Request: #4',
    '2026-01-02T10:00:00Z',
  );
  repo
    .write(
      'grants/db-write/bob.yaml',
      grantYaml(
        '1h',
        'INC-9 fix data',
        'start: 2026-01-03T09:00:00Z\nparams: { schema: orders }\n',
      ),
    )
    .commit('Schedule bob\n\nApproved-by: dave', '2026-01-02T10:05:00Z');
  repo
    .write('grants/db-read/dave.yaml', grantYaml('soon'))
    .commit('Invalid by admin merge\n\nApproved-by: carol', '2026-01-02T10:10:00Z');
  // Merged around review: the trailers are the requester's own text and name no approver.
  repo
    .write('grants/db-read/bob.yaml', grantYaml('8h'))
    .commit(
      'Grant db-read to bob (#7)\n\nApproved-by: Bob\nApproved-by: @carol\nApproved-by: Carol <carol@example.com>\nApproved-by: github-actions',
      '2026-01-02T10:15:00Z',
    );
});
afterAll(() => repo.cleanup());

const NOW = '2026-01-02T11:00:00Z';

describe('grantops status', () => {
  it('prints the DESIGN §3 JSON: active and scheduled grants, then unapproved and invalid files', async () => {
    const r = await cli(repo.dir, 'status', '--now', NOW, '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(
      out.map((e) => [
        e.role,
        e.requester,
        e.path,
        e.state,
        e.starts_at,
        e.expires_at,
        e.landed_at,
      ]),
    ).toEqual([
      [
        'db-read',
        'alice',
        'grants/db-read/alice.yaml',
        'active',
        '2026-01-02T10:00:00Z',
        '2026-01-02T12:00:00Z',
        '2026-01-02T10:00:00Z',
      ],
      [
        'db-write',
        'bob',
        'grants/db-write/bob.yaml',
        'scheduled',
        '2026-01-03T09:00:00Z',
        '2026-01-03T10:00:00Z',
        '2026-01-02T10:05:00Z',
      ],
      [
        'db-read',
        'bob',
        'grants/db-read/bob.yaml',
        'unapproved',
        null,
        null,
        '2026-01-02T10:15:00Z',
      ],
      [
        'db-read',
        'dave',
        'grants/db-read/dave.yaml',
        'invalid',
        null,
        null,
        '2026-01-02T10:10:00Z',
      ],
    ]);
    expect(out[0]).toMatchObject({
      commit: merge,
      seconds_left: 3600,
      approvers: ['carol'],
      pr: '#4',
      source: 'trailers',
    });
    expect(out[2]).toMatchObject({
      seconds_left: null,
      approvers: [],
      approvals_required: 1,
      pr: '#7',
      problems: ['E_UNAPPROVED_LANDING'],
      not_counted: [
        { value: 'Bob', why: expect.stringMatching(/requester/) },
        { value: '@carol', why: expect.stringMatching(/not a bare GitHub login/) },
        { value: 'Carol <carol@example.com>', why: expect.stringMatching(/not a bare/) },
        { value: 'github-actions', why: expect.stringMatching(/bots never approve/) },
      ],
    });
    expect(out[3]).toMatchObject({ problems: ['E_DURATION_FORMAT'] });
    expect(r.stderr).toMatch(
      /1 grant file\(s\) on main are invalid and grant nothing: grants\/db-read\/dave.yaml/,
    );
    expect(r.stderr).toMatch(
      /1 grant file\(s\) on main landed without eligible approvals or an eligible requester \(E_UNAPPROVED_LANDING\).*grants\/db-read\/bob.yaml/,
    );
  });

  it('prints an aligned table for people', async () => {
    const r = await cli(repo.dir, 'status', '--now', NOW);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Grants on main \([0-9a-f]{10}\) at 2026-01-02T11:00:00Z: 1 active, 1 scheduled, 1 unapproved, 1 invalid \(times in UTC\)$/,
    );
    expect(lines[2]).toMatch(/^ROLE +REQUESTER +STATE +STARTS +EXPIRES +LEFT +LANDED +COMMIT$/);
    expect(lines[3]).toMatch(
      /^db-read +alice +active +2026-01-02 10:00 +2026-01-02 12:00 +1h +2026-01-02 10:00 +[0-9a-f]{10}$/,
    );
    expect(lines[4]).toMatch(
      /^db-write +bob +scheduled +2026-01-03 09:00 +2026-01-03 10:00 +in 22h +2026-01-02 10:05/,
    );
    expect(lines[2]!.indexOf('STATE')).toBe(lines[3]!.indexOf('active'));
    expect(r.stdout).toMatch(
      /Invalid grant files \(they grant nothing; fix or delete them\):\n {2}grants\/db-read\/dave.yaml {2}E_DURATION_FORMAT/,
    );
    expect(r.stdout).toMatch(
      /Unapproved landings \(they grant nothing and raise E_UNAPPROVED_LANDING; .*\):\n {2}grants\/db-read\/bob.yaml {2}E_UNAPPROVED_LANDING {2}\(landed 2026-01-02 10:15 in [0-9a-f]{10}; 0\/1 approvals counted; not counted: "Bob" \(names the requester/,
    );
    // No table row shows it: it is never active.
    expect(r.stdout).not.toMatch(/^db-read +bob /m);
    // Erin's grant expired long ago and its file is still on main: a revert is due.
    expect(r.stderr).toContain('1 expired grant file(s) are still on main');
    expect(r.stderr).toContain('grants/db-read/erin.yaml');
  });

  it('reads another ref and time', async () => {
    const r = await cli(
      repo.dir,
      'status',
      '--ref',
      'req',
      '--now',
      '2026-01-02T07:30:00Z',
      '--format',
      'json',
    );
    // The request branch's own commit carries no approval: on that ref it grants nothing.
    expect(JSON.parse(r.stdout)).toMatchObject([
      { requester: 'alice', state: 'unapproved', landed_at: '2026-01-02T07:00:00Z' },
    ]);
    const later = await cli(
      repo.dir,
      'status',
      '--now',
      '2026-01-05T00:00:00Z',
      '--format',
      'json',
    );
    expect((JSON.parse(later.stdout) as { state: string }[]).map((e) => e.state)).toEqual([
      'unapproved',
      'invalid',
    ]);
  });

  it('explains a bad ref and exits 2', async () => {
    const r = await cli(repo.dir, 'status', '--ref', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"nope" is not a commit/);
  });
});
