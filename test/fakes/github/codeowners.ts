import type { Store } from './store.js';

/**
 * CODEOWNERS as GitHub reads it, enough for the fake to enforce code-owner review and to answer
 * `GET /codeowners/errors`: gitignore-like patterns, the last matching line wins, owners are
 * `@login`, `@org/team` or an email. GitHub's own parser knows more (escapes, `!` negation is an
 * error there too); the fake reports unknown owners and unsupported syntax, the errors grantops
 * must surface.
 */

export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

export interface CodeownersLine {
  line: number;
  pattern: string;
  owners: { name: string; column: number }[];
  source: string;
}

export function parseCodeowners(text: string): CodeownersLine[] {
  const out: CodeownersLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const source = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    if (!source.trim()) return;
    const tokens = [...source.matchAll(/\S+/g)];
    const [pattern, ...owners] = tokens;
    if (!pattern) return;
    out.push({
      line: i + 1,
      pattern: pattern[0],
      owners: owners.map((o) => ({ name: o[0], column: (o.index ?? 0) + 1 })),
      source: raw,
    });
  });
  return out;
}

function patternRegex(pattern: string): RegExp {
  let p = pattern;
  const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
  p = p.replace(/^\//, '');
  const dir = p.endsWith('/');
  p = p.replace(/\/$/, '');
  const body = p
    .split('/')
    .map((seg) =>
      seg === '**' ? '(?:.*)' : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
    )
    .join('/');
  const prefix = anchored ? '^' : '^(?:.*/)?';
  // A directory pattern, or any pattern naming a directory, also covers what is below it.
  return new RegExp(`${prefix}${body}${dir ? '/.*' : '(?:/.*)?'}$`);
}

/** The owners of `path`: the last matching line's (none when it lists none). */
export function ownersOf(lines: CodeownersLine[], path: string): string[] | null {
  let found: string[] | null = null;
  for (const l of lines)
    if (patternRegex(l.pattern).test(path)) found = l.owners.map((o) => o.name);
  return found;
}

/** Whether `login` is one of `owners` (a login, or a member of an `@org/team`). */
export function isOwner(store: Store, owners: string[], login: string): boolean {
  return owners.some((o) => {
    const team = /^@([^/]+)\/(.+)$/.exec(o);
    if (team)
      return (
        store.team(team[1] as string, team[2] as string)?.members.has(login.toLowerCase()) ?? false
      );
    return o.replace(/^@/, '').toLowerCase() === login.toLowerCase();
  });
}

/** GitHub's `codeowners/errors` entries for owners it does not know and patterns it rejects. */
export function codeownersErrors(store: Store, lines: CodeownersLine[], path: string) {
  const errors: {
    line: number;
    column: number;
    kind: string;
    source: string;
    suggestion: string | null;
    message: string;
    path: string;
  }[] = [];
  for (const l of lines) {
    if (l.pattern.startsWith('!') || l.pattern.includes('[')) {
      errors.push({
        line: l.line,
        column: 1,
        kind: 'Unsupported syntax',
        source: l.source,
        suggestion: null,
        message: `Unsupported syntax at line ${l.line}: ${l.pattern}`,
        path,
      });
    }
    for (const o of l.owners) {
      const team = /^@([^/]+)\/(.+)$/.exec(o.name);
      const known = team
        ? store.team(team[1] as string, team[2] as string) !== undefined
        : o.name.includes('@') && !o.name.startsWith('@')
          ? true
          : store.account(o.name.replace(/^@/, '')) !== undefined;
      if (!known) {
        errors.push({
          line: l.line,
          column: o.column,
          kind: 'Unknown owner',
          source: l.source,
          suggestion: `make sure ${o.name} exists and has write access to the repository`,
          message: `Unknown owner on line ${l.line}: make sure ${o.name} exists and has write access to the repository\n\n  ${l.source}`,
          path,
        });
      }
    }
  }
  return errors;
}
