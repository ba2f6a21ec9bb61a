import { describe, expect, it } from 'vitest';
import { grantWindow, windowState } from '../../src/core/window.js';

const d = (s: string) => new Date(s);

describe('grant windows', () => {
  it('opens at landing and lasts the duration', () => {
    const w = grantWindow({
      landedAt: d('2026-01-01T10:00:00Z'),
      start: null,
      durationSeconds: 7200,
      maxSeconds: 28800,
    });
    expect(w).toEqual({
      startsAt: d('2026-01-01T10:00:00Z'),
      expiresAt: d('2026-01-01T12:00:00Z'),
      seconds: 7200,
      capped: false,
    });
  });

  it('opens at a later start, never at an earlier one', () => {
    expect(
      grantWindow({
        landedAt: d('2026-01-01T10:00:00Z'),
        start: d('2026-01-02T09:00:00Z'),
        durationSeconds: 3600,
        maxSeconds: 7200,
      }).startsAt,
    ).toEqual(d('2026-01-02T09:00:00Z'));
    expect(
      grantWindow({
        landedAt: d('2026-01-01T10:00:00Z'),
        start: d('2025-12-31T09:00:00Z'),
        durationSeconds: 3600,
        maxSeconds: 7200,
      }).startsAt,
    ).toEqual(d('2026-01-01T10:00:00Z'));
  });

  it('is capped by the role maximum', () => {
    const w = grantWindow({
      landedAt: d('2026-01-01T10:00:00Z'),
      start: null,
      durationSeconds: 86400,
      maxSeconds: 7200,
    });
    expect(w.expiresAt).toEqual(d('2026-01-01T12:00:00Z'));
    expect(w.capped).toBe(true);
  });

  it('is half-open: scheduled before, active from start, expired at the end', () => {
    const w = { startsAt: d('2026-01-01T10:00:00Z'), expiresAt: d('2026-01-01T12:00:00Z') };
    expect(windowState(w, d('2026-01-01T09:59:59Z'))).toBe('scheduled');
    expect(windowState(w, d('2026-01-01T10:00:00Z'))).toBe('active');
    expect(windowState(w, d('2026-01-01T11:59:59Z'))).toBe('active');
    expect(windowState(w, d('2026-01-01T12:00:00Z'))).toBe('expired');
  });
});
