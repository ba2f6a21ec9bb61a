import { describe, expect, it } from 'vitest';
import { colourWanted, painter, PLAIN, verdicts } from '../../src/cli/colour.js';
import type { Command } from '../../src/cli/context.js';
import { safeOutput } from '../../src/core/text.js';
import { cliWith } from '../helpers/cli.js';

/** Colour only where a person reads a terminal, and never from input. */

const ESC = '\u001b';
const SGR = new RegExp(`${ESC}\\[\\d+m`, 'g');

describe('whether a stream gets colour', () => {
  it('a terminal does, a pipe does not', () => {
    expect(colourWanted(true, {})).toBe(true);
    expect(colourWanted(false, {})).toBe(false);
    expect(colourWanted(undefined, {})).toBe(false);
  });

  it('NO_COLOR (any non-empty value) turns it off, even with FORCE_COLOR', () => {
    expect(colourWanted(true, { NO_COLOR: '1' })).toBe(false);
    expect(colourWanted(true, { NO_COLOR: 'false' })).toBe(false);
    expect(colourWanted(true, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    // Empty is unset (no-color.org).
    expect(colourWanted(true, { NO_COLOR: '' })).toBe(true);
  });

  it('FORCE_COLOR turns it on when piped; 0 or false force it off', () => {
    expect(colourWanted(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourWanted(undefined, { FORCE_COLOR: '3' })).toBe(true);
    expect(colourWanted(false, { FORCE_COLOR: 'true', TERM: 'dumb' })).toBe(true);
    expect(colourWanted(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourWanted(true, { FORCE_COLOR: 'false' })).toBe(false);
    expect(colourWanted(false, { FORCE_COLOR: '' })).toBe(false);
  });

  it('TERM=dumb turns it off on a terminal', () => {
    expect(colourWanted(true, { TERM: 'dumb' })).toBe(false);
    expect(colourWanted(true, { TERM: 'xterm-256color' })).toBe(true);
  });
});

describe('the painter', () => {
  const clean = (t: string) => safeOutput(t);

  it('turns its marks into escape codes on a colour stream, and drops them elsewhere', () => {
    const p = painter();
    const text = `${p.style.bold('Usage:')} grantops ${p.style.red('x')}`;
    expect(p.paint(text, true, clean)).toBe(
      `${ESC}[1mUsage:${ESC}[22m grantops ${ESC}[31mx${ESC}[39m`,
    );
    expect(p.paint(text, false, clean)).toBe('Usage: grantops x');
  });

  it('escapes the text between marks: input cannot bring its own colour or forge a mark', () => {
    const p = painter();
    const other = painter();
    const hostile = `${ESC}[2J${ESC}[31mred \ue0001\ue001 ${other.style.red('forged')}`;
    const out = p.paint(p.style.green(hostile), true, clean);
    // Only the painter's own two codes are raw; the rest is shown escaped.
    expect(out.match(SGR)).toEqual([`${ESC}[32m`, `${ESC}[39m`]);
    expect(out).toContain('\\u001b[2J\\u001b[31mred');
    expect(out).toContain('\\ue000');
    expect(out).toContain('forged');
  });

  it('plain style adds nothing', () => {
    expect(PLAIN.red(PLAIN.bold('x'))).toBe('x');
  });

  it('colours grantops’ verdict symbols and the codes of problem lines', () => {
    const out = verdicts(
      '✓ valid\n✗ not valid\n  grants/a/b.yaml:2:3: E_DURATION_TOO_LONG: too long\n  x: E_NOT_A_CODE: y',
    );
    expect(out).toContain(`${ESC}[32m✓${ESC}[39m valid`);
    expect(out).toContain(`${ESC}[31m✗${ESC}[39m not valid`);
    expect(out).toContain(`: ${ESC}[31mE_DURATION_TOO_LONG${ESC}[39m: too long`);
    expect(out).toContain(': E_NOT_A_CODE: y');
  });
});

describe('colour through the CLI', () => {
  const probe: Command = {
    name: 'probe',
    summary: 'Prints a verdict.',
    usage: 'grantops probe',
    options: {},
    formats: ['text', 'json'],
    async run(ctx) {
      if (ctx.format === 'json') ctx.stdout(JSON.stringify({ ok: ctx.style.green('yes') }));
      else ctx.stdout(`${ctx.style.bold('Heading')}\n✓ fine: ${ctx.style.red('\u001b[31mred')}`);
      ctx.stderr(`${ctx.style.yellow('note')}: on stderr`);
      return 0;
    },
  };
  const run = (env: Record<string, string>, ...argv: string[]) =>
    cliWith({ env, commands: { probe } }, '.', 'probe', ...argv);

  it('tests and pipes get none', async () => {
    const r = await run({});
    expect(r.stdout + r.stderr).not.toContain(ESC);
    expect(r.stdout).toBe('Heading\n✓ fine: \\u001b[31mred\n');
  });

  it('FORCE_COLOR colours text, never JSON; input stays escaped', async () => {
    const r = await run({ FORCE_COLOR: '1' });
    expect(r.stdout).toBe(
      `${ESC}[1mHeading${ESC}[22m\n${ESC}[32m✓${ESC}[39m fine: ${ESC}[31m\\u001b[31mred${ESC}[39m\n`,
    );
    expect(r.stderr).toBe(`${ESC}[33mnote${ESC}[39m: on stderr\n`);
    const json = await run({ FORCE_COLOR: '1' }, '--format', 'json');
    expect(json.stdout).not.toContain(ESC);
    expect(JSON.parse(json.stdout)).toEqual({ ok: 'yes' });
  });

  it('NO_COLOR wins over FORCE_COLOR, TERM=dumb over a terminal', async () => {
    const r = await run({ FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(r.stdout + r.stderr).not.toContain(ESC);
    let out = '';
    let err = '';
    const { runCli } = await import('../../src/cli.js');
    await runCli(['probe'], {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      env: { TERM: 'dumb' },
      cwd: '.',
      commands: { probe },
      terminal: { stdout: true, stderr: true, stderrRaw: () => {} },
    });
    expect(out + err).not.toContain(ESC);
  });

  it('a terminal gets colour on the streams that are terminals only', async () => {
    const { runCli } = await import('../../src/cli.js');
    let out = '';
    let err = '';
    await runCli(['probe'], {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      env: {},
      cwd: '.',
      commands: { probe },
      terminal: { stdout: false, stderr: true, stderrRaw: () => {} },
    });
    expect(out).toBe('Heading\n✓ fine: \\u001b[31mred');
    expect(err).toBe(`${ESC}[33mnote${ESC}[39m: on stderr`);
  });

  it('an error is marked on a colour terminal, and plain in a log', async () => {
    const colour = await cliWith({ env: { FORCE_COLOR: '1' } }, '.', 'vaildate');
    expect(
      colour.stderr.startsWith(`${ESC}[31m${ESC}[1mgrantops:${ESC}[22m${ESC}[39m Unknown`),
    ).toBe(true);
    const plain = await cliWith({}, '.', 'vaildate');
    expect(plain.stderr.startsWith('grantops: Unknown command')).toBe(true);
  });
});
