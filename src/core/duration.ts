/**
 * Durations as people write them in grant files and policies: `30m`, `2h`, `1h30m`, `1d`, `1w`,
 * or ISO 8601 (`PT2H`, `P1DT4H`). Months and years are refused: their length depends on the
 * calendar, and access should never be measured in them. Results are whole seconds.
 */
const SHORT = /^(?:(\d{1,4})w)?(?:(\d{1,5})d)?(?:(\d{1,6})h)?(?:(\d{1,7})m)?(?:(\d{1,9})s)?$/;
const ISO = /^P(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,7})M)?(?:(\d{1,9})S)?)?$/;
const UNIT_SECONDS = [7 * 86400, 86400, 3600, 60, 1];

export const DURATION_EXAMPLES = '30m, 2h, 1h30m, 1d or ISO 8601 such as PT2H';

/** Seconds, or null when the text is not a duration grantops accepts. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (t === '' || t === 'P' || t.endsWith('T')) return null;
  const m = SHORT.exec(t) ?? ISO.exec(t);
  if (!m) return null;
  let seconds = 0;
  let any = false;
  for (let i = 0; i < UNIT_SECONDS.length; i++) {
    const part = m[i + 1];
    if (part === undefined) continue;
    any = true;
    seconds += Number(part) * UNIT_SECONDS[i]!;
  }
  return any ? seconds : null;
}

/** The shortest readable form: 5400 → "1h30m", 86400 → "1d". */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return '0m';
  let rest = Math.floor(seconds);
  const out: string[] = [];
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out.push(`${n}${unit}`);
    rest -= n * size;
  }
  return out.join('');
}
