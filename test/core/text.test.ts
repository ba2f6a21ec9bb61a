import { describe, expect, it } from 'vitest';
import { formatProblem, problem } from '../../src/core/problem.js';
import {
  escapeText,
  isPlainText,
  pathText,
  quote,
  quotePath,
  safeOutput,
} from '../../src/core/text.js';

/** Reads an escaped text back, the way a reader would: JavaScript's escapes. */
const unescape = (shown: string): string =>
  shown.replace(/\\(u\{[0-9a-f]+\}|u[0-9a-f]{4}|[nrt\\"])/g, (_, e: string) => {
    if (e === 'n') return '\n';
    if (e === 'r') return '\r';
    if (e === 't') return '\t';
    if (e === '\\' || e === '"') return e;
    const hex = e.startsWith('u{') ? e.slice(2, -1) : e.slice(1);
    return String.fromCodePoint(parseInt(hex, 16));
  });

describe('text safe to show', () => {
  it('shows printable ASCII as itself and everything else escaped, one way back', () => {
    const samples = [
      'alice',
      'C:\\u0430 is not \u0430',
      '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
      '\u202eevil\u2066\u2069\u200b\u200d\ufeff\u00ad',
      'a\r\nb\tc\u0000\u007f\u0085\u009b',
      '\u{1f600}\ud800 lone',
    ];
    for (const s of samples) {
      const shown = escapeText(s);
      expect(shown, s).toMatch(/^[\x20-\x7e]*$/);
      expect(unescape(shown)).toBe(s);
    }
    expect(escapeText('\u0430\u{1f600}\\')).toBe('\\u0430\\u{1f600}\\\\');
    expect(isPlainText('a b-c')).toBe(true);
    expect(isPlainText('a\\b')).toBe(false);
  });

  it('quotes inside messages with the same escapes, bounded, never cutting an escape', () => {
    expect(quote('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(unescape(quote('x"\\\u202e').slice(1, -1))).toBe('x"\\\u202e');
    const long = quote('\u0430'.repeat(100), 30);
    expect(long.length).toBeLessThanOrEqual(30);
    expect(long).toMatch(/^"(\\u0430)+…"$/);
  });

  it('reads a path from git as UTF-8 when it is, and byte by byte when it is not', () => {
    const bytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    expect(pathText(bytes('grants/\u0430/x.yaml'))).toBe('grants/\u0430/x.yaml');
    expect(pathText('grants/\xe9/x.yaml')).toBe('grants/\xe9/x.yaml');
    expect(quotePath(bytes('grants/\u0430\u202e/x.yaml'))).toBe('"grants/\\u0430\\u202e/x.yaml"');
    expect(
      formatProblem(
        problem(bytes('grants/\u001b[2J\u0430.yaml'), { line: 2, column: 1 }, 'E_PATH', 'm'),
      ),
    ).toBe('grants/\\u001b[2J\\u0430.yaml:2:1: E_PATH: m');
  });

  it('leaves nothing unsafe in output: text keeps line breaks and its own symbols, JSON parses back', () => {
    expect(safeOutput('✓ ok → …\n\u001b[31mred\r\n\u202e\rx')).toBe(
      '✓ ok → …\n\\u001b[31mred\r\n\\u202e\\rx',
    );
    const value = { path: 'grants/\u0430\u202e\u{1f600}/x', n: 1 };
    const json = safeOutput(JSON.stringify(value, null, 2), true);
    expect(json).toMatch(/^[\x20-\x7e\n]*$/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
