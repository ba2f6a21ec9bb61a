#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  escapePath,
  escapeText
} from "./chunk-LUMG572G.js";

// src/render/escape.ts
function printable(text, max = 200) {
  return escapeText(text, max);
}
function printablePath(path, max = 200) {
  return escapePath(path, max);
}
function csvCell(value) {
  if (value === null || value === void 0) return '""';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${escapeText(text).replace(/"/g, '""')}"`;
}
function csvRow(cells) {
  return `${cells.map(csvCell).join(",")}\r
`;
}
function markdownText(text, max = 300) {
  return printable(text, max).replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@/g, "&#64;");
}
function mermaidLabel(text, max = 60) {
  const safe = escapeText(text).replace(/[^A-Za-z0-9 _.,/()\\-]/g, " ").replace(/\s+/g, " ").trim();
  return (safe.length > max ? `${safe.slice(0, max - 1)}\u2026` : safe) || "-";
}

export {
  printable,
  printablePath,
  csvRow,
  markdownText,
  mermaidLabel
};
