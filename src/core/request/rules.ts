import {
  durationWithinRole,
  paramsFitRole,
  reasonAcceptable,
  startInWindow,
  ticketAcceptable,
} from './content-rules.js';
import { regularFile, utf8, withinSizeCap } from './file-rules.js';
import type { Rule } from './rule.js';
import {
  requesterEligible,
  requesterIsAuthor,
  revocationAllowed,
  roleExists,
} from './who-rules.js';

export type { GrantCheck, Rule } from './rule.js';
export { revocationAllowed };

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
