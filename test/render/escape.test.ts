import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/core/timeline.js';
import {
  csvCell,
  csvRow,
  markdownText,
  mermaidLabel,
  printable,
  printablePath,
} from '../../src/render/escape.js';
import { gantt } from '../../src/render/gantt.js';

describe('escaping untrusted text', () => {
  it('neutralises spreadsheet formulas and quotes CSV cells', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'].map(csvCell)).toEqual([
      '"\'=1+1"',
      '"\'+1"',
      '"\'-1"',
      '"\'@SUM(A1)"',
      '"\'\\t=1"',
      '"\'\\r=1"',
    ]);
    // One line, quotes doubled, nothing invisible for a spreadsheet to hide.
    expect(csvCell('a "b", c\nd\u202e\u0430')).toBe('"a ""b"", c\\nd\\u202e\\u0430"');
    expect(csvCell(null)).toBe('""');
    expect(csvRow(['a', 1, true])).toBe('"a","1","true"\r\n');
  });

  it('keeps Markdown cells literal: no HTML, links, mentions, code or pipes', () => {
    const out = markdownText(
      '<img src=x onerror=alert(1)> [a](javascript:x) ![i](y) `code` *b* | @team &amp;\nnext',
    );
    expect(out).toBe(
      '&lt;img src=x onerror=alert\\(1\\)&gt; \\[a\\]\\(javascript:x\\) \\!\\[i\\]\\(y\\) \\`code\\` \\*b\\* \\| &#64;team &amp;amp;\\\\nnext',
    );
  });

  it('reduces Mermaid labels to a safe alphabet', () => {
    expect(mermaidLabel('alice ```\n:crit; #x %% click A call evil() «ok»')).toBe(
      'alice \\n crit x click A call evil() \\u00abok\\u00bb',
    );
    expect(mermaidLabel(':::')).toBe('-');
  });

  it('shows terminal escape sequences and every non-ASCII character escaped, and bounds length', () => {
    expect(printable('a\u001b[2Jb\r\nc')).toBe('a\\u001b[2Jb\\r\\nc');
    expect(printable('\u0430dmin\u200d \u{1f600} C:\\x')).toBe(
      '\\u0430dmin\\u200d \\u{1f600} C:\\\\x',
    );
    expect(printable('x'.repeat(300))).toHaveLength(200);
    // Cut between escapes, never inside one.
    expect(printable('\u0430'.repeat(50), 20)).toBe(`${'\\u0430'.repeat(3)}…`);
  });

  it('shows a path from git as the text its bytes spell, not as mojibake', () => {
    const bytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    expect(printablePath(bytes('grants/db-re\u0430d/alice.yaml'))).toBe(
      'grants/db-re\\u0430d/alice.yaml',
    );
    expect(printablePath('grants/\xff/x.yaml')).toBe('grants/\\u00ff/x.yaml');
  });
});

describe('gantt chart', () => {
  const ev = (i: number): AuditEvent => ({
    time: new Date(Date.UTC(2026, 0, 1, i)),
    event: 'granted',
    role: 'db-read',
    requester: `u${i}`,
    path: `grants/db-read/u${i}.yaml`,
    reason: 'INC-1 x',
    approvers: [],
    commit: `${i}`.padStart(40, '0'),
    pr: null,
    startsAt: new Date(Date.UTC(2026, 0, 1, i)),
    expiresAt: new Date(Date.UTC(2026, 0, 1, i + 1)),
    landedAt: new Date(Date.UTC(2026, 0, 1, i)),
    grantCommit: `${i}`.padStart(40, '0'),
    recordedAt: null,
    note: null,
    problems: [],
    source: 'git',
  });

  it('keeps only the latest windows and says so', () => {
    const chart = gantt(new Date(Date.UTC(2026, 0, 1, 2, 30)), 3);
    for (let i = 0; i < 5; i++) chart.add(ev(i));
    const text = chart.render();
    expect(text.match(/ :/g)).toHaveLength(3);
    expect(text).toContain('u4 INC-1 x :2026-01-01 04:00:00, 2026-01-01 05:00:00');
    expect(text).toContain('u2 INC-1 x :active, 2026-01-01 02:00:00, 2026-01-01 03:00:00');
    expect(text).toContain(
      '_The chart shows the latest 3 windows; 2 earlier ones are in the table above._',
    );
  });
});
