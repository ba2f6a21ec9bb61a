import { PARAMS_CODE } from '../codes.js';
import { DURATION_EXAMPLES, formatDuration } from '../duration.js';
import { patternMatches } from '../pattern.js';
import { INVISIBLE, problem, quote, type Problem } from '../problem.js';
import { checkSchema } from '../schema-check.js';
import { parseTimestamp } from '../time.js';
import { at, none, type Rule } from './rule.js';

/** Rules on what the grant file says, checked against its role. */

// Control and invisible characters would let a reason or ticket forge lines in commit trailers
// and comments, or read differently to a reviewer than to grantops.
const CONTROL = INVISIBLE;

export const durationWithinRole: Rule = (c) => {
  const { parsed, role, change } = c;
  if (!parsed?.grant || !role) return none;
  const secs = parsed.durationSeconds;
  const where = at(c, 'duration');
  if (secs === null) {
    return [
      problem(
        change.path,
        where,
        'E_DURATION_FORMAT',
        `duration ${quote(parsed.grant.duration)} is not a duration. Write it like ${DURATION_EXAMPLES}.`,
      ),
    ];
  }
  if (secs < 60)
    return [problem(change.path, where, 'E_DURATION_TOO_SHORT', 'duration must be at least 1m.')];
  if (secs > role.maxDurationSeconds) {
    return [
      problem(
        change.path,
        where,
        'E_DURATION_TOO_LONG',
        `duration ${parsed.grant.duration} is longer than ${role.name} allows (at most ${formatDuration(role.maxDurationSeconds)}). Ask for ${formatDuration(role.maxDurationSeconds)} or less; renew later if you still need it.`,
      ),
    ];
  }
  return none;
};

/**
 * `start` is readable and at most the role's `max_lead_time` after `input.now`: the validation
 * time for a request, the landing time for a grant on the branch. A request may not start in
 * the past; a landed grant may (its window then opens when it landed).
 */
const startRule =
  (mayBePast: boolean): Rule =>
  (c) => {
    const { parsed, role, change, input } = c;
    const text = parsed?.grant?.start;
    if (text === undefined || !role) return none;
    const where = at(c, 'start');
    const start = parseTimestamp(text);
    if (!start) {
      return [
        problem(
          change.path,
          where,
          'E_START_FORMAT',
          `start ${quote(text)} is not an RFC 3339 time with an offset. Write it like 2026-11-26T09:00:00Z or 2026-11-26T10:00:00+01:00, or remove it to start when merged.`,
        ),
      ];
    }
    if (!mayBePast && start.getTime() < input.now.getTime()) {
      return [
        problem(
          change.path,
          where,
          'E_START_IN_PAST',
          `start ${quote(text)} is in the past. Remove it to start when the request is merged, or pick a future time.`,
        ),
      ];
    }
    if (start.getTime() - input.now.getTime() > role.maxLeadSeconds * 1000) {
      return [
        problem(
          change.path,
          where,
          'E_START_TOO_FAR',
          `start ${quote(text)} is more than ${formatDuration(role.maxLeadSeconds)} ${mayBePast ? 'after the grant landed' : 'ahead'}, the most ${role.name} allows. Request closer to when you need the access.`,
        ),
      ];
    }
    return none;
  };

/** For a request, checked at `input.now`. */
export const startInWindow: Rule = startRule(false);
/** For a landed grant, with `input.now` its landing time. */
export const startWithinLeadOfLanding: Rule = startRule(true);

export const reasonAcceptable: Rule = (c) => {
  const { parsed, role, change } = c;
  const reason = parsed?.grant?.reason;
  if (reason === undefined || !role) return none;
  const where = at(c, 'reason');
  if (CONTROL.test(reason)) {
    return [
      problem(
        change.path,
        where,
        'E_REASON_FORMAT',
        'reason must be a single line of visible text, without control or invisible characters (it is recorded in commit trailers). Put the details in the pull request description.',
      ),
    ];
  }
  const out: Problem[] = [];
  if (reason.trim().length < role.reason.minLength) {
    out.push(
      problem(
        change.path,
        where,
        'E_REASON_TOO_SHORT',
        `reason is ${reason.trim().length} characters; ${role.name} asks for at least ${role.reason.minLength}. Say what you will do and why, e.g. "INC-4821 slow checkout queries need EXPLAIN on the primary".`,
      ),
    );
  }
  if (role.reason.pattern && !patternMatches(role.reason.pattern, reason)) {
    out.push(
      problem(
        change.path,
        where,
        'E_REASON_PATTERN',
        `reason ${quote(reason)} does not match what ${role.name} requires (${role.reason.hint ?? `the pattern ${role.reason.pattern}`}).`,
      ),
    );
  }
  return out;
};

export const ticketAcceptable: Rule = (c) => {
  const { parsed, role, change } = c;
  if (!parsed?.grant || !role) return none;
  const ticket = parsed.grant.ticket;
  const { mode, pattern } = role.ticket;
  if (ticket === undefined) {
    return mode === 'required'
      ? [
          problem(
            change.path,
            null,
            'E_TICKET_REQUIRED',
            `${role.name} requires a ticket. Add a line like \`ticket: INC-4821\`${pattern ? ` (matching ${pattern})` : ''}.`,
          ),
        ]
      : none;
  }
  const where = at(c, 'ticket');
  if (mode === 'forbidden')
    return [
      problem(
        change.path,
        where,
        'E_TICKET_FORBIDDEN',
        `${role.name} does not take a ticket. Remove the ticket line.`,
      ),
    ];
  if (CONTROL.test(ticket))
    return [
      problem(
        change.path,
        where,
        'E_TICKET_FORMAT',
        'ticket must be a single line without control characters.',
      ),
    ];
  if (pattern && !patternMatches(pattern, ticket)) {
    return [
      problem(
        change.path,
        where,
        'E_TICKET_PATTERN',
        `ticket ${quote(ticket)} does not match ${pattern}, which ${role.name} requires.`,
      ),
    ];
  }
  return none;
};

/**
 * Params fit the role's params schema. A grant without params is judged as `params: {}`, so the
 * keys a schema requires stay required: need-to-know is never optional by omission.
 */
export const paramsFitRole: Rule = (c) => {
  const { parsed, role, change } = c;
  if (!parsed?.grant || !role || !parsed.positions) return none;
  const params = parsed.grant.params;
  if (!role.params) {
    if (params === undefined) return none;
    return [
      problem(
        change.path,
        at(c, 'params'),
        'E_PARAMS_NOT_ALLOWED',
        `${role.name} takes no params. Remove the params block.`,
      ),
    ];
  }
  return checkSchema(role.params, params ?? {}, change.path, parsed.positions, {
    label: 'params',
    pointerBase: '/params',
  }).map((p) => ({ ...p, code: PARAMS_CODE[p.code] }));
};
