import { expandPrincipals, membership } from '../policy/principals.js';
import { problem, quote } from '../problem.js';
import { none, type Rule } from './rule.js';
import { closest, suggestedGrantPath } from './suggest.js';

/** Rules on who asks for what: the role, the requester (I1) and their eligibility. */

export const roleExists: Rule = ({ change, roleName, role, input }) => {
  if (role) return none;
  const names = [...input.policy.roles.keys()].sort();
  const near = closest(roleName, names);
  return [
    problem(
      change.path,
      null,
      'E_UNKNOWN_ROLE',
      `There is no role ${quote(roleName)} in the policies.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''} ${names.length ? `Roles: ${names.slice(0, 15).join(', ')}${names.length > 15 ? ', …' : ''}.` : 'They define no role.'}`,
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
          `This file requests access for ${quote(login)}, but the pull request is by ${quote(input.author)}. You can only request access for yourself: name the file ${suggestedGrantPath(roleName, input.author.toLowerCase())}.`,
        ),
      ];

export const requesterEligible: Rule = ({ change, role, input }) => {
  if (!role) return none;
  const who = expandPrincipals(role.requesters, input.policy.groups);
  const m = membership(input.author, who, input.teams);
  if (m.member) return none;
  if (m.unresolved.length) {
    return [
      unresolved(change.path, `${quote(input.author)} may request ${role.name}`, m.unresolved),
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
        unresolved(
          change.path,
          `${quote(input.author)} is an approver of ${role.name}`,
          m.unresolved,
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

/** A decision that needs a team nobody could resolve fails closed, naming the team. */
function unresolved(path: string, question: string, teams: string[]) {
  return problem(
    path,
    null,
    'E_TEAM_UNRESOLVED',
    `Could not tell whether ${question}: the team${teams.length > 1 ? 's' : ''} ${teams.join(', ')} could not be resolved. Membership is never assumed; check the directory (token or --directory file) and run the check again.`,
  );
}
