/**
 * The path allow-list. A request may touch only `grants/<role>/<login>.yaml`; the role and the
 * requester are read from the path, never from the file. Checked on the path exactly as git
 * stores it (decoded byte for byte), so no Unicode look-alike or `..` can pass.
 */
const GRANT_PATH =
  /^grants\/([a-z0-9][a-z0-9_-]{0,62})\/([a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38})\.yaml$/;

export interface GrantPath {
  role: string;
  login: string;
}

export function parseGrantPath(path: string): GrantPath | null {
  const m = GRANT_PATH.exec(path);
  return m ? { role: m[1]!, login: m[2]! } : null;
}

export function grantPath(role: string, login: string): string {
  return `grants/${role}/${login.toLowerCase()}.yaml`;
}

export const GRANTS_DIR = 'grants/';
export const POLICIES_DIR = 'policies/';

/** Largest grant file read at all; anything bigger is refused before it is parsed. */
export const MAX_GRANT_BYTES = 16 * 1024;
/** Largest policy file read. */
export const MAX_POLICY_BYTES = 1024 * 1024;

/** Regular files only: 100644 and 100755 in git's terms; never symlinks (120000) or submodules (160000). */
export function isRegularFileMode(mode: string): boolean {
  return mode === '100644' || mode === '100755';
}
