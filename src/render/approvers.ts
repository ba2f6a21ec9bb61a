import type { EligibleApprovers } from '../core/forge.js';
import { printable } from './escape.js';

/**
 * Who may approve one role, for a terminal: the role's approvers a requester can ask (teams as
 * `@org/team`) and those whose approval cannot count on this request, with why. Every name is
 * escaped: team members come from a directory, logins from a forge.
 */
export function approverLines(e: EligibleApprovers, indent: string): string[] {
  const n = `${e.required} approval${e.required === 1 ? '' : 's'}`;
  const who = e.may_approve.map((p) => printable(p, 100)).join(', ');
  return [
    `${indent}may approve ${printable(e.role)} (${n} needed): ${who || 'nobody (every approver of the role asked for it or pushed to it): ask an admin'}`,
    ...e.excluded.map(
      (x) => `${indent}cannot approve: ${printable(x.login, 60)} (${printable(x.why, 200)})`,
    ),
  ];
}
