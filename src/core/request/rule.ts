import type { ParsedGrant } from '../grant.js';
import type { Role } from '../policy/types.js';
import type { Problem } from '../problem.js';
import { positionFor } from '../yaml-value.js';
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

/** Where a key of the grant file is, once it has been parsed. */
export const at = (c: GrantCheck, key: string) =>
  c.parsed?.positions ? positionFor(c.parsed.positions, `/${key}`) : null;
export const none: Problem[] = [];
