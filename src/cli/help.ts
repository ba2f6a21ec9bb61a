import { PLAIN, type Style } from './colour.js';
import type { Command, OptionSpec } from './context.js';
import type { Example } from './examples.js';
import { GLOBAL_OPTIONS } from './parse.js';

const WIDTH = 80;

/** `grantops --help`: every command on one line each, and where to read more. */
export function overview(summaries: Record<string, string>, style: Style = PLAIN): string {
  const width = Math.max(...Object.keys(summaries).map((n) => n.length));
  return [
    'grantops: temporary production access as pull requests',
    '',
    `${style.bold('Usage:')} grantops <command> [options]`,
    '',
    style.bold('Commands:'),
    // One line per command, however long: scripts and tests read the list line by line.
    ...Object.entries(summaries).map(
      ([name, summary]) => `  ${style.bold(name)}${' '.repeat(width - name.length)}  ${summary}`,
    ),
    '',
    'Global options: --repo DIR, --now TIME, --format text|json, --help',
    'Exit codes: 0 success, 1 the request or check failed, 2 usage or configuration error.',
    '',
    'Run grantops <command> --help (or grantops help <command>) for its options and examples.',
    'New here? grantops demo shows the whole lifecycle offline.',
  ].join('\n');
}

/** `grantops <command> --help`: usage, summary, options, then examples. */
export function commandHelp(
  command: Pick<Command, 'name' | 'usage' | 'summary' | 'options' | 'formats'>,
  examples: readonly Example[],
  style: Style = PLAIN,
): string {
  const own = Object.entries(command.options);
  const global = Object.entries(GLOBAL_OPTIONS).map(([name, spec]): [string, OptionSpec] =>
    name === 'format'
      ? [name, { ...spec, help: `Output format (default ${command.formats[0]}).` }]
      : [name, spec],
  );
  const flag = ([name, spec]: [string, OptionSpec]) => {
    const value = spec.type === 'string' ? ` ${valueName(command, name)}` : '';
    return `--${name}${value}${spec.multiple ? ' …' : ''}`;
  };
  const column = Math.min(26, Math.max(...[...own, ...global].map((o) => flag(o).length)));
  const list = (options: [string, OptionSpec][]) =>
    options.flatMap((o) => {
      const f = flag(o);
      const text = wrap(o[1].help, WIDTH - column - 4);
      // A flag longer than the column puts its help on the next line.
      if (f.length > column) return [`  ${f}`, ...text.map((l) => `${' '.repeat(column + 4)}${l}`)];
      return text.map((l, i) => `  ${(i === 0 ? f : '').padEnd(column)}  ${l}`);
    });
  return [
    `${style.bold('Usage:')} ${command.usage}`,
    '',
    ...wrap(command.summary, WIDTH),
    '',
    ...(own.length ? [style.bold('Options:'), ...list(own), ''] : []),
    style.bold('Global options:'),
    ...list(global),
    '',
    style.bold('Examples:'),
    ...examples.flatMap((e, i) => [
      ...(i ? [''] : []),
      ...wrap(e.why, WIDTH - 4).map((l) => `  ${style.dim(`# ${l}`)}`),
      `  $ ${e.line}`,
    ]),
  ].join('\n');
}

/**
 * The placeholder of a string option, as its command's usage writes it (`--ref REF`,
 * `--directory github|FILE`), else its name in capitals; `--format` shows the command's formats.
 */
function valueName(command: Pick<Command, 'usage' | 'formats'>, name: string): string {
  if (name === 'format') return command.formats.join('|');
  if (name === 'repo') return 'DIR';
  if (name === 'now') return 'TIME';
  const escaped = name.replace(/[-]/g, '\\-');
  const m = new RegExp(`--${escaped}[ =]([^\\s\\[\\]]+)`).exec(command.usage);
  return m && !m[1]!.startsWith('-')
    ? m[1]!.replace(/…$/, '')
    : name.toUpperCase().replace(/-/g, '_');
}

/** Words into lines of at most `width` characters (a longer word keeps its own line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/** The known name closest to a mistyped one (at most two edits away), to suggest it. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Edit distance, a swap of two neighbours counting as one edit (`vaildate`). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}
