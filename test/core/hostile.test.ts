import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGrantFile } from '../../src/core/grant.js';
import { MAX_GRANT_BYTES, MAX_POLICY_BYTES } from '../../src/core/paths.js';
import { loadPolicies } from '../../src/core/policy/load.js';
import type { Problem } from '../../src/core/problem.js';
import type { FileChange } from '../../src/core/request/types.js';
import { validateRequest } from '../../src/core/request/validate.js';
import { parseStrictYaml } from '../../src/core/yaml.js';
import { toValue } from '../../src/core/yaml-value.js';
import { readChanges } from '../../src/git/diff.js';
import { decodeUtf8 } from '../../src/git/objects.js';
import { providerSchemas } from '../../src/providers/schemas.js';

/**
 * The hostile YAML corpus (test/fixtures/hostile): one file per attack or trap, each checked the
 * way a pull request is — bytes from git, size cap, strict UTF-8, strict YAML, schema, request
 * rules — against a policy made for it. Every case states all the problems it must raise, with
 * line and column, or the exact grant it must read. Each runs under a short timeout, so a parser
 * that hangs or expands an alias bomb fails the case instead of the machine.
 */
const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'hostile');
const CASE_TIMEOUT_MS = 3_000;

interface ExpectedProblem {
  code: string;
  line: number | null;
  column?: number;
}
interface Case {
  file: string;
  about: string;
  problems?: ExpectedProblem[];
  grant?: Record<string, unknown>;
  durationSeconds?: number;
}
const table = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')) as {
  path: string;
  author: string;
  now: string;
  cases: Case[];
};

const policyText = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'policies', 'valid', 'hostile-corpus.yaml'),
  'utf8',
);
const loaded = loadPolicies([{ path: 'policies/corpus.yaml', text: policyText }], providerSchemas);
const role = loaded.policy.roles.get('corpus');

/** A grant file as `readChanges` hands it over: the size checked before reading, UTF-8 strictly. */
function changeOf(bytes: Buffer): FileChange {
  const small = bytes.length <= MAX_GRANT_BYTES;
  const text = small ? decodeUtf8(bytes) : null;
  const change: FileChange = {
    path: table.path,
    status: 'added',
    oldMode: '000000',
    newMode: '100644',
    size: bytes.length,
    text,
  };
  if (small && text === null) change.notUtf8 = true;
  return change;
}

function check(bytes: Buffer) {
  return validateRequest({
    author: table.author,
    changes: [changeOf(bytes)],
    policy: loaded.policy,
    teams: new Map(),
    now: new Date(table.now),
  });
}

const shape = (p: Problem): ExpectedProblem =>
  p.column === undefined
    ? { code: p.code, line: p.line }
    : { code: p.code, line: p.line, column: p.column };

describe('hostile YAML corpus', () => {
  it('checks against a policy without problems', () => {
    expect(loaded.problems).toEqual([]);
    expect(role).toBeDefined();
  });

  it('lists every corpus file in cases.json, once', () => {
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    const listed = table.cases.map((c) => c.file);
    expect([...listed].sort()).toEqual(files);
    expect(new Set(listed).size).toBe(listed.length);
    for (const c of table.cases)
      expect(Boolean(c.problems) !== Boolean(c.grant), c.file).toBe(true);
  });

  for (const c of table.cases) {
    it(
      `${c.file}: ${c.about}`,
      () => {
        const bytes = readFileSync(join(CORPUS, c.file));
        const decision = check(bytes);
        expect(decision.problems.map(shape)).toEqual(c.problems ?? []);
        expect(decision.valid).toBe(c.grant !== undefined);
        for (const p of decision.problems) {
          // Messages are for people: bounded, one line, never an echo of a huge input.
          expect(p.path).toBe(table.path);
          expect(p.message.length).toBeLessThan(400);
          expect(p.message).not.toMatch(/[\r\n]/);
        }
        if (c.grant) {
          const parsed = parseGrantFile(table.path, decodeUtf8(bytes)!, role);
          expect(parsed.grant).toEqual(c.grant);
          expect(parsed.durationSeconds).toBe(c.durationSeconds);
        }
      },
      CASE_TIMEOUT_MS,
    );
  }
});

describe('the alias bomb', () => {
  const bomb = readFileSync(join(CORPUS, 'alias-bomb.yaml'), 'utf8');

  it(
    'is refused from the event stream without expanding anything',
    () => {
      // Expanded, nine levels of nine aliases are 9^9 (387 million) strings: gigabytes and
      // minutes. Refused, a hundred parses fit in a few megabytes and milliseconds.
      const before = process.memoryUsage().heapUsed;
      const started = performance.now();
      for (let n = 0; n < 100; n++) {
        const parsed = parseStrictYaml(table.path, bomb);
        expect(parsed.node).toBeNull();
        expect(parsed.problems[0]).toMatchObject({ code: 'E_YAML_ANCHOR', line: 4, column: 6 });
      }
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'raises a bounded number of problems, however many aliases it holds',
    () => {
      const wide = `a: &a x\nb: [${'*a, '.repeat(3_000)}*a]\n`;
      const { problems } = parseStrictYaml(table.path, wide);
      expect(problems).toHaveLength(21);
      expect(problems.at(-1)).toMatchObject({ code: 'E_TOO_MANY_PROBLEMS', line: null });
      expect(problems.at(-1)!.message).toContain('2982 more');
    },
    CASE_TIMEOUT_MS,
  );
});

describe('huge files', () => {
  const huge = Buffer.from(`duration: 2h\nreason: ${'a'.repeat(MAX_GRANT_BYTES)}\n`);

  it(
    'are refused by size before any byte is parsed',
    () => {
      expect(huge.length).toBeGreaterThan(MAX_GRANT_BYTES);
      const decision = check(huge);
      expect(decision.problems.map(shape)).toEqual([{ code: 'E_FILE_TOO_LARGE', line: null }]);
      expect(decision.problems[0]!.message).toContain(String(MAX_GRANT_BYTES));
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'are refused by the parser itself when a caller forgets the cap',
    () => {
      const text = huge.toString('utf8');
      expect(
        parseStrictYaml(table.path, text, { maxBytes: MAX_GRANT_BYTES }).problems.map(shape),
      ).toEqual([{ code: 'E_FILE_TOO_LARGE', line: null }]);
      // By default the parser reads no more than the largest file grantops reads (a policy).
      const tooBig = `reason: ${'é'.repeat(MAX_POLICY_BYTES / 2)}\n`; // fewer characters than bytes
      expect(tooBig.length).toBeLessThan(MAX_POLICY_BYTES);
      expect(parseStrictYaml(table.path, tooBig).problems.map(shape)).toEqual([
        { code: 'E_FILE_TOO_LARGE', line: null },
      ]);
    },
    CASE_TIMEOUT_MS,
  );
});

describe('prototype keys', () => {
  it('stay ordinary keys and never reach Object.prototype', () => {
    for (const file of ['proto-key.yaml', 'constructor-key.yaml', 'proto-in-params.yaml']) {
      const parsed = parseStrictYaml(file, readFileSync(join(CORPUS, file), 'utf8'));
      const { value } = toValue(parsed.node!, undefined);
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    }
    const { value } = toValue(
      parseStrictYaml('p', '__proto__: {isAdmin: true}\n').node!,
      undefined,
    );
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect((value as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
  });
});

describe('the corpus through git', () => {
  // changeOf() stands in for the git reader in the table above; this shows it reads the same,
  // on a real repository, for the cases where bytes matter.
  it('reads sizes, encodings, BOM and line endings as the table assumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grantops-hostile-'));
    try {
      const git = (...args: string[]) =>
        execFileSync('git', args, {
          cwd: dir,
          env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
        });
      git('init', '-q', '-b', 'main');
      git('config', 'user.name', 'Test');
      git('config', 'user.email', 'test@example.com');
      git('commit', '-q', '--allow-empty', '-m', 'base');
      const cases: Record<string, Buffer> = {
        'huge.yaml': Buffer.from(`duration: 2h\nreason: ${'a'.repeat(MAX_GRANT_BYTES)}\n`),
      };
      for (const f of ['latin1.yaml', 'bom.yaml', 'crlf.yaml', 'cr-only.yaml', 'nul-byte.yaml']) {
        cases[f] = readFileSync(join(CORPUS, f));
      }
      mkdirSync(join(dir, 'grants', 'corpus'), { recursive: true });
      for (const [name, bytes] of Object.entries(cases))
        writeFileSync(join(dir, 'grants', 'corpus', name), bytes);
      git('add', '-A');
      git('commit', '-q', '-m', 'corpus');
      const changes = await readChanges(dir, 'HEAD~1', 'HEAD');
      expect(changes).toHaveLength(Object.keys(cases).length);
      for (const change of changes) {
        const name = change.path.slice('grants/corpus/'.length);
        expect({ ...change, path: table.path }, name).toEqual(changeOf(cases[name]!));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 10_000);
});
