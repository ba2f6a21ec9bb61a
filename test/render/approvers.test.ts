import { describe, expect, it } from 'vitest';
import type { DecisionApprovals } from '../../src/core/forge.js';
import { renderMerge } from '../../src/render/merge.js';
import { renderRequest, type RequestResult } from '../../src/render/request.js';

/** Who may approve, in `request` and `merge` text: listed, and escaped like any untrusted name. */
const approvals: DecisionApprovals = {
  counted: [],
  ignored: [],
  eligible: [
    {
      role: 'db-read',
      required: 1,
      may_approve: ['@acme/db-admins', 'car\u202eol'],
      excluded: [
        { login: 'ali\u200bce', why: 'the requester, who never approves their own access' },
      ],
    },
  ],
};
const BIDI_OR_HIDDEN = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c]/;

describe('who may approve, in text', () => {
  it('merge lists it under each waiting request', () => {
    const text = renderMerge({
      merged: [],
      waiting: [
        {
          request: '12',
          author: 'alice',
          grants: [],
          problems: [],
          approvals,
        },
      ],
    });
    expect(text).toContain(
      '    may approve db-read (1 approval needed): @acme/db-admins, car\\u202eol',
    );
    expect(text).toContain(
      '    cannot approve: ali\\u200bce (the requester, who never approves their own access)',
    );
    expect(text).not.toMatch(BIDI_OR_HIDDEN);
  });

  it('request lists it with the next step', () => {
    const result: RequestResult = {
      request: '7',
      branch: 'request/db-read/alice',
      path: 'grants/db-read/alice.yaml',
      pr: 'https://github.com/acme/access/pull/7',
      commit: 'c'.repeat(40),
      forge: 'github',
      pushed: true,
      changed: true,
      requester: 'alice',
      role: 'db-read',
      eligible: approvals.eligible[0]!,
      may_request: ['db-read'],
      problems: [],
    };
    const text = renderRequest(result);
    expect(text.split('\n')).toEqual([
      '✓ requested db-read for alice: pull request #7 https://github.com/acme/access/pull/7',
      '  branch request/db-read/alice (cccccccccc): grants/db-read/alice.yaml',
      '  may approve db-read (1 approval needed): @acme/db-admins, car\\u202eol',
      '  cannot approve: ali\\u200bce (the requester, who never approves their own access)',
      '  next: an approver reviews the pull request on GitHub; grantops merges it once the approvals count on its latest commit',
    ]);
  });
});
