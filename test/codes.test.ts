import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CODES,
  PARAMS_CODE,
  RETIRED_CODES,
  SCHEMA_CODES,
  isCode,
  type Code,
} from '../src/core/codes.js';
import { checkLanding } from '../src/core/landing.js';
import { loadPolicies } from '../src/core/policy/load.js';
import type { FileChange } from '../src/core/request/types.js';
import { validateRequest } from '../src/core/request/validate.js';
import { providerSchemas } from '../src/providers/schemas.js';
import { ROOT, examplePolicy } from './helpers/policy.js';
import { GOOD_GRANT, TRUST_PEOPLE, trustRoles } from './helpers/trust.js';

/**
 * Codes are a contract: the union in src/core/codes.ts, docs/errors.md and the README agree, no
 * code escapes the union (the source text is scanned, so a code in a string the type system does
 * not see is caught too), and a fault has one code in `validate` and in the ledger.
 */

const ALL = Object.keys(CODES) as Code[];
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const filesUnder = (dir: string, ending: RegExp): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => ending.test(f))
    .map((f) => join(dir, f));

/** `E_…` names in prose: codes, and families written with a star (`E_YAML_*`). */
function mentions(text: string): { codes: string[]; families: string[] } {
  const found = [...text.matchAll(/\bE_[A-Z0-9_]+\*?/g)].map((m) => m[0]);
  return {
    codes: found.filter((n) => !n.endsWith('*')),
    families: found.filter((n) => n.endsWith('*')).map((n) => n.slice(0, -1)),
  };
}

/**
 * `E_…` string literals in source text, whatever quotes them: whole literals, and the fixed start
 * of a template literal (`` `E_PARAMS_${…}` ``), which must begin some code.
 */
function literals(text: string): { codes: string[]; prefixes: string[] } {
  const codes: string[] = [];
  const prefixes: string[] = [];
  for (const m of text.matchAll(/(['"`])(E_[A-Z0-9_]*)(\1|\$\{)/g)) {
    (m[3] === '${' ? prefixes : codes).push(m[2]!);
  }
  return { codes, prefixes };
}

const startsSome = (prefix: string) => ALL.some((c) => c.startsWith(prefix));

/** docs/errors.md's entries: a bullet opening with the code, up to the next bullet or heading. */
function entries(markdown: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const block of markdown.split(/\n(?=- |#)/)) {
    const m = /^- `(E_[A-Z0-9_]+)`: /.exec(block);
    if (m) out.set(m[1]!, [...(out.get(m[1]!) ?? []), block]);
  }
  return out;
}

describe('the code union', () => {
  it('gives every code a one-line meaning', () => {
    expect(ALL.length).toBeGreaterThan(100);
    for (const code of ALL) {
      expect(code).toMatch(/^E_[A-Z][A-Z0-9_]*[A-Z0-9]$/);
      expect(CODES[code], code).toMatch(/^[^\n]{10,100}$/);
    }
  });

  it('holds the params family: each schema code with PARAMS_ after its E_', () => {
    for (const code of SCHEMA_CODES) {
      expect(PARAMS_CODE[code]).toBe(`E_PARAMS_${code.slice(2)}`);
      expect(isCode(PARAMS_CODE[code])).toBe(true);
    }
    expect(ALL.filter((c) => c.startsWith('E_PARAMS_')).sort()).toEqual(
      [...Object.values(PARAMS_CODE), 'E_PARAMS_NOT_ALLOWED'].sort(),
    );
  });

  it('keeps retired codes apart: each names its replacement, and none is a code again', () => {
    for (const [old, now] of Object.entries(RETIRED_CODES)) {
      expect(isCode(old), old).toBe(false);
      expect(isCode(now), now).toBe(true);
    }
  });

  it('tells codes from other text', () => {
    expect(isCode('E_PATH')).toBe(true);
    expect(isCode('E_GRANT_PATH')).toBe(false);
    expect(isCode('toString')).toBe(false);
  });
});

describe('the source', () => {
  const sources = filesUnder('src', /\.(ts|js|mjs)$/).map((path) => ({ path, text: read(path) }));

  it('finds the literals it checks (the scanner itself)', () => {
    expect(literals(`x('E_PATH'); y("E_NO_SUCH"); z(\`E_GIT\`); \`E_PARAMS_\${k}\``)).toEqual({
      codes: ['E_PATH', 'E_NO_SUCH', 'E_GIT'],
      prefixes: ['E_PARAMS_'],
    });
    const found = new Set(sources.flatMap((s) => literals(s.text).codes));
    expect(found.size).toBeGreaterThan(100);
  });

  it('uses no code outside the union', () => {
    const unknown = sources.flatMap(({ path, text }) => {
      const { codes, prefixes } = literals(text);
      return [
        ...codes.filter((c) => !isCode(c)).map((c) => `${path}: ${c}`),
        ...prefixes.filter((p) => !startsSome(p)).map((p) => `${path}: ${p}…`),
      ];
    });
    expect(unknown).toEqual([]);
  });

  it('emits every code of the union (none is left over)', () => {
    const used = new Set(
      sources.filter((s) => !s.path.endsWith('codes.ts')).flatMap((s) => literals(s.text).codes),
    );
    // The params family is emitted through PARAMS_CODE, from the schema codes.
    for (const c of Object.values(PARAMS_CODE)) used.add(c);
    expect(ALL.filter((c) => !used.has(c))).toEqual([]);
  });
});

describe('docs/errors.md', () => {
  const doc = read('docs/errors.md');
  const documented = entries(doc);

  it('documents every code once, with how to fix it', () => {
    expect(ALL.filter((c) => !documented.has(c))).toEqual([]);
    expect([...documented].filter(([, blocks]) => blocks.length > 1).map(([c]) => c)).toEqual([]);
    for (const [code, [block]] of documented) expect(block, code).toContain('**Fix:**');
  });

  it('documents no code outside the union', () => {
    expect([...documented.keys()].filter((c) => !isCode(c))).toEqual([]);
  });

  it('lists every retired code with its replacement', () => {
    for (const [old, now] of Object.entries(RETIRED_CODES))
      expect(doc).toMatch(new RegExp(`\\| \`${old}\` +\\| \`${now}\` +\\|`));
  });
});

describe('every document', () => {
  const docs = [
    'README.md',
    ...filesUnder('docs', /\.md$/),
    ...filesUnder('src', /\.md$/),
    ...filesUnder('templates', /\.md$/),
  ];

  // A retired code may be named, as history: nothing reports it (the source check above).
  const named = (c: string) => isCode(c) || Object.hasOwn(RETIRED_CODES, c);

  it('names only codes of the union (or retired ones), and families that hold codes', () => {
    const wrong = docs.flatMap((path) => {
      const { codes, families } = mentions(read(path));
      return [
        ...codes.filter((c) => !named(c)).map((c) => `${path}: ${c}`),
        ...families.filter((f) => !startsSome(f)).map((f) => `${path}: ${f}*`),
      ];
    });
    expect(docs).toContain('docs/errors.md');
    expect(wrong).toEqual([]);
  });

  it('the README sends readers to docs/errors.md for the list', () => {
    const readme = read('README.md');
    expect(readme).toContain('](docs/errors.md)');
    // The list lives in one place: the README names a few codes, never the catalogue.
    expect(new Set(mentions(readme).codes).size).toBeLessThan(ALL.length / 4);
  });
});

describe('one fault, one code: validate and the ledger agree', () => {
  const policy = examplePolicy();
  const teams = new Map<string, string[] | null>([
    ['@acme/sre-oncall', ['olga', 'oscar']],
    ['@acme/engineering', ['erin', 'olga', 'bob', 'alice']],
    ['@acme/db-admins', ['dana', 'dmitri']],
    ['@acme/security', ['sam', 'sofia']],
  ]);
  const NOW = new Date('2026-11-25T12:00:00Z');
  const GOOD = 'duration: 2h\nreason: INC-4821 slow checkout queries need EXPLAIN\n';
  const ROLE = 'grants/orders-db-read';

  const validated = (path: string, text: string, mode = '100644') => {
    const change: FileChange = {
      path,
      status: 'added',
      oldMode: '000000',
      newMode: mode,
      size: Buffer.byteLength(text),
      text,
    };
    const d = validateRequest({ author: 'alice', changes: [change], policy, teams, now: NOW });
    return d.problems.map((p) => p.code).sort();
  };
  const landed = (path: string, text: string, mode = '100644') =>
    checkLanding(
      { path, mode, content: { text } },
      { policy, landedAt: NOW, approvedBy: ['dana'], teams, directory: true },
    )
      .problems.map((p) => p.code)
      .sort();

  it.each([
    `${ROLE}/Alice.yaml`,
    `${ROLE}/alice.yml`,
    `${ROLE}/alice.YAML`,
    `${ROLE}/nested/alice.yaml`,
    `${ROLE}/-alice.yaml`,
    `${ROLE}/\u0430lice.yaml`,
    'grants/Orders-DB-Read/alice.yaml',
    'grants/alice.yaml',
  ])('a bad grant path (%j) is E_PATH in both', (path) => {
    expect(validated(path, GOOD)).toEqual(['E_PATH']);
    expect(landed(path, GOOD)).toEqual(['E_PATH']);
  });

  const FILE = `${ROLE}/alice.yaml`;
  it.each<[string, Code, string, string]>([
    ['an unknown role', 'E_UNKNOWN_ROLE', 'grants/no-such-role/alice.yaml', GOOD],
    ['a symbolic link', 'E_NOT_REGULAR_FILE', FILE, 'x'],
    ['an empty file', 'E_EMPTY_FILE', FILE, ''],
    ['a YAML anchor', 'E_YAML_ANCHOR', FILE, `${GOOD}x: &a 1\n`],
    ['a missing key', 'E_MISSING_KEY', FILE, 'duration: 2h\n'],
    ['a bad duration', 'E_DURATION_FORMAT', FILE, GOOD.replace('2h', 'soon')],
    ['a short duration', 'E_DURATION_TOO_SHORT', FILE, GOOD.replace('2h', '30s')],
    ['a long duration', 'E_DURATION_TOO_LONG', FILE, GOOD.replace('2h', '9h')],
    ['a bad start', 'E_START_FORMAT', FILE, `${GOOD}start: tomorrow\n`],
    ['a far start', 'E_START_TOO_FAR', FILE, `${GOOD}start: 2027-06-01T00:00:00Z\n`],
    ['an invisible character', 'E_REASON_FORMAT', FILE, GOOD.replace('slow', 'sl\u200bow')],
    ['params the schema lacks', 'E_PARAMS_UNKNOWN_KEY', FILE, `${GOOD}params: { a: 1 }\n`],
    [
      'params for a role without',
      'E_PARAMS_NOT_ALLOWED',
      'grants/aws-prod-readonly/alice.yaml',
      `${GOOD}params: { a: 1 }\n`,
    ],
  ])('%s is %s in both', (_, code, path, text) => {
    const mode = code === 'E_NOT_REGULAR_FILE' ? '120000' : '100644';
    expect(validated(path, text, mode)).toEqual([code]);
    expect(landed(path, text, mode)).toEqual([code]);
  });

  it('a role that cannot be applied is E_POLICY_INVALID, as when validate loads it', () => {
    const files = [
      { path: 'policies/people.yaml', text: TRUST_PEOPLE },
      { path: 'policies/roles.yaml', text: trustRoles({ max: 'forever' }) },
    ];
    // validate stops at such policies (E_POLICY_INVALID, listing this problem); the ledger,
    // judging a grant under the policies of its landing, refuses the grant with the same code.
    const loaded = loadPolicies(files, providerSchemas);
    expect(loaded.problems.map((p) => p.code)).toContain('E_POLICY_DURATION');
    const l = checkLanding(
      { path: 'grants/db-read/alice.yaml', mode: '100644', content: { text: GOOD_GRANT } },
      { policy: loaded.policy, landedAt: NOW, approvedBy: ['carol'], teams, directory: true },
    );
    expect(l.state).toBe('invalid');
    expect(l.problems.map((p) => p.code)).toContain('E_POLICY_INVALID');
  });
});
