import { checkLanding } from '../../src/core/landing.js';
import { loadPolicies } from '../../src/core/policy/load.js';
import type { Policy } from '../../src/core/policy/types.js';
import type { LedgerCommit } from '../../src/core/timeline.js';
import { formatTrailers } from '../../src/core/trailers.js';
import {
  grant as memoryGrant,
  settings as memorySettings,
} from '../../src/providers/memory/provider.js';
import { providerSchemas } from '../../src/providers/schemas.js';

/**
 * Histories for the in-memory ledger: grant files landed as grantops merges them (trailers, an
 * approver), each version checked by the core's own `checkLanding`, so the provisioner sees
 * exactly what it would see from git, without git.
 */

/** Policies from YAML text, with the test-only `memory` provider type accepted. */
export function policyWithMemory(text: string): Policy {
  const { policy, problems } = loadPolicies([{ path: 'policies/all.yaml', text }], {
    ...providerSchemas,
    memory: { settings: memorySettings, grant: memoryGrant },
  });
  if (problems.length) throw new Error(`policy problems: ${JSON.stringify(problems, null, 2)}`);
  return policy;
}

export interface Landed {
  role: string;
  login: string;
  /** The grant file's YAML. */
  text: string;
  at: Date;
  approvedBy?: string[];
}

let serial = 0;
const oid = () => (++serial).toString(16).padStart(40, '0');

/** One merge commit landing one grant file, judged under `policy`. */
export function landing(policy: Policy, g: Landed): LedgerCommit {
  const path = `grants/${g.role}/${g.login}.yaml`;
  const approvedBy = g.approvedBy ?? [];
  const trailers = formatTrailers({
    grants: [{ action: 'granted', path, role: g.role, requester: g.login }],
    approvedBy,
  });
  const version = { path, mode: '100644', content: { text: g.text } };
  return {
    oid: oid(),
    committedAt: g.at,
    message: `Grant ${g.role} to ${g.login}\n\n${trailers}\n`,
    changes: [
      {
        path,
        kind: 'added',
        landing: checkLanding(version, {
          policy,
          landedAt: g.at,
          approvedBy,
          teams: new Map(),
          directory: false,
        }),
      },
    ],
  };
}

/** A commit deleting a grant file (an early revocation, or the revert that records expiry). */
export function deletion(role: string, login: string, at: Date): LedgerCommit {
  const path = `grants/${role}/${login}.yaml`;
  return {
    oid: oid(),
    committedAt: at,
    message: `Revoke ${role} for ${login}\n`,
    changes: [{ path, kind: 'deleted', landing: null }],
  };
}
