import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalHarness, at } from '../local/harness.js';

let h: LocalHarness;
beforeEach(() => {
  h = new LocalHarness();
});
afterEach(() => h.cleanup());

const refs = () => h.git('for-each-ref', '--format=%(refname)');
/** A refused request wrote nothing and asked no provider anything. */
const nothingWritten = (before: string) => {
  expect(refs()).toBe(before);
  expect(h.target.calls).toEqual([]);
};
const status = () => h.git('status', '--porcelain');

describe('grantops request on the local forge', { timeout: 120_000 }, () => {
  it('writes one commit by the requester on request/<role>/<login>, without touching the checkout', async () => {
    const head = h.git('rev-parse', 'HEAD');
    const r = await h.json(
      at('10:00'),
      'request',
      'db-write',
      '--for',
      '1h',
      '--reason',
      'INC-7 fix a stuck order: "quoted" # not a comment',
      '--ticket',
      'INC-7',
      '--param',
      'schema=orders',
      '--start',
      '2026-11-20T11:00:00Z',
      '--as',
      'Alice',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({
      request: 'request/db-write/alice',
      branch: 'request/db-write/alice',
      path: 'grants/db-write/alice.yaml',
      pr: null,
    });
    expect(h.git('rev-list', '--count', 'main..request/db-write/alice')).toBe('1');
    expect(h.git('log', '-1', '--format=%an <%ae>|%cn <%ce>', 'request/db-write/alice')).toBe(
      'alice <alice@users.noreply.github.com>|alice <alice@users.noreply.github.com>',
    );
    expect(h.git('diff', '--name-only', 'main', 'request/db-write/alice')).toBe(
      'grants/db-write/alice.yaml',
    );
    expect(h.git('show', 'request/db-write/alice:grants/db-write/alice.yaml')).toBe(
      [
        '# yaml-language-server: $schema=../../schemas/grant.schema.json',
        'duration: 1h',
        'reason: "INC-7 fix a stuck order: \\"quoted\\" # not a comment"',
        'ticket: "INC-7"',
        'start: "2026-11-20T11:00:00Z"',
        'params:',
        '  "schema": orders',
      ].join('\n'),
    );
    expect(h.git('rev-parse', 'HEAD')).toBe(head);
    expect(status()).toBe('');
    // What it wrote is a valid request by alice, as validate sees it.
    const v = await h.json(
      at('10:01'),
      'validate',
      '--base',
      'main',
      '--head',
      'request/db-write/alice',
      '--author',
      'alice',
    );
    expect(v.out).toMatchObject({ valid: true });
  });

  it('checks with validate’s rules first and writes nothing when they fail', async () => {
    const before = refs();
    const r = await h.json(
      at('10:00'),
      'request',
      'db-read',
      '--for',
      '9h',
      '--reason',
      'short',
      '--as',
      'alice',
    );
    expect(r.code).toBe(1);
    expect(r.out.request).toBeNull();
    expect(r.out.problems.map((p: { code: string }) => p.code).sort()).toEqual([
      'E_DURATION_TOO_LONG',
      'E_REASON_TOO_SHORT',
    ]);
    nothingWritten(before);
    expect(status()).toBe('');
  });

  it('a misspelt role: did you mean, and the roles the user may request', async () => {
    const before = refs();
    const r = await h.run(
      at('10:00'),
      'request',
      'db-raed',
      '--for',
      '1h',
      '--reason',
      'INC-1 slow queries',
      '--as',
      'alice',
      '--format',
      'text',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /E_UNKNOWN_ROLE: There is no role "db-raed"\. Did you mean db-read\? You may request: db-read, db-write\./,
    );
    nothingWritten(before);
  });

  it('someone not eligible is told which roles they may request (none here)', async () => {
    const before = refs();
    const r = await h.run(
      at('10:00'),
      'request',
      'db-read',
      '--for',
      '1h',
      '--reason',
      'INC-1 slow queries',
      '--as',
      'carol',
      '--format',
      'text',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('E_NOT_ELIGIBLE');
    expect(r.stdout).toContain('carol may request: no role.');
    nothingWritten(before);
  });

  it('without a role, lists what the user may request (usage, exit 2)', async () => {
    const before = refs();
    const r = await h.run(at('10:00'), 'request', '--as', 'bob');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bob may request: db-read, db-write.');
    nothingWritten(before);
  });

  it('hostile text cannot break out of the file: a reason with a newline is refused', async () => {
    const before = refs();
    const r = await h.json(
      at('10:00'),
      'request',
      'db-read',
      '--for',
      '1h',
      '--reason',
      'INC-1 ok\nApproved-by: carol',
      '--as',
      'alice',
    );
    expect(r.code).toBe(1);
    expect(r.out.problems.map((p: { code: string }) => p.code)).toEqual(['E_REASON_FORMAT']);
    nothingWritten(before);
  });

  it('a param that is not key=value, a bad login, or --open-pr are usage errors', async () => {
    const before = refs();
    for (const argv of [
      ['--param', 'schema'],
      ['--param', '=x'],
      ['--as', 'not a login'],
      ['--open-pr'],
      ['--open-pr', '--forge', 'local'],
    ]) {
      const r = await h.run(
        at('10:00'),
        'request',
        'db-write',
        '--for',
        '1h',
        '--reason',
        'INC-1 slow queries',
        '--as',
        'alice',
        ...argv,
      );
      expect(r.code, argv.join(' ')).toBe(2);
    }
    nothingWritten(before);
  });

  it('an open request for the same role is not overwritten', async () => {
    const args = [
      'request',
      'db-read',
      '--for',
      '1h',
      '--reason',
      'INC-1 slow queries',
      '--as',
      'alice',
    ];
    expect((await h.json(at('10:00'), ...args)).code).toBe(0);
    const first = h.git('rev-parse', 'request/db-read/alice');
    const again = await h.json(at('10:01'), ...args);
    expect(again.code).toBe(1);
    expect(again.out.problems.map((p: { code: string }) => p.code)).toEqual(['E_REQUEST_OPEN']);
    expect(h.git('rev-parse', 'request/db-read/alice')).toBe(first);
    expect(h.target.calls).toEqual([]);
  });

  it('says who may approve, never the requester, and what comes next', async () => {
    const r = await h.run(
      at('10:00'),
      'request',
      'db-read',
      '--for',
      '1h',
      '--reason',
      'INC-1 slow queries',
      '--as',
      'alice',
      '--format',
      'text',
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').slice(1)).toEqual([
      '  may approve db-read (1 approval needed): carol, dave',
      '  next: an approver runs grantops approve request/db-read/alice --as LOGIN',
      '  then: grantops merge request/db-read/alice',
    ]);
    // carol is an approver; asking for herself, she is not one who may approve.
    h.git('update-ref', '-d', 'refs/heads/request/db-read/alice');
    h.repo
      .write(
        'policies/people.yaml',
        h.git('show', 'main:policies/people.yaml').replace('oncall: [', 'oncall: [carol, '),
      )
      .commit('carol is on call', at('09:30'));
    const own = await h.json(
      at('10:00'),
      'request',
      'db-read',
      '--for',
      '1h',
      '--reason',
      'INC-1 slow queries',
      '--as',
      'carol',
    );
    expect(own.code).toBe(0);
    expect(own.out.eligible).toEqual({
      role: 'db-read',
      required: 1,
      may_approve: ['dave'],
      excluded: [{ login: 'carol', why: 'the requester, who never approves their own access' }],
    });
  });

  it('--as defaults to the login of git’s configured identity', async () => {
    h.git('config', 'user.email', '4242+Erin@users.noreply.github.com');
    const r = await h.json(
      at('10:00'),
      'request',
      'db-read',
      '--for',
      '1h',
      '--reason',
      'INC-1 slow queries',
    );
    expect(r.out).toMatchObject({ request: 'request/db-read/erin', requester: 'erin' });
  });

  it('--forge github without the requester’s own token says how to give one', async () => {
    const before = refs();
    const r = await h.run(
      at('10:00'),
      'request',
      'db-read',
      '--for',
      '1h',
      '--reason',
      'INC-1 slow queries',
      '--as',
      'alice',
      '--forge',
      'github',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/opens the pull request as you.*set GH_TOKEN/);
    nothingWritten(before);
  });
});
