import {
  durationWithinRole,
  paramsFitRole,
  reasonAcceptable,
  startInWindow,
  startWithinLeadOfLanding,
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
export { requesterEligible, revocationAllowed, roleExists };

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

/**
 * The content rules that do not depend on the pull request, for a grant already on the branch
 * (the ledger's defence in depth, DESIGN I5): the same rules, with `input.now` the landing time
 * and the policies in force then. Only the start differs: a landed start may lie in the past.
 */
export const landedContentRules: Rule[] = [
  durationWithinRole,
  startWithinLeadOfLanding,
  reasonAcceptable,
  ticketAcceptable,
  paramsFitRole,
];
