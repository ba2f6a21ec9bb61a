import { parseGrantPath } from '../paths.js';

/** Whether a name can be a role or a login in a grant file path (`grants/<role>/<login>.yaml`). */
const isRoleName = (name: string) => parseGrantPath(`grants/${name}/x.yaml`) !== null;
const isLoginName = (name: string) => parseGrantPath(`grants/x/${name}.yaml`) !== null;

/**
 * The closest names to a mistyped one, for "did you mean …?" hints. Only names that are valid
 * as written are suggested (by default: role names), so a hint never leads to another error.
 */
export function closest(
  name: string,
  candidates: Iterable<string>,
  max = 3,
  valid: (candidate: string) => boolean = isRoleName,
): string[] {
  return [...candidates]
    .filter(valid)
    .map((c) => ({ c, d: distance(name, c) }))
    .filter(({ d, c }) => d <= Math.max(2, Math.floor(c.length / 3)))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map(({ c }) => c);
}

/**
 * A grant file path to suggest: `grants/<role>/<login>.yaml` with the role and login filled in
 * where they are valid names, and left as placeholders where they are not (a hint never
 * suggests a path that would itself be refused, nor repeats hostile text).
 */
export function suggestedGrantPath(role: string | undefined, login: string): string {
  const r = role !== undefined && isRoleName(role) ? role : '<role>';
  const l = isLoginName(login) ? login : '<login>';
  return `grants/${r}/${l}.yaml`;
}

/** Levenshtein distance; names are short, so the simple table is enough. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
