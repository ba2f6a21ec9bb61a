/**
 * Holds one run's `nth` request matching `match` (`METHOD /path?query`) until released: two
 * runs' calls interleaved in a chosen order, to test what happens between them.
 */
export class Gate {
  readonly reached: Promise<void>;
  private arrive!: () => void;
  private open!: () => void;
  private readonly opened: Promise<void>;
  private seen = 0;

  constructor(
    private readonly match: RegExp,
    private readonly nth = 1,
  ) {
    this.reached = new Promise((resolve) => (this.arrive = resolve));
    this.opened = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  wrap(next: typeof fetch): typeof fetch {
    return async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (
        this.match.test(`${request.method} ${url.pathname}${url.search}`) &&
        ++this.seen === this.nth
      ) {
        this.arrive();
        await this.opened;
      }
      return next(request);
    };
  }
}
