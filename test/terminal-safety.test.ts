import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWith, type CliRun } from './helpers/cli.js';
import { GitRepo, TEST_PEOPLE, grantYaml } from './helpers/gitrepo.js';

/**
 * Every command's output over a corpus of hostile names, through runCli on real git
 * repositories: nothing a file name, a trailer, a reason, a ref or a policy holds may reach a
 * terminal raw. Outside printable ASCII, only a line break (and CR before it, in CSV) and
 * grantops' own symbols (… → ✓ ✗ ’ —) may appear; everything else must come out escaped, once.
 */

const H = {
  esc: '\u001b[2J\u001b[31mred',
  osc8: '\u001b]8;;https://evil.example/\u0007click me\u001b]8;;\u0007',
  bidi: 'bob\u202eevil\u2066x\u2069',
  zwj: 'ad\u200dmin\u200b\u2060',
  cyrillic: 'c\u0430rol', // "carol" with a Cyrillic а
  cr: 'ok\rFAKE LINE',
  controls: 'a\u0001\u0007\u0008\u007f\u0085\u009bb',
  format: '\u00ad\u061c\ufeff\u180e\u3164\ufe0f',
  long: `long${'\u0430'.repeat(3000)}`,
};
const HOSTILE = Object.values(H);
/** A literal backslash sequence: it must not read like the escaped Cyrillic letter. */
const LOOKALIKE = 'C:\\u0430';

/** A YAML double-quoted string holding `s`, written in ASCII (the reader refuses raw bidi). */
const yamlString = (s: string) =>
  `"${[...s].map((c) => (/[\x20-\x7e]/.test(c) && c !== '"' && c !== '\\' ? c : `\\U${c.codePointAt(0)!.toString(16).padStart(8, '0')}`)).join('')}"`;

const RAW = /\r(?!\n)|[^\x20-\x7e\n\r…→✓✗’—]/u;

function expectSafe(run: CliRun, label: string): void {
  for (const [stream, text] of [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ] as const) {
    const m = RAW.exec(text);
    const found = m && {
      char: `U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')}`,
      around: JSON.stringify(text.slice(Math.max(0, m.index - 60), m.index + 20)),
    };
    expect(found, `${label}: ${stream}`).toBeNull();
  }
}

const T0 = '2026-01-01T00:00:00Z';
const NOW = '2026-01-02T11:00:00Z';

let repo: GitRepo;
let scratch: string;
const runs: [string, CliRun][] = [];

async function run(label: string, env: Record<string, string>, ...argv: string[]) {
  return runIn(repo, label, env, ...argv);
}

async function runIn(
  where: GitRepo,
  label: string,
  env: Record<string, string>,
  ...argv: string[]
) {
  const r = await cliWith({ env }, where.dir, ...argv, '--repo', where.dir);
  runs.push([label, r]);
  expectSafe(r, label);
  return r;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'grantops-hostile-'));
  // A command provider whose grants fail with a hostile message, and who lists what it holds.
  const script = join(scratch, 'provider.mjs');
  writeFileSync(
    script,
    `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const file = process.env.ACCESS_STATE;
const state = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
const verb = process.argv[2];
if (verb === 'list') process.stdout.write(JSON.stringify(state));
else { process.stderr.write(${JSON.stringify(HOSTILE.join(' | '))}); process.exit(1); }
`,
  );
  repo = GitRepo.create();
  repo
    .write('policies/people.yaml', TEST_PEOPLE)
    .write(
      'policies/roles.yaml',
      `providers:
  db:
    type: command
    command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(script)}]
    env: [ACCESS_STATE]
    users: { alice: ${yamlString('\u0430lice')}, erin: ${yamlString(H.cyrillic)} }
roles:
  db-read:
    description: Read-only SQL
    provider: db
    grant: { role: read }
    max_duration: 8h
    requesters: [oncall]
    approvers: [dba]
    approvals: 1
`,
    )
    .write('grants/.gitkeep', '')
    .commit('Policies', T0);
  // A landed grant approved by carol, with hostile text in its reason and trailers.
  repo
    .write('grants/db-read/alice.yaml', grantYaml('8h', `INC-1 ${H.cyrillic} ${LOOKALIKE} ok`))
    .commit(
      `Grant db-read to alice (#4)\n\nGrant-Action: granted\nGrant-Path: grants/db-read/alice.yaml\nApproved-by: carol\nApproved-by: ${H.bidi}\nApproved-by: ${H.osc8}\nApproved-by: ${H.zwj}\nPull-Request: #4${H.bidi}`,
      '2026-01-02T10:00:00Z',
    );
  // Landed with only text approvals that do not count: an unapproved landing.
  repo
    .write('grants/db-read/erin.yaml', grantYaml('8h'))
    .commit(
      `Grant db-read to erin\n\nApproved-by: ${H.cyrillic}\nApproved-by: ${H.esc}\nApproved-by: ${H.format}`,
      '2026-01-02T10:05:00Z',
    );
  // Files at hostile paths on the branch: invalid grant files.
  const names = [H.cyrillic, H.esc, H.bidi, H.cr, H.zwj, H.controls, H.format, 'x'.repeat(120)];
  for (const name of names) repo.write(`grants/db-read/${name}.yaml`, grantYaml('1h'));
  repo.write(`grants/${H.osc8.replace(/\//g, '_')}/bob.yaml`, grantYaml('1h'));
  repo.commit('Hostile paths', '2026-01-02T10:10:00Z');
  // A revocation whose reason is hostile.
  repo
    .write('grants/db-read/bob.yaml', grantYaml('2h'))
    .commit('Grant db-read to bob\n\nApproved-by: dave', '2026-01-02T10:20:00Z');
  repo.remove('grants/db-read/bob.yaml');
  repo.commit(
    `Revoke bob\n\nGrant-Action: revoked\nGrant-Path: grants/db-read/bob.yaml\nReason: ${H.bidi} ${H.esc} ${LOOKALIKE}`,
    '2026-01-02T10:30:00Z',
  );
  // A branch whose name git accepts but a terminal would render misleadingly.
  repo.git(['branch', `ma${H.bidi.slice(3)}in`]);
  repo.git(['branch', `c\u0430rol-main`]);
  // A request branch touching hostile paths, a policy and a valid file.
  repo.checkout('req', { create: true });
  for (const name of [H.cyrillic, H.esc, H.bidi, H.cr]) {
    repo.write(`grants/db-read/${name}.yaml`, grantYaml('1h', `INC-2 ${name}`));
    repo.write(`grants/DB-${name}/Alice.yml`, grantYaml('1h'));
  }
  repo.write(`policies/${H.zwj}.yaml`, 'admins: [x]\n');
  repo.write(`grants/db-read/alice.yaml`, grantYaml('9h', `INC-3 ${H.cyrillic} ${LOOKALIKE}`));
  repo.commit('Request', '2026-01-02T10:40:00Z');
  repo.checkout('main');
});
afterAll(() => {
  repo.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('text output over hostile names', () => {
  it('validate: paths, authors, approvers, committers, refs', async () => {
    const env = {};
    for (const author of ['alice', H.bidi, H.cyrillic, H.esc, H.long]) {
      for (const format of ['text', 'json']) {
        await run(
          `validate ${format}`,
          env,
          'validate',
          '--base',
          'main',
          '--head',
          'req',
          '--author',
          author,
          '--approved-by',
          HOSTILE.join(','),
          '--committers',
          [H.cyrillic, H.zwj].join(','),
          '--now',
          NOW,
          '--format',
          format,
        );
      }
    }
    await run(
      'validate bad refs',
      env,
      'validate',
      '--base',
      H.esc,
      '--head',
      H.bidi,
      '--author',
      'alice',
    );
    const text = runs.find(([l]) => l === 'validate text')![1];
    expect(text.code).toBe(1);
    // Each hostile path is shown once escaped: the Cyrillic letter as \u0430 (read from UTF-8,
    // not as the two characters of its bytes), the escape character as \u001b.
    expect(text.stdout).toContain('grants/db-read/c\\u0430rol.yaml: E_');
    expect(text.stdout).toContain('"grants/db-read/c\\u0430rol.yaml" is not a grant file path');
    expect(text.stdout).toContain('grants/db-read/\\u001b[2J\\u001b[31mred.yaml');
    expect(text.stdout).toContain('grants/db-read/ok\\rFAKE LINE.yaml');
    expect(text.stdout).not.toMatch(/\\u00d0|\\\\u0430/); // no mojibake, no double escaping
    // Hints never suggest a name that is itself invalid.
    expect(text.stdout).toContain('Paths are lower case: grants/db-read/alice.yaml.');
    const hostileAuthor = runs.filter(([l]) => l === 'validate text')[1]![1];
    expect(hostileAuthor.stdout).toContain('not a valid access request by bob\\u202eevil');
    expect(hostileAuthor.stdout).toContain('Paths are lower case: grants/db-read/<login>.yaml.');
    expect(hostileAuthor.stdout).toContain('name the file grants/db-read/<login>.yaml.');
  });

  it('codeowners: valid policies, and policies with hostile keys and names', async () => {
    await run('codeowners', {}, 'codeowners', '--check');
    await run('codeowners json', {}, 'codeowners', '--check', '--format', 'json');
    repo.checkout('broken', { create: true });
    repo
      .write(
        'policies/broken.yaml',
        `groups:\n  ${yamlString(H.esc)}: [${yamlString(H.cyrillic)}]\nroles:\n  db-write:\n    ${yamlString(H.bidi)}: 1\n    requesters: [${yamlString(H.osc8)}]\n`,
      )
      .commit('Break the policies', '2026-01-02T12:00:00Z');
    repo.checkout('main');
    const broken = await run('codeowners broken', {}, 'codeowners', '--check', '--ref', 'broken');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('policies/broken.yaml');
  });

  it('status: invalid and unapproved files, approvers not counted, hostile refs', async () => {
    for (const ref of [undefined, `ma${H.bidi.slice(3)}in`, 'c\u0430rol-main', H.esc]) {
      for (const format of ['text', 'json']) {
        await run(
          `status ${format} ${ref ?? ''}`,
          {},
          'status',
          '--now',
          NOW,
          '--format',
          format,
          ...(ref === undefined ? [] : ['--ref', ref]),
        );
      }
    }
    const text = runs.find(([l]) => l === 'status text ')![1];
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('grants/db-read/c\\u0430rol.yaml');
    expect(text.stdout + text.stderr).toContain('\\u202e');
    expect(text.stdout + text.stderr).not.toMatch(/\\u00d0|\\\\u0430/);
  });

  it('audit: text, markdown, csv, json and --at, with hostile reasons, trailers and filters', async () => {
    for (const format of ['text', 'markdown', 'csv', 'json']) {
      await run(`audit ${format}`, {}, 'audit', '--now', NOW, '--format', format);
      await run(`audit at ${format}`, {}, 'audit', '--at', NOW, '--format', format);
    }
    await run('audit filters', {}, 'audit', '--user', H.bidi, '--role', H.esc, '--now', NOW);
    await run('audit bad time', {}, 'audit', '--since', H.osc8);
    const text = runs.find(([l]) => l === 'audit text')![1];
    expect(text.code).toBe(0);
    // A reason holding a literal backslash reads differently from one holding the letter.
    expect(text.stdout).toContain('"INC-1 c\\u0430rol C:\\\\u0430 ok"');
    expect(text.stdout).toContain('approved by carol');
    expect(text.stdout).toContain('bob\\u202eevil');
  });

  it('plan and reconcile: hostile identities and provider messages', async () => {
    const env = { PATH: process.env.PATH ?? '', ACCESS_STATE: join(scratch, 'state.json') };
    for (const format of ['text', 'json']) {
      await run(`plan ${format}`, env, 'plan', '--now', NOW, '--format', format);
      await run(`reconcile ${format}`, env, 'reconcile', '--now', NOW, '--format', format);
      await run(
        `dry run ${format}`,
        env,
        'reconcile',
        '--dry-run',
        '--now',
        NOW,
        '--format',
        format,
      );
    }
    const text = runs.find(([l]) => l === 'reconcile text')![1];
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('grant  db-read for alice (as \\u0430lice)');
    expect(text.stdout).toContain('\\u001b[2J\\u001b[31mred');
    expect(text.stdout).not.toMatch(/\\\\u(001b|202e|0430)/); // each escaped once
  });

  it('usage errors echo hostile input escaped', async () => {
    await run('unknown command', {}, H.esc);
    await run('unknown option', {}, 'status', `--${H.bidi}`);
    await run('bad now', {}, 'status', '--now', H.cr);
    await run('bad format', {}, 'status', '--format', H.osc8);
  });

  it('request, approve, merge, expire, init and doctor: hostile reasons, logins and names', async () => {
    const forge = GitRepo.create();
    try {
      forge
        .write('policies/people.yaml', TEST_PEOPLE)
        .write(
          'policies/roles.yaml',
          `providers:\n  db:\n    type: command\n    command: ['./db']\nroles:\n  db-read:\n    description: Read\n    provider: db\n    grant: { role: read }\n    max_duration: 8h\n    requesters: [oncall]\n    approvers: [dba]\n    approvals: 1\n`,
        )
        .write('grants/.gitkeep', '')
        .commit('Policies', T0);
      const at = ['--now', '2026-01-01T01:00:00Z'];
      const reason = `INC-7 ${H.cyrillic} ${LOOKALIKE}`;
      for (const format of ['text', 'json']) {
        const f = ['--format', format];
        await runIn(
          forge,
          `request ${format}`,
          {},
          'request',
          'db-read',
          '--for',
          '1h',
          '--reason',
          reason,
          '--as',
          'alice',
          ...at,
          ...f,
        );
        await runIn(
          forge,
          `request refused ${format}`,
          {},
          'request',
          H.cyrillic,
          '--for',
          H.esc,
          '--reason',
          HOSTILE.join(' '),
          '--as',
          H.bidi,
          '--param',
          `${H.zwj}=${H.osc8}`,
          ...at,
          ...f,
        );
        for (const role of ['db-read', H.cyrillic])
          await runIn(
            forge,
            `request problems ${format}`,
            {},
            'request',
            role,
            '--for',
            '9h',
            '--reason',
            HOSTILE.join(' '),
            '--ticket',
            H.bidi,
            '--as',
            'bob',
            ...at,
            ...f,
          );
        await runIn(
          forge,
          `approve ${format}`,
          {},
          'approve',
          'request/db-read/alice',
          '--as',
          H.cyrillic,
          ...at,
          ...f,
        );
        await runIn(
          forge,
          `approve unknown ${format}`,
          {},
          'approve',
          `request/${H.esc}`,
          '--as',
          'carol',
          ...at,
          ...f,
        );
      }
      await runIn(forge, 'approve', {}, 'approve', 'request/db-read/alice', '--as', 'carol', ...at);
      await runIn(forge, 'merge unknown', {}, 'merge', `request/db-read/${H.bidi}`, ...at);
      const merged = await runIn(forge, 'merge', {}, 'merge', '--all', ...at);
      expect(merged.code, merged.stderr).toBe(0);
      for (const format of ['text', 'json'])
        await runIn(
          forge,
          `expire ${format}`,
          {},
          'expire',
          '--now',
          '2026-01-01T05:00:00Z',
          '--format',
          format,
        );
      for (const org of ['acme', H.cyrillic])
        await runIn(
          forge,
          'init',
          {},
          'init',
          join(scratch, `new-${org}-${H.bidi}`),
          '--org',
          org,
          '--action-ref',
          `acme/grantops@${'a'.repeat(40)}`,
        );

      // Values escaped once: no escape shown twice.
      const problems = runs.filter(([l]) => l === 'request problems text').map(([, r]) => r);
      expect(problems[1]!.stdout).toContain('There is no role "c\\u0430rol"');
      const orgRun = runs.filter(([l]) => l === 'init')[1]![1];
      expect(orgRun.stderr).toContain('--org "c\\u0430rol" is not');
      const texts = runs.filter(([l]) => /^(request|approve|merge|expire|init)/.test(l));
      for (const [label, r] of texts.filter(([l]) => !l.endsWith(' json')))
        expect(r.stdout + r.stderr, label).not.toMatch(/\\\\u(0430|001b|202e)/);
      await runIn(forge, 'doctor', {}, 'doctor', '--github-repo', `${H.esc}/${H.cyrillic}`);
    } finally {
      forge.cleanup();
    }
  });

  it('with colour on, the output is the same plus grantops’ own colour codes, none from input', async () => {
    // grantops' own codes (cli/colour.ts): bold, dim, red, green, yellow and their resets.
    const SGR = new RegExp(`${'\u001b'}\\[(?:1|2|22|31|32|33|39)m`, 'g');
    const argvs: string[][] = [
      [
        'validate',
        '--base',
        'main',
        '--head',
        'req',
        '--author',
        H.bidi,
        '--approved-by',
        HOSTILE.join(','),
        '--now',
        NOW,
      ],
      ['status', '--now', NOW],
      ['audit', '--now', NOW],
      ['audit', '--now', NOW, '--format', 'markdown'],
      ['codeowners', '--check'],
      ['status', '--ref', H.esc],
      [H.esc],
      ['status', `--${H.bidi}`],
    ];
    let coloured = 0;
    for (const argv of argvs) {
      const label = `colour ${argv[0]}`;
      const plain = await run(label, {}, ...argv);
      const colour = await cliWith(
        { env: { FORCE_COLOR: '1' } },
        repo.dir,
        ...argv,
        '--repo',
        repo.dir,
      );
      // Take grantops' own codes out: what is left is exactly the plain output, which is safe.
      expect(colour.stdout.replace(SGR, ''), label).toBe(plain.stdout);
      expect(colour.stderr.replace(SGR, ''), label).toBe(plain.stderr);
      expect(colour.code, label).toBe(plain.code);
      if ((colour.stdout + colour.stderr).includes('\u001b[')) coloured++;
      // Markdown is for files and pull requests: never a code in it.
      if (argv.includes('markdown')) expect(colour.stdout, label).not.toContain('\u001b');
    }
    // The check has something to check: most runs were coloured.
    expect(coloured).toBeGreaterThanOrEqual(5);
  });

  it('reached every command', () => {
    const commands = new Set(runs.map(([label]) => label.split(' ')[0]));
    for (const c of [
      'validate',
      'codeowners',
      'status',
      'audit',
      'plan',
      'reconcile',
      'request',
      'approve',
      'merge',
      'expire',
      'init',
      'doctor',
    ])
      expect(commands).toContain(c);
  });
});
