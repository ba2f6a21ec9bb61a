/**
 * Time values. The core never reads the system clock: commands receive a `Clock`, so a test or
 * `--now` can put grantops at any instant.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  // eslint-disable-next-line no-restricted-properties -- the one place the real clock is read
  now: () => new Date(Date.now()),
};

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** RFC 3339 with an explicit offset; local times without an offset are ambiguous and refused. */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** A Date, or null when the text is not a valid RFC 3339 timestamp with an offset. */
export function parseTimestamp(text: string): Date | null {
  const m = RFC3339.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 60) return null;
  const date = new Date(text.trim().replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return null;
  // Reject impossible dates that Date would roll over (2026-02-30 → March 2).
  const probe = new Date(Date.UTC(y!, mo! - 1, d!));
  if (probe.getUTCMonth() !== mo! - 1) return null;
  return date;
}

/** Seconds since the epoch, for the command line and tests: RFC 3339 or `@<unix seconds>`. */
export function parseInstant(text: string): Date | null {
  if (/^@\d+$/.test(text)) return new Date(Number(text.slice(1)) * 1000);
  return parseTimestamp(text);
}

export function iso(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}
