import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../src/cli/examples.js';
import { optionsOf, parseCommandLine } from '../src/cli/parse.js';
import { commands } from '../src/commands/index.js';
import { parseInstant } from '../src/core/time.js';
import { cli } from './helpers/cli.js';

/**
 * What `grantops <command> --help` shows: usage, summary, every option and two to four examples,
 * each of which is a command line the command accepts (read by the CLI's own parser).
 */

/** A command line split into words as a POSIX shell would, for the quoting the examples use. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

describe('the examples catalogue', () => {
  it('has two to four examples for every command, and none for a command that does not exist', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(commands).sort());
    for (const [name, examples] of Object.entries(EXAMPLES)) {
      expect(examples.length, name).toBeGreaterThanOrEqual(2);
      expect(examples.length, name).toBeLessThanOrEqual(4);
      for (const e of examples) expect(e.why.length, e.line).toBeGreaterThan(10);
    }
  });

  it('every example parses with its command’s options, with values the command takes', () => {
    for (const [name, examples] of Object.entries(EXAMPLES)) {
      const command = commands[name]!;
      for (const { line } of examples) {
        const [program, asked, ...rest] = words(line);
        expect(program, line).toBe('grantops');
        expect(asked, line).toBe(name);
        // Strict: an unknown option, or a string option with no value, throws.
        const args = parseCommandLine(command, rest);
        const known = Object.keys(optionsOf(command));
        for (const flag of Object.keys(args.values)) expect(known, line).toContain(flag);
        const format = args.values.format;
        if (format !== undefined) expect(command.formats, line).toContain(format);
        for (const time of ['now', 'since', 'until', 'at', 'start'])
          if (typeof args.values[time] === 'string')
            expect(parseInstant(args.values[time] as string), `${line}: --${time}`).not.toBeNull();
        // Booleans stay booleans: `--check yes` would have been read as a positional.
        for (const [flag, spec] of Object.entries(command.options))
          if (spec.type === 'boolean' && args.values[flag] !== undefined)
            expect(args.values[flag], `${line}: --${flag}`).toBe(true);
      }
    }
  });

  it('the check catches an example that does not parse', () => {
    expect(() => parseCommandLine(commands.status!, ['--reff', 'main'])).toThrow(/Unknown option/);
    expect(() => parseCommandLine(commands.status!, ['--ref'])).toThrow(/argument missing/);
    expect(words('grantops request r --reason "two words" --x \'a b\'')).toEqual([
      'grantops',
      'request',
      'r',
      '--reason',
      'two words',
      '--x',
      'a b',
    ]);
  });
});

describe('grantops <command> --help', () => {
  it('shows usage, summary, every option and the examples, for every command', async () => {
    for (const [name, command] of Object.entries(commands)) {
      const r = await cli('.', name, '--help');
      expect(r.code, name).toBe(0);
      expect(r.stderr, name).toBe('');
      expect(r.stdout, name).toContain(`Usage: ${command.usage}`);
      // The summary, wrapped: its words in order.
      expect(r.stdout.replace(/\s+/g, ' '), name).toContain(command.summary);
      for (const option of Object.keys(optionsOf(command)))
        expect(r.stdout, `${name} --${option}`).toMatch(new RegExp(`^  --${option}\\b`, 'm'));
      expect(r.stdout, name).toContain('Examples:');
      for (const e of EXAMPLES[name]!) {
        expect(r.stdout, name).toContain(`  $ ${e.line}\n`);
        // The explanation, wrapped over comment lines.
        const prose = r.stdout.replace(/\n {2}# /g, ' ').replace(/\s+/g, ' ');
        expect(prose, name).toContain(` ${e.why} $ ${e.line}`);
      }
    }
  });

  it('is the same as grantops help <command> and <command> -h', async () => {
    const long = await cli('.', 'audit', '--help');
    const short = await cli('.', 'audit', '-h');
    const help = await cli('.', 'help', 'audit');
    expect(short).toEqual(long);
    expect(help).toEqual(long);
    const unknown = await cli('.', 'help', 'audti');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean grantops audit?');
  });

  it('names each string option’s value as the usage does, and the command’s own formats', async () => {
    const audit = (await cli('.', 'audit', '--help')).stdout;
    expect(audit).toMatch(/^ {2}--since T\b/m);
    expect(audit).toMatch(/^ {2}--format text\|json\|csv\|markdown\b/m);
    const validate = (await cli('.', 'validate', '--help')).stdout;
    expect(validate).toMatch(/^ {2}--approved-by L1,L2\b/m);
    expect(validate).toMatch(/^ {2}--format text\|json\b/m);
    const request = (await cli('.', 'request', '--help')).stdout;
    expect(request).toMatch(/^ {2}--param k=v …/m);
    expect(request).toMatch(/^ {2}--open-pr {2,}Push/m);
  });

  it('the overview lists the commands and says where each one’s help is', async () => {
    const r = await cli('.', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('grantops <command> --help');
    expect(r.stdout).toContain('grantops help <command>');
    for (const name of Object.keys(commands))
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    // Without a command: the same overview, as a usage error.
    const bare = await cli('.');
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe(r.stdout);
  });

  it('an unknown option suggests the one meant, with the usage and where the help is', async () => {
    const r = await cli('.', 'status', '--reff', 'main');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--reff' for grantops status. Did you mean --ref?");
    expect(r.stderr).toContain('Usage: grantops status');
    expect(r.stderr).toContain('Run grantops status --help for its options and examples.');
  });
});
