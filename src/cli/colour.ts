import { randomBytes } from 'node:crypto';
import { isCode } from '../core/codes.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether a stream gets colour. NO_COLOR (any non-empty value) turns it off, whatever else is
 * set (no-color.org); FORCE_COLOR turns it on even when piped (`0` or `false` force it off); a
 * dumb terminal gets none; otherwise colour exactly when the stream is a terminal, so a pipe, a
 * file or a CI log gets plain text.
 */
export function colourWanted(isTTY: boolean | undefined, env: Env): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY === true;
}

/**
 * Emphasis for text output. Each function takes text that is already escaped (untrusted values
 * through render/escape.ts) and returns it with grantops' own emphasis around it: colour is
 * added around text, never taken from it.
 */
export interface Style {
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

const same = (text: string) => text;

/** No emphasis: what every style is when no stream gets colour. */
export const PLAIN: Style = { bold: same, red: same, green: same, yellow: same, dim: same };

/** SGR parameters: each colour closes with its own reset, so a colour inside bold keeps the bold. */
const SGR = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
} as const;

export interface Painter {
  /** Marks emphasis in the text a command writes; `paint` turns marks into colour, or drops them. */
  style: Style;
  /**
   * A text as written to one stream: the parts between marks are made safe by `clean` (the
   * last check of core/text.ts), then each mark becomes its escape code when `colour` is on and
   * nothing when it is off (JSON, CSV, Markdown, a pipe).
   */
  paint(text: string, colour: boolean, clean: (text: string) => string): string;
}

/**
 * Emphasis travels through the commands as marks, not as escape codes: the writers' last check
 * escapes every control character, and a mark is no control character. A mark is a private-use
 * character, a random token of this run and the SGR number, so no input can forge one: input
 * never knows the token, and any private-use character it holds is escaped by the renderers and
 * by `clean`, which the parts between marks pass through.
 */
export function painter(): Painter {
  const token = randomBytes(6).toString('hex');
  const mark = (n: number) => `\ue000${token}${n}\ue001`;
  const wrap =
    ([open, close]: readonly [number, number]) =>
    (text: string) =>
      text === '' ? text : `${mark(open)}${text}${mark(close)}`;
  const marks = new RegExp(`\\ue000${token}(\\d+)\\ue001`, 'g');
  return {
    style: {
      bold: wrap(SGR.bold),
      red: wrap(SGR.red),
      green: wrap(SGR.green),
      yellow: wrap(SGR.yellow),
      dim: wrap(SGR.dim),
    },
    paint(text, colour, clean) {
      const parts = text.split(marks);
      return parts
        .map((part, i) =>
          i % 2 === 1
            ? colour
              ? `\x1b[${part}m`
              : ''
            : colour
              ? verdicts(clean(part))
              : clean(part),
        )
        .join('');
    },
  };
}

const sgr = ([open, close]: readonly [number, number], text: string) =>
  `\x1b[${open}m${text}\x1b[${close}m`;

/**
 * The highlights every command gets without asking, on text already made safe: grantops' own
 * verdict symbols (✓ green, ✗ red; core/text.ts lets these through only because input never
 * holds them raw) and a problem's code where a problem line puts it (`path:line: E_CODE: …`).
 * Input can at most place a code where one is coloured; it adds no byte of its own.
 */
export function verdicts(text: string): string {
  return text
    .replace(/✓/g, sgr(SGR.green, '✓'))
    .replace(/✗/g, sgr(SGR.red, '✗'))
    .replace(/(?<=: )E_[A-Z0-9_]+(?=: )/g, (code) => (isCode(code) ? sgr(SGR.red, code) : code))
    .replace(/^grantops: warning:/gm, `grantops: ${sgr(SGR.yellow, 'warning:')}`);
}
