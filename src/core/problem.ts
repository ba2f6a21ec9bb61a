import type { Code } from './codes.js';
import { escapePath } from './text.js';

/**
 * A problem found while checking a request or a configuration. Problems are collected, never
 * thrown, so a requester sees everything that is wrong at once.
 */
export interface Problem<C extends Code = Code> {
  /** Repository-relative path of the file the problem is about. */
  path: string;
  /** 1-based line in that file, or null when the problem is about the file as a whole. */
  line: number | null;
  /** 1-based column, when known. */
  column?: number;
  /** Stable machine-readable code, e.g. `E_REQUESTER_MISMATCH` (codes.ts lists every one). */
  code: C;
  /** What is wrong, what is allowed, and how to fix it. */
  message: string;
}

export interface Position {
  line: number;
  column: number;
}

export function problem<C extends Code>(
  path: string,
  at: Position | null,
  code: C,
  message: string,
): Problem<C> {
  const p: Problem<C> = { path, line: at ? at.line : null, code, message };
  if (at) p.column = at.column;
  return p;
}

/**
 * Characters a reader cannot see: controls, format characters (zero-width spaces, bidi marks,
 * soft hyphens), line and paragraph separators: what the strict YAML reader and the content
 * rules refuse outright. (Messages show every non-ASCII character escaped: see text.ts.)
 */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export { quote, quotePath } from './text.js';

/**
 * A problem as one line of text. The message is grantops' own words with every untrusted value
 * already quoted; the path is the file's path as git stores it (anyone's bytes), so it is escaped.
 */
export function formatProblem(p: Problem): string {
  const path = escapePath(p.path, 200);
  const where = p.line === null ? path : `${path}:${p.line}${p.column ? `:${p.column}` : ''}`;
  return `${where}: ${p.code}: ${p.message}`;
}
