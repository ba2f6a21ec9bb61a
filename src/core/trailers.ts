/**
 * The audit trailers grantops writes into the commits it makes on the main branch (merges of
 * requests, renewals, expiry reverts, revocations), so `git log` alone tells who had what, why,
 * and who approved it (DESIGN I6). docs/audit-trailers.md is the reference for auditors.
 *
 * One commit may carry several grants: each grant is a block that starts with `Grant-Action`
 * and holds the per-grant keys below it. `Approved-by` and `Pull-Request` belong to the commit
 * and apply to every block.
 *
 * Values can be untrusted (a reason is whatever the requester typed): the formatter flattens
 * them to one line, so no value can end its trailer early and start another (`Approved-by:`).
 */

export const GRANT_ACTIONS = ['granted', 'renewed', 'revoked', 'expired'] as const;
export type GrantAction = (typeof GRANT_ACTIONS)[number];

/** Trailer keys, spelled as grantops writes them. Parsing ignores case, as git does. */
export const TRAILER = {
  action: 'Grant-Action',
  path: 'Grant-Path',
  role: 'Grant-Role',
  requester: 'Grant-Requester',
  startsAt: 'Grant-Starts',
  expiresAt: 'Grant-Expires',
  duration: 'Grant-Duration',
  reason: 'Reason',
  ticket: 'Ticket',
  approvedBy: 'Approved-by',
  pullRequest: 'Pull-Request',
} as const;

/** What one block says about one grant. Every field is optional: hand-written commits vary. */
export interface GrantTrailers {
  action?: GrantAction;
  path?: string;
  role?: string;
  requester?: string;
  startsAt?: string;
  expiresAt?: string;
  duration?: string;
  reason?: string;
  ticket?: string;
}

export interface CommitTrailers {
  grants: GrantTrailers[];
  /**
   * The `Approved-by` values exactly as written (trimmed). They are text, written by whoever made
   * the commit: `judgeApprovals` decides which of them name an approver at all.
   */
  approvedBy: string[];
  pullRequest: string | null;
  /** Every trailer of the block, in order, as written (keys as spelled in the commit). */
  all: [string, string][];
}

type GrantKey = Exclude<keyof GrantTrailers, 'action'>;
const PER_GRANT = new Map<string, GrantKey | 'action'>(
  (
    [
      'action',
      'path',
      'role',
      'requester',
      'startsAt',
      'expiresAt',
      'duration',
      'reason',
      'ticket',
    ] as const
  ).map((k) => [TRAILER[k].toLowerCase(), k]),
);

/** Longest value written; longer ones are cut with an ellipsis (reasons are capped at 500 anyway). */
export const MAX_TRAILER_VALUE = 500;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u0085]+/g;

/**
 * One line, no control characters: C0/C1 controls, DEL and the Unicode line and paragraph
 * separators become spaces, runs of blanks collapse, and the value is trimmed and bounded.
 * This is what makes a hostile reason unable to forge another trailer or a new paragraph.
 */
export function trailerValue(text: string, max = MAX_TRAILER_VALUE): string {
  const flat = text.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface TrailersToWrite {
  grants: GrantTrailers[];
  approvedBy?: readonly string[];
  pullRequest?: string | null;
}

/** The trailer block (no leading blank line), or '' when there is nothing to write. */
export function formatTrailers(t: TrailersToWrite): string {
  const lines: string[] = [];
  const put = (key: string, value: string | undefined | null) => {
    const v = value == null ? '' : trailerValue(value);
    if (v) lines.push(`${key}: ${v}`);
  };
  for (const g of t.grants) {
    put(TRAILER.action, g.action ?? 'granted');
    put(TRAILER.path, g.path);
    put(TRAILER.role, g.role);
    put(TRAILER.requester, g.requester);
    put(TRAILER.startsAt, g.startsAt);
    put(TRAILER.expiresAt, g.expiresAt);
    put(TRAILER.duration, g.duration);
    put(TRAILER.reason, g.reason);
    put(TRAILER.ticket, g.ticket);
  }
  for (const a of t.approvedBy ?? []) put(TRAILER.approvedBy, a);
  put(TRAILER.pullRequest, t.pullRequest);
  return lines.join('\n');
}

/**
 * A whole commit message: a one-line subject, an optional body, then the trailers as the last
 * paragraph. The body is free text (it may quote a PR description), so any line in it that
 * looks like a trailer is indented: it can never be read as part of the trailer block.
 */
export function formatCommitMessage(
  subject: string,
  body: string | null,
  trailers: TrailersToWrite,
): string {
  const parts = [trailerValue(subject, 200)];
  if (body && body.trim()) {
    parts.push(
      body
        .replace(/\r\n?/g, '\n')
        .trim()
        .split('\n')
        .map((l) => (TRAILER_LINE.test(l) ? `  ${l}` : l))
        .join('\n'),
    );
  }
  const block = formatTrailers(trailers);
  if (block) parts.push(block);
  return `${parts.join('\n\n')}\n`;
}

const TRAILER_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]?(.*)$/;
const CONTINUATION = /^[ \t]+\S/;

/**
 * Reads the trailers of a commit message the way git does: the last paragraph, when every line
 * of it is `Key: value` (or an indented continuation of the line before). The subject is never
 * a trailer. A paragraph with any other line is prose, and the commit has no trailers.
 *
 * Every ledger commit is read here, so the usual message is read by index, without splitting it
 * or matching each line (what TRAILER_LINE would match, found by hand); a message with a line or
 * paragraph separator (U+2028, U+2029: `.` stops there) is read with the patterns themselves.
 */
export function parseTrailers(message: string): CommitTrailers {
  const result: CommitTrailers = { grants: [], approvedBy: [], pullRequest: null, all: [] };
  const text = (message.includes('\r') ? message.replace(/\r\n?/g, '\n') : message).trimEnd();
  const start = lastParagraph(text);
  if (start < 0) return result;
  const all = SEPARATORS.test(text) ? linesByPattern(text.slice(start)) : linesByIndex(text, start);
  if (!all) return result;
  result.all = all;
  let block: GrantTrailers | null = null;
  for (const [key, value] of all) {
    const k = KEYS.get(key) ?? KEYS.get(key.toLowerCase());
    if (k === undefined) continue;
    if (k === 'approvedBy') {
      if (value) result.approvedBy.push(value);
      continue;
    }
    if (k === 'pullRequest') {
      result.pullRequest = value || null;
      continue;
    }
    // A new block starts at each Grant-Action, or when a key repeats inside the current block
    // (hand-written trailers for two grants without Grant-Action lines).
    if (!block || k === 'action' || block[k] !== undefined) {
      block = {};
      result.grants.push(block);
    }
    if (k === 'action') {
      const action = value.toLowerCase();
      if ((GRANT_ACTIONS as readonly string[]).includes(action))
        block.action = action as GrantAction;
    } else {
      block[k] = value;
    }
  }
  return result;
}

/** The two characters besides \r and \n that `.` does not match. */
const SEPARATORS = /[\u2028\u2029]/;

/** Every key grantops reads, by its lower-case spelling and as grantops writes it. */
const KEYS = new Map<string, GrantKey | 'action' | 'approvedBy' | 'pullRequest'>();
for (const [spelling, field] of [
  ...PER_GRANT,
  [TRAILER.approvedBy.toLowerCase(), 'approvedBy'],
  [TRAILER.pullRequest.toLowerCase(), 'pullRequest'],
] as const)
  KEYS.set(spelling, field);
for (const field of [...PER_GRANT.values(), 'approvedBy', 'pullRequest'] as const)
  KEYS.set(TRAILER[field], field);

/**
 * Where the last paragraph starts: after the last blank line (`\n`, spaces or tabs, `\n`),
 * the blank lines found left to right as a split would find them; -1 when there is one
 * paragraph. `\n\n\n` is one blank line and a paragraph that opens with an empty line.
 */
function lastParagraph(text: string): number {
  let start = -1;
  for (let nl = text.indexOf('\n'); nl !== -1;) {
    let j = nl + 1;
    let c = text.charCodeAt(j);
    while (c === 0x20 || c === 0x09) c = text.charCodeAt(++j);
    if (c === 0x0a) {
      start = j + 1;
      nl = text.indexOf('\n', start);
    } else nl = text.indexOf('\n', nl + 1);
  }
  return start;
}

/** The `Key: value` lines from `start` to the end of `text`, or null when one is prose. */
function linesByIndex(text: string, start: number): [string, string][] | null {
  const all: [string, string][] = [];
  for (let pos = start; ;) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const colon = colonOf(text, pos, end);
    // The key has no blanks: only those before the colon are trimmed off it.
    if (colon >= 0) all.push([text.slice(pos, colon).trimEnd(), text.slice(colon + 1, end).trim()]);
    else {
      const line = text.slice(pos, end);
      if (CONTINUATION.test(line) && all.length) all[all.length - 1]![1] += ` ${line.trim()}`;
      else return null;
    }
    if (nl < 0) return all;
    pos = nl + 1;
  }
}

/**
 * Where the colon of a `Key:` line is (-1 when the line is not one): a letter or digit, then
 * letters, digits and dashes, then spaces or tabs, then the colon.
 */
function colonOf(text: string, from: number, to: number): number {
  let i = from;
  if (i >= to || !isAlnum(text.charCodeAt(i))) return -1;
  let c = text.charCodeAt(++i);
  while (i < to && (isAlnum(c) || c === 0x2d)) c = text.charCodeAt(++i);
  while (i < to && (c === 0x20 || c === 0x09)) c = text.charCodeAt(++i);
  return i < to && c === 0x3a ? i : -1;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** `linesByIndex`, by the patterns: for the rare message that holds U+2028 or U+2029. */
function linesByPattern(paragraph: string): [string, string][] | null {
  const all: [string, string][] = [];
  for (const line of paragraph.split('\n')) {
    const m = TRAILER_LINE.exec(line);
    if (m) all.push([m[1]!, m[2]!.trim()]);
    else if (CONTINUATION.test(line) && all.length) all[all.length - 1]![1] += ` ${line.trim()}`;
    else return null;
  }
  return all;
}

/** The block about `path` (by Grant-Path, else by role and requester), if the commit has one. */
export function trailersFor(
  t: CommitTrailers,
  path: string,
  role: string,
  requester: string,
): GrantTrailers | null {
  return (
    t.grants.find((g) => g.path === path) ??
    t.grants.find((g) => !g.path && g.role === role && g.requester?.toLowerCase() === requester) ??
    null
  );
}

/**
 * The pull request a commit came from when it has no `Pull-Request` trailer: GitHub's merge
 * subject (`Merge pull request #12 from …`) or squash subject (`Title (#12)`).
 */
export function pullRequestFromSubject(message: string): string | null {
  const subject = message.split('\n', 1)[0] ?? '';
  const m = /^Merge pull request #(\d+) /.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject);
  return m ? `#${m[1]}` : null;
}
