/**
 * How grantops paces its writes to GitHub. GitHub's secondary limits allow 80 content-creating
 * requests a minute, and its guidance for many writes is one a second. plugin-throttling's own
 * pacing spaces every write a full second from the one before, so deciding one request (its
 * check, then its merge) cost a second between the approval and access for nothing: two writes
 * are not many.
 *
 * This pacer lets a short burst go out at once and then holds writes to one an interval (the
 * generic cell rate algorithm: each write moves a theoretical arrival time one interval on, and
 * may go once it is at most `burst - 1` intervals ahead of now). Any window of W ms carries at
 * most `burst + W / intervalMs` writes: with 3 and 1 s, 63 a minute, under GitHub's 80.
 */
export interface PacerOptions {
  /** Writes that may go out at once after a quiet spell. */
  burst: number;
  /** The spacing of writes beyond the burst, in ms. */
  intervalMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class WritePacer {
  private readonly burst: number;
  private readonly interval: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** When the next write would be due if writes went one an interval. */
  private due = -Infinity;
  /** Writes wait their turn in the order they asked: the slot of the one before comes first. */
  private turn: Promise<void> = Promise.resolve();

  constructor(options: PacerOptions) {
    if (!(options.burst >= 1) || !(options.intervalMs > 0))
      throw new RangeError('A pacer needs a burst of at least 1 and a positive interval.');
    this.burst = options.burst;
    this.interval = options.intervalMs;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Resolves when one more write may go out; each call takes one slot. */
  slot(): Promise<void> {
    const mine = this.turn.then(() => this.wait());
    this.turn = mine;
    return mine;
  }

  private async wait(): Promise<void> {
    const now = this.now();
    const goes = Math.max(this.due, now) - (this.burst - 1) * this.interval;
    if (goes > now) await this.sleep(goes - now);
    this.due = Math.max(this.due, this.now()) + this.interval;
  }
}

/**
 * The pacer as plugin-throttling's `write` option, which it calls as a Bottleneck group:
 * `key(id).schedule(options, job, ...args)`. One pacer for all keys: GitHub counts an App's
 * writes together, whichever client in this process makes them.
 */
export function pacedGroup(pacer: WritePacer) {
  return {
    key: () => ({
      schedule: async <A extends unknown[], R>(
        _options: unknown,
        job: (...args: A) => R | Promise<R>,
        ...args: A
      ): Promise<R> => {
        await pacer.slot();
        return job(...args);
      },
    }),
  };
}
