import { ConfigError } from '../core/errors.js';
import type { LoadedPolicy } from '../core/policy/load.js';
import type { Policy } from '../core/policy/types.js';
import { loadPolicySources, readPoliciesAt, type PolicySources } from '../git/policies.js';
import { providerSchemas } from '../providers/schemas.js';

/** Loads the policies at a revision; invalid policies stop every command (exit 2). */
export async function policiesAt(repo: string, rev: string): Promise<Policy> {
  return valid(rev, await readPoliciesAt(repo, rev, providerSchemas));
}

/**
 * The policies read at `rev`, loaded only as far as deciding requests for `roles` needs: the
 * other roles are not read, and their problems not reported (policy/outline.ts).
 */
export function policiesFor(rev: string, sources: PolicySources, roles: string[]): Policy {
  return valid(rev, loadPolicySources(sources, providerSchemas, { roles }));
}

function valid(rev: string, { policy, problems }: LoadedPolicy): Policy {
  if (problems.length) {
    throw new ConfigError(
      `The policies at ${rev} are invalid (${problems.length} problem${problems.length > 1 ? 's' : ''}); an admin must fix them before any request can be decided:`,
      problems,
      'E_POLICY_INVALID',
    );
  }
  return policy;
}
