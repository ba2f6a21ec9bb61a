/**
 * A problem found while checking a request or a configuration. Problems are collected, never
 * thrown, so a requester sees everything that is wrong at once.
 */
export interface Problem {
  /** Repository-relative path of the file the problem is about. */
  path: string;
  /** 1-based line in that file, or null when the problem is about the file as a whole. */
  line: number | null;
  /** 1-based column, when known. */
  column?: number;
  /** Stable machine-readable code, e.g. `E_REQUESTER_MISMATCH`. Never renamed once shipped. */
  code: string;
  /** What is wrong, what is allowed, and how to fix it. */
  message: string;
}

export interface Position {
  line: number;
  column: number;
}

export function problem(path: string, at: Position | null, code: string, message: string): Problem {
  const p: Problem = { path, line: at ? at.line : null, code, message };
  if (at) p.column = at.column;
  return p;
}

/**
 * Characters a reader cannot see: controls, format characters (zero-width spaces, bidi marks,
 * soft hyphens), line and paragraph separators. Shown escaped wherever untrusted text is quoted,
 * so two strings that look alike in a message never are different in secret.
 */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Untrusted text quoted inside a message: one line, bounded, visibly quoted, nothing hidden. */
export function quote(text: string, max = 60): string {
  const escape = (c: string) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`;
  const flat = JSON.stringify(text).replace(new RegExp(INVISIBLE.source, 'gu'), escape);
  return flat.length > max ? `${flat.slice(0, max - 2)}…"` : flat;
}

export function formatProblem(p: Problem): string {
  const where = p.line === null ? p.path : `${p.path}:${p.line}${p.column ? `:${p.column}` : ''}`;
  return `${where}: ${p.code}: ${p.message}`;
}
