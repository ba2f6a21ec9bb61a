import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/policy.js';

/**
 * Every error grantops stops on (UsageError, ConfigError, ExternalError) says what to do next,
 * not only what is wrong. The source is read with TypeScript's parser: each `new XError(…)`
 * message is rebuilt as text (literals, templates, both branches of a `?:`, constants of the
 * same file), each interpolated value shown as `…`, and every variant must carry a next step.
 */

const ERRORS: Record<string, number> = {
  UsageError: 0,
  ConfigError: 0,
  ExternalError: 1,
  GrantopsError: 1,
};

/**
 * Messages passed on from elsewhere, which this scan cannot read: each is checked where it is
 * made, or is the outside world's own words placed after grantops' next step.
 */
const RELAYS: Record<string, string> = {
  // The judging thread rebuilds an error it caught, made (and scanned here) where it was thrown.
  'src/git/judge-worker.ts m.error.message': 'an error of the judging thread',
  // missing() says what to create or map; the scan reads only constructors' own arguments.
  'src/providers/memory/provider.ts missing': 'the in-memory provider’s missing()',
  // batch.ts missingFor() and db.ts nameProblem(), each ending with what to change.
  'src/providers/postgres/provider.ts `Provider ${quote(this.name)}: ${first.error}`':
    'a refused grant of the postgres provider',
};

/**
 * Messages still without a next step, in files that were being changed by others when this
 * check came (their owners add the step, then remove the entry): each by its file and text.
 */
const PENDING: readonly string[] = [
  'src/wiring/landing-authority.ts: … is the first commit of the branch: no request can have landed it.',
];

/** The verbs a next step starts with, where a sentence or a clause starts. */
const STEP_VERBS =
  'add|allow|approve|ask|change|check|choose|commit|create|delete|drop|enable|end|fetch|find|fix|give|have|install|keep|list|look|make|mint|move|name|open|pass|paste|point|provide|push|put|re-?run|reinstall|remove|rename|replace|report|request|retry|run|see|set|split|start|stash|try|unset|update|use|wait|write';
const AFTER = String.raw`(?:^|\n|[.:;!?,]\s+|\(|—\s*|\b(?:or|and|then|so|please|elsewhere)\s+)`;
const NEXT_STEP = [
  // An imperative: "Set it to …", "…, or use --forge local", "(run: git fetch)".
  new RegExp(`${AFTER}(?:${STEP_VERBS})\\b`, 'i'),
  // Who must act, and what they must do: "an admin must fix them", "its user must be able to".
  /\b(?:must|should|needs? to|has to)\s+(?:be\s+able\s+to\s+)?(?:fix|set|give|install|create|grant|revoke|run|add|remove|change|use|name|read|write)\b/i,
  // What the value must look like, with an example: "must start with postgres://", "e.g. 12".
  /\bmust (?:be|start with|name|hold|contain)\b.*(?:\be\.g\.|\bsuch as\b|\blike\b|:\/\/)/i,
  // grantops itself will try again: nothing for the reader to do but let it.
  /\bthe next (?:scheduled )?run\b/i,
  // The command line to type instead: "…, e.g. --param schema=orders".
  /\be\.g\. (?:grantops |--)/,
];

/** Whether a message tells its reader what to do next. */
export function hasNextStep(message: string): boolean {
  return NEXT_STEP.some((re) => re.test(message));
}

interface Site {
  file: string;
  line: number;
  kind: string;
  variants: string[] | null;
  source: string;
}

/** Every `new XError(…)` in the file, with the message's text in each of its forms. */
function sitesIn(file: string): Site[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const consts = new Map<string, ts.Expression>();
  const collect = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isVariableDeclarationList(node.parent) &&
      node.parent.flags & ts.NodeFlags.Const
    )
      consts.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  collect(sf);

  const MANY = 64;
  const cross = (a: string[], b: string[]) => a.flatMap((x) => b.map((y) => x + y)).slice(0, MANY);
  /** The texts an expression may have, or null when it is not grantops' own literal text. */
  const texts = (e: ts.Expression, depth = 0): string[] | null => {
    if (depth > 8) return null;
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return texts(e.expression, depth);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isConditionalExpression(e)) {
      const a = texts(e.whenTrue, depth + 1);
      const b = texts(e.whenFalse, depth + 1);
      return a && b ? [...a, ...b] : null;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const a = texts(e.left, depth + 1);
      const b = texts(e.right, depth + 1);
      return a && b ? cross(a, b) : null;
    }
    if (ts.isIdentifier(e) && consts.has(e.text)) return texts(consts.get(e.text)!, depth + 1);
    if (ts.isTemplateExpression(e)) {
      let out = [e.head.text];
      for (const span of e.templateSpans) {
        // An interpolation is a value (shown as …) unless it is text of grantops' own.
        const inner = texts(span.expression, depth + 1) ?? ['…'];
        out = cross(cross(out, inner), [span.literal.text]);
      }
      return out;
    }
    return null;
  };

  const sites: Site[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
      const index = ERRORS[node.expression.text];
      const arg = index === undefined ? undefined : node.arguments?.[index];
      if (arg)
        sites.push({
          file,
          line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          kind: node.expression.text,
          variants: texts(arg),
          source: arg.getText(),
        });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sites;
}

const SOURCES = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => join('src', f));
const SITES = SOURCES.flatMap(sitesIn);

describe('the next-step check itself', () => {
  it('refuses a message that only says what is wrong', () => {
    for (const bad of [
      'Bad thing.',
      'The environment variable GITHUB_TOKEN is not set.',
      '"x" is not a commit in "/repo".',
      'git merge-base failed: fatal: bad object.',
      'Provider "db" (postgres): grant failed: connection refused',
      'The directory file teams.yaml is invalid.',
      'Unexpected output from git diff-tree.',
    ])
      expect(hasNextStep(bad), bad).toBe(false);
  });

  it('accepts one that says what to do', () => {
    for (const good of [
      'The variable X is not set. Set it to a token with "Members: read".',
      '--now "x" is not a time. Use RFC 3339 like 2026-11-26T09:00:00Z.',
      'Name one role per request (grantops request ROLE --for … --reason …).',
      'The policies are invalid; an admin must fix them before any request can be decided:',
      'The connection URL in X must start with postgres:// or be pglite://memory.',
      'GitHub answered 502; the next run will try again.',
      'It is checked out with local changes. Commit or stash them, then run again.',
    ])
      expect(hasNextStep(good), good).toBe(true);
  });

  it('reads the messages of the source', () => {
    // The scan finds the errors it is about: a change in how they are made shows up here.
    expect(SITES.length).toBeGreaterThan(100);
    const cli = SITES.filter((s) => s.file === join('src', 'cli.ts'));
    expect(cli.map((s) => s.kind)).toContain('UsageError');
    expect(cli.some((s) => s.variants?.some((v) => v.startsWith('--now … is not a time.'))));
  });
});

describe('every error grantops stops on says what to do next', () => {
  it('each message, in each of its forms', () => {
    const missing: string[] = [];
    for (const s of SITES) {
      const where = `${s.file}:${s.line} ${s.kind}`;
      if (Object.hasOwn(RELAYS, `${s.file} ${s.source}`)) continue;
      if (s.variants === null) {
        missing.push(`${where}: not literal text (${s.source}); relays are listed in RELAYS`);
        continue;
      }
      for (const v of s.variants)
        if (!hasNextStep(v) && !PENDING.includes(`${s.file}: ${v}`)) missing.push(`${where}: ${v}`);
    }
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('lists no relay that is gone, and pends only messages that lack a step', () => {
    const seen = new Set(SITES.map((s) => `${s.file} ${s.source}`));
    for (const key of Object.keys(RELAYS)) expect(seen, key).toContain(key);
    // A pending entry is no way around the check for a message that has its step.
    for (const entry of PENDING)
      expect(hasNextStep(entry.slice(entry.indexOf(': ') + 2)), entry).toBe(false);
  });
});
