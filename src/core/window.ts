/**
 * A grant's window (DESIGN §2, I4): it opens when the change lands on the main branch, or at the
 * file's `start` if that is later, and lasts `duration`, never longer than the role's
 * `max_duration` in the policies in force when it landed.
 */

export interface WindowInput {
  /** Committer time of the first-parent commit that added or last changed the file. */
  landedAt: Date;
  /** The file's `start`, when it has one. */
  start: Date | null;
  durationSeconds: number;
  /** The role's max_duration at landing. */
  maxSeconds: number;
}

export interface GrantWindow {
  startsAt: Date;
  expiresAt: Date;
  /** The length actually granted: min(duration, max_duration). */
  seconds: number;
  /** True when the role's maximum cut the requested duration. */
  capped: boolean;
}

export type WindowState = 'scheduled' | 'active' | 'expired';

export function grantWindow(w: WindowInput): GrantWindow {
  const startsAt = w.start && w.start.getTime() > w.landedAt.getTime() ? w.start : w.landedAt;
  const seconds = Math.min(w.durationSeconds, w.maxSeconds);
  return {
    startsAt,
    expiresAt: new Date(startsAt.getTime() + seconds * 1000),
    seconds,
    capped: w.maxSeconds < w.durationSeconds,
  };
}

/** Where `now` falls: the window is half-open, [startsAt, expiresAt). */
export function windowState(
  w: Pick<GrantWindow, 'startsAt' | 'expiresAt'>,
  now: Date,
): WindowState {
  const t = now.getTime();
  if (t < w.startsAt.getTime()) return 'scheduled';
  return t < w.expiresAt.getTime() ? 'active' : 'expired';
}
