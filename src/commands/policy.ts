import { ConfigError } from '../core/errors.js';
import type { Policy } from '../core/policy/types.js';
import { readPoliciesAt } from '../git/policies.js';
import { providerSchemas } from '../providers/schemas.js';

/** Loads the policies at a revision; invalid policies stop every command (exit 2). */
export async function policiesAt(repo: string, rev: string): Promise<Policy> {
  const { policy, problems } = await readPoliciesAt(repo, rev, providerSchemas);
  if (problems.length) {
    throw new ConfigError(
      `The policies at ${rev} are invalid (${problems.length} problem${problems.length > 1 ? 's' : ''}); an admin must fix them before any request can be decided:`,
      problems,
      'E_POLICY_INVALID',
    );
  }
  return policy;
}
