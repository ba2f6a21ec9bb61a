import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);

// src/core/duration.ts
var SHORT = /^(?:(\d{1,4})w)?(?:(\d{1,5})d)?(?:(\d{1,6})h)?(?:(\d{1,7})m)?(?:(\d{1,9})s)?$/;
var ISO = /^P(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,7})M)?(?:(\d{1,9})S)?)?$/;
var UNIT_SECONDS = [7 * 86400, 86400, 3600, 60, 1];
var DURATION_EXAMPLES = "30m, 2h, 1h30m, 1d or ISO 8601 such as PT2H";
function parseDuration(text) {
  const t = text.trim();
  if (t === "" || t === "P" || t.endsWith("T")) return null;
  const m = SHORT.exec(t) ?? ISO.exec(t);
  if (!m) return null;
  let seconds = 0;
  let any = false;
  for (let i = 0; i < UNIT_SECONDS.length; i++) {
    const part = m[i + 1];
    if (part === void 0) continue;
    any = true;
    seconds += Number(part) * UNIT_SECONDS[i];
  }
  return any ? seconds : null;
}
function formatDuration(seconds) {
  if (seconds <= 0) return "0m";
  let rest = Math.floor(seconds);
  const out = [];
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1]
  ]) {
    const n = Math.floor(rest / size);
    if (n > 0) out.push(`${n}${unit}`);
    rest -= n * size;
  }
  return out.join("");
}

export {
  DURATION_EXAMPLES,
  parseDuration,
  formatDuration
};
