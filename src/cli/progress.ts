import type { Ledger } from '../core/ledger.js';
import { escapeText } from '../core/text.js';

/** Shows a line of progress on stderr; `''` takes it away. A no-op off a terminal. */
export type Progress = (text: string) => void;

export const NO_PROGRESS: Progress = () => {};

/**
 * One line at the bottom of a terminal that redraws itself: a carriage return and the new text,
 * padded with spaces over what was there, so no escape code is needed (a dumb terminal shows it
 * too). `clear` blanks it before anything else is written, so results and messages never share
 * a line with it.
 */
export class StatusLine {
  private shown = 0;

  constructor(
    private readonly write: (raw: string) => void,
    private readonly columns: () => number | undefined = () => undefined,
  ) {}

  show(text: string): void {
    if (text === '') return this.clear();
    // One column short of the width (80 when unknown): writing the last column wraps some terminals.
    const width = Math.max(10, (this.columns() || 80) - 1);
    const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    this.write(`\r${line}${' '.repeat(Math.max(0, this.shown - line.length))}`);
    this.shown = line.length;
  }

  clear(): void {
    if (this.shown === 0) return;
    this.write(`\r${' '.repeat(this.shown)}\r`);
    this.shown = 0;
  }
}

export interface ProgressTiming {
  /** A step quicker than this shows nothing (ms). */
  after: number;
  /** How often the line is redrawn (ms). */
  every: number;
}

const TIMING: ProgressTiming = { after: 800, every: 250 };

/**
 * Runs `work`, showing `label()` and the seconds spent once it has taken longer than
 * `timing.after`; the line goes when the work ends, however it ends.
 */
export async function withProgress<T>(
  progress: Progress,
  label: () => string,
  work: () => Promise<T>,
  timing: ProgressTiming = TIMING,
): Promise<T> {
  const started = Date.now();
  let ticked = false;
  const tick = setInterval(() => {
    const ms = Date.now() - started;
    if (ms < timing.after) return;
    ticked = true;
    progress(`${label()} (${Math.floor(ms / 1000)}s)`);
  }, timing.every);
  tick.unref();
  try {
    return await work();
  } finally {
    clearInterval(tick);
    if (ticked) progress('');
  }
}

/**
 * The ledger, with a progress line while it reads the branch: the passes over the whole history
 * that status, audit, plan and reconcile make, which take seconds on a long history. The history
 * pass counts the commits it has read; the grants pass reads in one go, so it shows the time.
 */
export function ledgerWithProgress(
  ledger: Ledger,
  progress: Progress,
  timing: ProgressTiming = TIMING,
): Ledger {
  if (progress === NO_PROGRESS) return ledger;
  const ref = escapeText(ledger.ref, 60);
  return {
    ref: ledger.ref,
    commit: ledger.commit,
    grants: (opts) =>
      withProgress(
        progress,
        () => `reading the grants on ${ref}…`,
        () => ledger.grants(opts),
        timing,
      ),
    history: (onCommit) => {
      let read = 0;
      return withProgress(
        progress,
        () => `reading the history of ${ref}: ${read} commits with grant changes…`,
        () =>
          ledger.history((c) => {
            read++;
            return onCommit(c);
          }),
        timing,
      );
    },
    descendsFrom: (commit) => ledger.descendsFrom(commit),
  };
}
