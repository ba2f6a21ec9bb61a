import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);

// src/core/time.ts
var systemClock = {
  // eslint-disable-next-line no-restricted-properties -- the one place the real clock is read
  now: () => new Date(Date.now())
};
function fixedClock(at) {
  return { now: () => new Date(at.getTime()) };
}
var RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
function parseTimestamp(text) {
  const m = RFC3339.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const date = new Date(text.trim().replace(" ", "T"));
  if (Number.isNaN(date.getTime())) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1) return null;
  return date;
}
function parseInstant(text) {
  if (/^@\d+$/.test(text)) return new Date(Number(text.slice(1)) * 1e3);
  return parseTimestamp(text);
}
function iso(d) {
  return d.toISOString().replace(/\.000Z$/, "Z");
}

export {
  systemClock,
  fixedClock,
  parseTimestamp,
  parseInstant,
  iso
};
