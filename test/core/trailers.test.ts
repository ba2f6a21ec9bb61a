import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCommitMessage,
  formatTrailers,
  parseTrailers,
  pullRequestFromSubject,
  trailersFor,
  trailerValue,
  type CommitTrailers,
  type GrantTrailers,
} from '../../src/core/trailers.js';

describe('audit trailers', () => {
  it('round-trips one grant with commit-level approvals and pull request', () => {
    const msg = formatCommitMessage('Grant db-read to alice for 2h (#12)', null, {
      grants: [
        {
          action: 'granted',
          path: 'grants/db-read/alice.yaml',
          role: 'db-read',
          requester: 'alice',
          startsAt: '2026-01-01T10:00:00Z',
          expiresAt: '2026-01-01T12:00:00Z',
          duration: '2h',
          reason: 'INC-1 slow queries',
          ticket: 'INC-1',
        },
      ],
      approvedBy: ['carol', 'dave'],
      pullRequest: '#12',
    });
    expect(msg).toBe(
      [
        'Grant db-read to alice for 2h (#12)',
        '',
        'Grant-Action: granted',
        'Grant-Path: grants/db-read/alice.yaml',
        'Grant-Role: db-read',
        'Grant-Requester: alice',
        'Grant-Starts: 2026-01-01T10:00:00Z',
        'Grant-Expires: 2026-01-01T12:00:00Z',
        'Grant-Duration: 2h',
        'Reason: INC-1 slow queries',
        'Ticket: INC-1',
        'Approved-by: carol',
        'Approved-by: dave',
        'Pull-Request: #12',
        '',
      ].join('\n'),
    );
    const t = parseTrailers(msg);
    expect(t.approvedBy).toEqual(['carol', 'dave']);
    expect(t.pullRequest).toBe('#12');
    expect(t.grants).toEqual([
      {
        action: 'granted',
        path: 'grants/db-read/alice.yaml',
        role: 'db-read',
        requester: 'alice',
        startsAt: '2026-01-01T10:00:00Z',
        expiresAt: '2026-01-01T12:00:00Z',
        duration: '2h',
        reason: 'INC-1 slow queries',
        ticket: 'INC-1',
      },
    ]);
  });

  it('represents several grants in one commit as blocks', () => {
    const msg = formatCommitMessage('Expire 2 grants', null, {
      grants: [
        {
          action: 'expired',
          path: 'grants/db-read/alice.yaml',
          role: 'db-read',
          requester: 'alice',
        },
        {
          action: 'revoked',
          path: 'grants/db-write/bob.yaml',
          role: 'db-write',
          requester: 'bob',
          reason: 'done early',
        },
      ],
    });
    const t = parseTrailers(msg);
    expect(t.grants.map((g) => [g.action, g.requester, g.reason])).toEqual([
      ['expired', 'alice', undefined],
      ['revoked', 'bob', 'done early'],
    ]);
    expect(trailersFor(t, 'grants/db-write/bob.yaml', 'db-write', 'bob')?.action).toBe('revoked');
  });

  it('splits hand-written blocks without Grant-Action when a key repeats', () => {
    const t = parseTrailers(
      'Merge\n\nGrant-Role: a\nGrant-Requester: x\nGrant-Role: b\nGrant-Requester: y\n',
    );
    expect(t.grants).toEqual([
      { role: 'a', requester: 'x' },
      { role: 'b', requester: 'y' },
    ]);
    expect(trailersFor(t, 'grants/b/y.yaml', 'b', 'y')).toEqual({ role: 'b', requester: 'y' });
  });

  it('a hostile reason cannot inject trailers, lines or paragraphs', () => {
    const reason =
      'INC-1 ok\nApproved-by: mallory\r\n\nGrant-Action: granted\u2028Pull-Request: #666\u0085x';
    const msg = formatCommitMessage('Grant', null, {
      grants: [{ action: 'granted', role: 'db-read', requester: 'alice', reason }],
      approvedBy: ['carol'],
    });
    const t = parseTrailers(msg);
    expect(t.approvedBy).toEqual(['carol']);
    expect(t.pullRequest).toBeNull();
    expect(t.grants).toHaveLength(1);
    expect(t.grants[0]!.reason).toBe(
      'INC-1 ok Approved-by: mallory Grant-Action: granted Pull-Request: #666 x',
    );
    expect(msg.split('\n').filter((l) => l.startsWith('Approved-by'))).toEqual([
      'Approved-by: carol',
    ]);
  });

  it('bounds and flattens values', () => {
    expect(trailerValue('a\tb\u001b[31mc')).toBe('a b [31mc');
    expect(trailerValue('x'.repeat(600))).toHaveLength(500);
  });

  it('indents trailer-looking lines of a free-text body so they stay prose', () => {
    const msg = formatCommitMessage('Grant', 'Description from the PR\nApproved-by: mallory', {
      grants: [{ role: 'r', requester: 'u' }],
    });
    expect(parseTrailers(msg).approvedBy).toEqual([]);
    expect(msg).toContain('  Approved-by: mallory');
  });

  it('reads only a last paragraph made of trailers, never the subject', () => {
    expect(parseTrailers('Reason: not a trailer').all).toEqual([]);
    expect(parseTrailers('Subject\n\nSome prose\nApproved-by: carol\n').approvedBy).toEqual([]);
    expect(
      parseTrailers('Subject\n\nApproved-by: carol\n  continued\nPull-Request: #3\n').all,
    ).toEqual([
      ['Approved-by', 'carol continued'],
      ['Pull-Request', '#3'],
    ]);
    // Keys ignore case; values are kept as written: whether `@Carol` names an approver is the
    // approval rule's to judge (it does not: an approval is a bare login).
    expect(parseTrailers('S\r\n\r\napproved-BY: @Carol\r\n').approvedBy).toEqual(['@Carol']);
    expect(parseTrailers('S\n\nGrant-Action: bogus\nGrant-Role: r\n').grants).toEqual([
      { role: 'r' },
    ]);
  });

  it('finds the pull request in GitHub merge and squash subjects', () => {
    expect(pullRequestFromSubject('Merge pull request #42 from alice/req\n\nbody')).toBe('#42');
    expect(pullRequestFromSubject('Grant db-read to alice (#7)')).toBe('#7');
    expect(pullRequestFromSubject('Direct commit')).toBeNull();
  });

  it('writes nothing for empty input', () => {
    expect(formatTrailers({ grants: [] })).toBe('');
  });
});

describe('parseTrailers reads the last paragraph as splitting the message would', () => {
  /**
   * The plain reading, kept as the oracle: split into paragraphs, take the last, and read it as
   * trailers only when every line is one (or continues one).
   */
  function trailerLinesBySplit(message: string): [string, string][] {
    const paragraphs = message
      .replace(/\r\n?/g, '\n')
      .trimEnd()
      .split(/\n[ \t]*\n/);
    if (paragraphs.length < 2) return [];
    const all: [string, string][] = [];
    for (const line of paragraphs[paragraphs.length - 1]!.split('\n')) {
      const m = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]?(.*)$/.exec(line);
      if (m) all.push([m[1]!, m[2]!.trim()]);
      else if (/^[ \t]+\S/.test(line) && all.length) all[all.length - 1]![1] += ` ${line.trim()}`;
      else return [];
    }
    return all;
  }
  const piece = fc.constantFrom(
    '\n',
    '\r\n',
    '\r',
    ' ',
    '\t',
    '\n\n',
    '\n \t\n',
    'Approved-by: carol',
    'Grant-Path: grants/db-read/alice.yaml',
    'Grant-Action: granted',
    '  continued',
    'Subject',
    'prose line',
    'Pull-Request: #12',
    // Spellings and hostile bytes the reader by index must read exactly as the patterns do.
    'APPROVED-BY: Dave',
    'grant-path: grants/x.yaml',
    'Grant-Path \t:  spaced  ',
    'Grant-Action: Renewed',
    'Reason:\u00a0nbsp\u00a0',
    'Approved-by:',
    '\u2028',
    '\u2029',
    '\u0085',
    ' \u00a0x',
    '-dash: x',
    '9lives: x',
    ':',
    'k:',
    'key value',
    'a_b: c',
  );

  /** What the commit says, from its trailer lines: the grouping rules, read plainly. */
  function fromLines(all: [string, string][]): Omit<CommitTrailers, 'all'> {
    const out: Omit<CommitTrailers, 'all'> = { grants: [], approvedBy: [], pullRequest: null };
    const fields: Record<string, keyof GrantTrailers> = {
      'grant-action': 'action',
      'grant-path': 'path',
      'grant-role': 'role',
      'grant-requester': 'requester',
      'grant-starts': 'startsAt',
      'grant-expires': 'expiresAt',
      'grant-duration': 'duration',
      reason: 'reason',
      ticket: 'ticket',
    };
    let block: GrantTrailers | null = null;
    for (const [key, value] of all) {
      const k = key.toLowerCase();
      if (k === 'approved-by') {
        if (value) out.approvedBy.push(value);
      } else if (k === 'pull-request') out.pullRequest = value || null;
      else if (Object.hasOwn(fields, k)) {
        const f = fields[k]!;
        if (!block || f === 'action' || block[f] !== undefined) out.grants.push((block = {}));
        if (f !== 'action') block[f] = value;
        else if (['granted', 'renewed', 'revoked', 'expired'].includes(value.toLowerCase()))
          block.action = value.toLowerCase() as GrantTrailers['action'];
      }
    }
    return out;
  }

  it('on messages made of lines, blank lines, stray whitespace and trailers', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const message = pieces.join('');
        const lines = trailerLinesBySplit(message);
        const { all, ...said } = parseTrailers(message);
        expect(all).toEqual(lines);
        expect(said).toEqual(fromLines(lines));
      }),
      { numRuns: 3000 },
    );
  });
});
