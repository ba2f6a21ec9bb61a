import type { RE2JS } from 're2js';
import { toRe2, UnsupportedPattern } from './pattern-dialect.js';
import { INVISIBLE } from './problem.js';

/**
 * Patterns a policy writes (reason, ticket, and `pattern`/`patternProperties` in params
 * schemas) are matched against text a requester writes. A backtracking engine lets a pattern
 * such as `^(a+)+$` and a crafted reason hold a process at full CPU for hours, so they run on
 * RE2 (re2js, a pure JavaScript port), whose matching time is linear in the input. The dialect
 * stays ECMAScript's (`u` mode), as JSON Schema defines `pattern`; pattern-dialect.ts rewrites
 * it for RE2 and refuses what RE2 cannot run.
 */
export interface Pattern {
  /** The pattern as written in the policy. */
  readonly source: string;
  /** Whether it matches anywhere in `text`, like RegExp.prototype.test. */
  test(text: string): boolean;
  toString(): string;
}

export type CompiledPattern = { ok: true; pattern: Pattern } | { ok: false; reason: string };

/**
 * re2js builds its Unicode tables as it loads, which costs a third of node's own start; most
 * runs (`validate` of a role without patterns) compile no pattern, so it is loaded on first use.
 * `require`, because an `import` cannot wait inside a synchronous check: the bundle inlines it
 * as a lazily run module, and vitest provides `require` for the tests.
 */
let engine: typeof RE2JS | undefined;
function re2(): typeof RE2JS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return (engine ??= (require('re2js') as typeof import('re2js')).RE2JS);
}

// Compiled once per distinct source: 500 roles sharing one reason pattern compile it once.
const cache = new Map<string, CompiledPattern>();

/**
 * Compiles a policy pattern for the linear-time engine, or says why it cannot. `ignoreCase` is
 * for grantops' own ASCII format patterns (ECMAScript's `i` flag); policies write no flags.
 */
export function compilePattern(source: string, { ignoreCase = false } = {}): CompiledPattern {
  const key = `${ignoreCase ? 'i' : '-'}${source}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(source, ignoreCase);
    cache.set(key, compiled);
  }
  return compiled;
}

function compile(source: string, ignoreCase: boolean): CompiledPattern {
  try {
    // Only compiled, never run: V8 compiles lazily and in time linear in the pattern.
    new RegExp(source, 'u');
  } catch (err) {
    return { ok: false, reason: `it is not a valid regular expression: ${cleanMessage(err)}` };
  }
  let compiled: RE2JS;
  try {
    compiled = re2().compile(toRe2(source, { ignoreCase }));
  } catch (err) {
    if (err instanceof UnsupportedPattern)
      return {
        ok: false,
        reason: `it uses ${err.message}, which cannot be matched in bounded time`,
      };
    return { ok: false, reason: `the linear-time engine cannot run it: ${cleanMessage(err)}` };
  }
  // toString: ajv keys the patterns of a schema by it.
  return {
    ok: true,
    pattern: { source, test: (text) => compiled.test(text), toString: () => source },
  };
}

/**
 * Whether a policy pattern matches anywhere in `text`. Loading a policy refuses a pattern the
 * engine cannot run, so meeting one here means a policy that never loaded cleanly (a policy of
 * the past, say): it throws, and the caller fails closed.
 */
export function patternMatches(source: string, text: string): boolean {
  const compiled = compilePattern(source);
  if (!compiled.ok)
    throw new Error(`the pattern ${JSON.stringify(source)} cannot be used: ${compiled.reason}`);
  return compiled.pattern.test(text);
}

/** What patterns may use, for messages that teach. */
export const PATTERN_HELP =
  'Patterns are ECMAScript regular expressions run on a linear-time engine (RE2): no backreferences (\\1, \\k<name>), lookahead or lookbehind ((?=…), (?!…), (?<=…), (?<!…)), repeat counts up to 1000.';

function cleanMessage(err: unknown): string {
  // Engine messages quote the pattern back; keep them to one short line.
  const text = err instanceof Error ? err.message : String(err);
  const line = text
    .split('\n')[0]!
    .replace(/^error parsing regexp: /, '')
    .replace(
      new RegExp(INVISIBLE.source, 'gu'),
      (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`,
    );
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
