import type { Format } from 'ajv/dist/2020.js';
import { compilePattern } from './pattern.js';

/**
 * The `format`s a params schema may use. A format check runs on what a requester writes, so
 * every format that is a regular expression runs on the linear-time engine, like `pattern`
 * (ajv-formats' own expressions, rewritten for RE2, case-insensitive where theirs are).
 * `duration` and `hostname` use lookahead there and are rewritten without it; `uri`, `url` and
 * `byte` cannot be, and are not offered. Date, time and number formats are code.
 */
const AS_RE2 = [
  'email',
  'ipv4',
  'ipv6',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
  'uri-reference',
  'uri-template',
  'uuid',
] as const;
const AS_CODE = [
  'date',
  'time',
  'date-time',
  'iso-time',
  'iso-date-time',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
] as const;

// `^P(?!$)…T(?=\d)…` of ajv-formats: a T is followed by at least one of H, M, S.
const DURATION =
  '^P(?:(?:\\d+Y)?(?:\\d+M)?(?:\\d+D)?(?:T(?:\\d+H(?:\\d+M)?(?:\\d+S)?|\\d+M(?:\\d+S)?|\\d+S))?|(?:\\d+W)?)$';
// `^(?=.{1,253}\.?$)…` of ajv-formats: the length is checked apart.
const HOSTNAME =
  '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\\.?$';

export const PARAMS_FORMATS: readonly string[] = [
  ...AS_RE2,
  ...AS_CODE,
  'duration',
  'hostname',
  'regex',
].sort();

function re2(source: string, ignoreCase: boolean): (text: string) => boolean {
  const compiled = compilePattern(source, { ignoreCase });
  if (!compiled.ok) throw new Error(`format pattern ${source}: ${compiled.reason}`);
  return (text) => compiled.pattern.test(text);
}

let formats: Record<string, Format> | undefined;

/** ajv's `formats` option for schemas a policy writes (built on first use). */
export function paramsFormats(): Record<string, Format> {
  if (formats) return formats;
  // Needed only with ajv, and loaded with it (see schema-compile.ts).
  type Formats = typeof import('ajv-formats/dist/formats.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
  const { fullFormats } = require('ajv-formats/dist/formats.js') as Formats;
  const table: Record<string, Format> = {};
  for (const name of AS_RE2) {
    const rx = fullFormats[name] as RegExp;
    table[name] = re2(rx.source, rx.flags.includes('i'));
  }
  for (const name of AS_CODE) table[name] = fullFormats[name] as Format;
  const duration = re2(DURATION, false);
  table.duration = (text: string) => text !== 'P' && duration(text);
  const hostname = re2(HOSTNAME, true);
  table.hostname = (text: string) =>
    (text.length <= 253 || (text.length === 254 && text.endsWith('.'))) && hostname(text);
  // A regular expression in the dialect grantops runs.
  table.regex = (text: string) => compilePattern(text).ok;
  return (formats = table);
}
