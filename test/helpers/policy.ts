import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicies } from '../../src/core/policy/load.js';
import type { Policy } from '../../src/core/policy/types.js';
import { providerSchemas } from '../../src/providers/schemas.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The example policies shipped in policies/, as files. */
export function examplePolicyFiles(): { path: string; text: string }[] {
  const dir = join(ROOT, 'policies');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ path: `policies/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Loads policies from text and fails the test if they have problems. */
export function policyFrom(files: { path: string; text: string }[]): Policy {
  const { policy, problems } = loadPolicies(files, providerSchemas);
  if (problems.length) throw new Error(`policy problems: ${JSON.stringify(problems, null, 2)}`);
  return policy;
}

export const examplePolicy = (): Policy => policyFrom(examplePolicyFiles());
