import { DURATION_EXAMPLES, formatDuration } from '../duration.js';
import type { ParsedGrant } from '../grant.js';
import { MAX_GRANT_BYTES, isRegularFileMode } from '../paths.js';
import { expandPrincipals, membership } from '../policy/principals.js';
import type { Role } from '../policy/types.js';
import { INVISIBLE, problem, quote, type Problem } from '../problem.js';
import { checkSchema } from '../schema-check.js';
import { parseTimestamp } from '../time.js';
import { positionFor } from '../yaml-value.js';
import { closest } from './suggest.js';
import type { FileChange, RequestInput } from './types.js';

/** Everything a rule may look at for one changed grant file. */
export interface GrantCheck {
  change: FileChange;
  roleName: string;
  /** The path's login (lower case). */
  login: string;
  role: Role | undefined;
  input: RequestInput;
  /** Set once the file has been parsed and fits the grant schema. */
  parsed?: ParsedGrant;
}

export type Rule = (c: GrantCheck) => Problem[];

const at = (c: GrantCheck, key: string) =>
  c.parsed?.positions ? positionFor(c.parsed.positions, `/${key}`) : null;
const none: Problem[] = [];
// Control and invisible characters would let a reason or ticket forge lines in commit trailers
// and comments, or read differently to a reviewer than to grantops.
const CONTROL = INVISIBLE;

// ── the file itself ─────────────────────────────────────────────────────────────────────────

export const regularFile: Rule = ({ change }) =>
  isRegularFileMode(change.newMode)
    ? none
    : [
        problem(
          change.path,
          null,
          'E_NOT_REGULAR_FILE',
          `Grant files must be regular files; this one is ${change.newMode === '120000' ? 'a symbolic link' : change.newMode === '160000' ? 'a submodule' : `of mode ${change.newMode}`}. Replace it with a plain YAML file.`,
        ),
      ];

export const withinSizeCap: Rule = ({ change }) =>
  (change.size ?? 0) <= MAX_GRANT_BYTES
    ? none
    : [
        problem(
          change.path,
          null,
          'E_FILE_TOO_LARGE',
          `The grant file is ${change.size} bytes; the limit is ${MAX_GRANT_BYTES}. A grant needs only duration, reason and perhaps ticket, start and params.`,
        ),
      ];

export const utf8: Rule = ({ change }) =>
  change.notUtf8
    ? [
        problem(
          change.path,
          null,
          'E_ENCODING',
          'The grant file is not valid UTF-8. Save it as UTF-8 text.',
        ),
      ]
    : none;

// ── who and what ────────────────────────────────────────────────────────────────────────────

export const roleExists: Rule = ({ change, roleName, role, input }) => {
  if (role) return none;
  const names = [...input.policy.roles.keys()].sort();
  const near = closest(roleName, names);
  return [
    problem(
      change.path,
      null,
      'E_UNKNOWN_ROLE',
      `There is no role ${quote(roleName)} in the policies.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''} Roles: ${names.slice(0, 15).join(', ')}${names.length > 15 ? ', …' : ''}.`,
    ),
  ];
};

/** I1: a request is always for its author. */
export const requesterIsAuthor: Rule = ({ change, login, roleName, input }) =>
  login === input.author.toLowerCase()
    ? none
    : [
        problem(
          change.path,
          null,
          'E_REQUESTER_MISMATCH',
          `This file requests access for ${quote(login)}, but the pull request is by ${quote(input.author)}. You can only request access for yourself: name the file grants/${roleName}/${input.author.toLowerCase()}.yaml.`,
        ),
      ];

export const requesterEligible: Rule = ({ change, role, input }) => {
  if (!role) return none;
  const who = expandPrincipals(role.requesters, input.policy.groups);
  const m = membership(input.author, who, input.teams);
  if (m.member) return none;
  if (m.unresolved.length) {
    return [
      problem(
        change.path,
        null,
        'E_TEAM_UNRESOLVED',
        `Could not tell whether ${quote(input.author)} may request ${role.name}: the team${m.unresolved.length > 1 ? 's' : ''} ${m.unresolved.join(', ')} could not be resolved. Eligibility is never assumed; check the directory (token or --directory file) and run the check again.`,
      ),
    ];
  }
  return [
    problem(
      change.path,
      null,
      'E_NOT_ELIGIBLE',
      `${quote(input.author)} may not request ${role.name}. Who may: ${role.requesters.join(', ')}. Ask to join one of them, or request a role you are eligible for.`,
    ),
  ];
};

// ── the content ─────────────────────────────────────────────────────────────────────────────

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

export const startInWindow: Rule = (c) => {
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
  if (start.getTime() < input.now.getTime()) {
    return [
      problem(
        change.path,
        where,
        'E_START_IN_PAST',
        `start ${text} is in the past. Remove it to start when the request is merged, or pick a future time.`,
      ),
    ];
  }
  if (start.getTime() - input.now.getTime() > role.maxLeadSeconds * 1000) {
    return [
      problem(
        change.path,
        where,
        'E_START_TOO_FAR',
        `start ${text} is more than ${formatDuration(role.maxLeadSeconds)} ahead, the most ${role.name} allows. Request closer to when you need the access.`,
      ),
    ];
  }
  return none;
};

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
  if (role.reason.pattern && !new RegExp(role.reason.pattern, 'u').test(reason)) {
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
  if (pattern && !new RegExp(pattern, 'u').test(ticket)) {
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

export const paramsFitRole: Rule = (c) => {
  const { parsed, role, change } = c;
  const params = parsed?.grant?.params;
  if (params === undefined || !role || !parsed?.positions) return none;
  if (!role.params) {
    return [
      problem(
        change.path,
        at(c, 'params'),
        'E_PARAMS_NOT_ALLOWED',
        `${role.name} takes no params. Remove the params block.`,
      ),
    ];
  }
  return checkSchema(role.params, params, change.path, parsed.positions, {
    label: 'params',
    pointerBase: '/params',
  }).map((p) => ({ ...p, code: `E_PARAMS_${p.code.slice(2)}` }));
};

/** Rules on the file as stored, then on who asks, then on what the file says. */
export const fileRules: Rule[] = [regularFile, withinSizeCap, utf8];
export const requestRules: Rule[] = [roleExists, requesterIsAuthor, requesterEligible];
export const contentRules: Rule[] = [
  durationWithinRole,
  startInWindow,
  reasonAcceptable,
  ticketAcceptable,
  paramsFitRole,
];

/** Deleting a grant ends it early: its requester or any approver of the role may do so. */
export const revocationAllowed: Rule = ({ change, login, role, input }) => {
  const author = input.author.toLowerCase();
  if (author === login) return none;
  if (role) {
    const m = membership(
      author,
      expandPrincipals(role.approvers, input.policy.groups),
      input.teams,
    );
    if (m.member) return none;
    if (m.unresolved.length) {
      return [
        problem(
          change.path,
          null,
          'E_TEAM_UNRESOLVED',
          `Could not tell whether ${quote(input.author)} is an approver of ${role.name}: ${m.unresolved.join(', ')} could not be resolved.`,
        ),
      ];
    }
  }
  return [
    problem(
      change.path,
      null,
      'E_REVOKE_NOT_ALLOWED',
      `${quote(input.author)} may not revoke ${login}'s grant: only the requester (${login}) or an approver of ${role?.name ?? 'the role'}${role ? ` (${role.approvers.join(', ')})` : ''} may delete it.`,
    ),
  ];
};
