#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);

// src/core/text.ts
var SHORT = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "	": "\\t" };
function escapeChar(c) {
  const short = SHORT[c];
  if (short) return short;
  const cp = c.codePointAt(0);
  if (cp >= 32 && cp <= 126) return c;
  return cp > 65535 ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, "0")}`;
}
function isPlainText(text) {
  return /^[\x20-\x5b\x5d-\x7e]*$/.test(text);
}
function escapeText(text, max = Number.POSITIVE_INFINITY) {
  if (isPlainText(text)) return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
  return clip(Array.from(text, escapeChar), max);
}
function quote(text, max = 60) {
  const pieces = Array.from(text, (c) => c === '"' ? '\\"' : escapeChar(c));
  return `"${clip(pieces, max - 2)}"`;
}
var UTF8 = new TextDecoder("utf-8", { fatal: true });
function pathText(path) {
  if (!/[\x80-\xff]/.test(path) || /[^\x00-\xff]/.test(path)) return path;
  try {
    return UTF8.decode(Uint8Array.from(path, (c) => c.charCodeAt(0)));
  } catch {
    return path;
  }
}
function escapePath(path, max = Number.POSITIVE_INFINITY) {
  return escapeText(pathText(path), max);
}
function quotePath(path, max = 120) {
  return quote(pathText(path), max);
}
function clip(pieces, max) {
  let length = 0;
  for (const p of pieces) length += p.length;
  if (length <= max) return pieces.join("");
  const kept = [];
  let used = 1;
  for (const p of pieces) {
    if (used + p.length > max) break;
    kept.push(p);
    used += p.length;
  }
  return `${kept.join("")}\u2026`;
}
var OWN_SYMBOLS = "\u2026\u2192\u2713\u2717\u2019\u2014";
var UNSAFE_IN_TEXT = new RegExp(`\\r(?!\\n)|[^\\x20-\\x7e\\n\\r${OWN_SYMBOLS}]`, "gu");
var UNSAFE_IN_JSON = /[^\x20-\x7e\n]/g;
function safeOutput(text, json = false) {
  if (json) {
    UNSAFE_IN_JSON.lastIndex = 0;
    if (!UNSAFE_IN_JSON.test(text)) return text;
    return text.replace(
      UNSAFE_IN_JSON,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
    );
  }
  UNSAFE_IN_TEXT.lastIndex = 0;
  if (!UNSAFE_IN_TEXT.test(text)) return text;
  return text.replace(UNSAFE_IN_TEXT, escapeChar);
}

export {
  escapeChar,
  escapeText,
  quote,
  escapePath,
  quotePath,
  safeOutput
};
