import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { table } from '../../src/render/table.js';

/** Where each column starts on screen: the display width of the text before each cell. */
function columnStarts(line: string, cells: readonly string[]): number[] {
  let from = 0;
  return cells.map((c) => {
    const at = line.indexOf(c, from);
    expect(at, `${JSON.stringify(c)} in ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(0);
    from = at + c.length;
    return stringWidth(line.slice(0, at));
  });
}

describe('text tables', () => {
  it('line columns up by display width, whatever a cell holds', () => {
    const rows = [
      ['db-read', 'alice', 'active'],
      ['数据库-读', '李', 'scheduled'],
      ['e\u0301-role', '\u{1f600}x', 'active'],
      ['x'.repeat(250), 'bob', 'active'],
    ];
    const lines = table(['ROLE', 'REQUESTER', 'STATE'], rows).split('\n');
    expect(lines).toHaveLength(5);
    const shown = lines.map((l) => l.trim().split(/ {2,}/));
    const starts = lines.map((l, i) => columnStarts(l, shown[i]!));
    for (const s of starts) expect(s).toEqual(starts[0]);
    // Cells are escaped first: what lines up is what the terminal shows.
    expect(shown[2]).toEqual(['\\u6570\\u636e\\u5e93-\\u8bfb', '\\u674e', 'scheduled']);
    expect(shown[3]).toEqual(['e\\u0301-role', '\\u{1f600}x', 'active']);
    expect(shown[4]![0]).toBe(`${'x'.repeat(199)}…`);
  });
});
