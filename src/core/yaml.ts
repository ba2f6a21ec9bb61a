import {
  EVENT_ID,
  SCALAR_STYLE,
  YAMLException,
  getScalarValue,
  parseEvents,
  type Event,
} from 'js-yaml';
import { problem, type Position, type Problem } from './problem.js';

/**
 * A strict YAML reader for files that people write by hand and attackers write on purpose.
 *
 * It reads js-yaml's event stream instead of `load()`, because the events still carry the source
 * offsets of anchors, tags and directives: every construct we refuse can then be reported with its
 * line and column. What it refuses, and why:
 * - anchors and aliases (alias bombs; one grant file never needs to repeat itself),
 * - explicit tags (`!!python/object`, `!!binary`, `!!str`: the schema decides types, not the file),
 * - `%YAML`/`%TAG` directives (a `%YAML 1.1` header would change how `no` or `0777` read),
 * - merge keys `<<` (they hide values behind other keys),
 * - a second document, duplicate keys, and keys that are not plain text.
 * Scalars are not typed here: the tree keeps their source text, and `toValue` gives them a type
 * only where the JSON Schema asks for one.
 */
export type YNode = YMap | YSeq | YScalar;
export interface YMap {
  kind: 'map';
  pos: Position;
  entries: { key: string; keyPos: Position; value: YNode }[];
}
export interface YSeq {
  kind: 'seq';
  pos: Position;
  items: YNode[];
}
export interface YScalar {
  kind: 'scalar';
  pos: Position;
  text: string;
  /** Plain (unquoted, non-block) scalars are the only ones that may become non-strings. */
  plain: boolean;
}

export interface ParsedYaml {
  /** null when the file is empty or could not be parsed. */
  node: YNode | null;
  problems: Problem[];
}

/** Deep nesting is never needed in these files and costs stack; the parser enforces it. */
const MAX_DEPTH = 32;

export function parseStrictYaml(path: string, source: string): ParsedYaml {
  const lines = lineStarts(source);
  const at = (offset: number): Position => positionOf(lines, offset);
  let events: Event[];
  try {
    events = parseEvents(source, { filename: path, maxDepth: MAX_DEPTH });
  } catch (err) {
    if (err instanceof YAMLException) {
      const mark = err.mark as { line?: number; column?: number } | undefined;
      const pos = mark?.line === undefined ? null : { line: mark.line + 1, column: (mark.column ?? 0) + 1 };
      const reason = err.reason || 'invalid YAML';
      const code = /depth/i.test(reason) ? 'E_YAML_TOO_DEEP' : 'E_YAML_SYNTAX';
      return {
        node: null,
        problems: [problem(path, pos, code, `This is not valid YAML: ${reason}. Check indentation and quoting near this line.`)],
      };
    }
    throw err;
  }

  const problems: Problem[] = [];
  const report = (offset: number, code: string, message: string) =>
    problems.push(problem(path, offset >= 0 ? at(offset) : null, code, message));

  let documents = 0;
  let i = 0;
  const next = (): Event | undefined => events[i++];

  // Builds one node from the events starting at the cursor; returns null for an alias (reported).
  const build = (ev: Event): YNode | null => {
    if (ev.type === EVENT_ID.ALIAS) {
      report(ev.anchorStart - 1, 'E_YAML_ALIAS', 'YAML aliases (`*name`) are not allowed here. Write the value out in full.');
      return null;
    }
    if (ev.type === EVENT_ID.POP || ev.type === EVENT_ID.DOCUMENT) return null;
    const start = ev.type === EVENT_ID.SCALAR ? ev.valueStart : ev.start;
    if (ev.anchorStart >= 0) {
      report(ev.anchorStart - 1, 'E_YAML_ANCHOR', 'YAML anchors (`&name`) are not allowed here. Write each value out in full.');
    }
    if (ev.tagStart >= 0) {
      const tag = source.slice(ev.tagStart, ev.tagEnd);
      report(ev.tagStart, 'E_YAML_TAG', `Explicit YAML tags such as ${JSON.stringify(tag.slice(0, 40))} are not allowed. Remove the tag; quote the value if it must stay text.`);
    }
    if (ev.type === EVENT_ID.SCALAR) {
      return { kind: 'scalar', pos: at(start), text: getScalarValue(source, ev), plain: ev.style === SCALAR_STYLE.PLAIN };
    }
    if (ev.type === EVENT_ID.SEQUENCE) {
      const items: YNode[] = [];
      for (let e = next(); e && e.type !== EVENT_ID.POP; e = next()) {
        const item = build(e);
        if (item) items.push(item);
      }
      return { kind: 'seq', pos: at(start), items };
    }
    const entries: YMap['entries'] = [];
    const seen = new Map<string, Position>();
    for (let k = next(); k && k.type !== EVENT_ID.POP; k = next()) {
      const keyNode = build(k);
      const v = next();
      const value = v ? build(v) : null;
      if (!keyNode) continue;
      if (keyNode.kind !== 'scalar') {
        report(-1, 'E_YAML_COMPLEX_KEY', 'Mapping keys must be plain text, not lists or mappings.');
        problems[problems.length - 1]!.line = keyNode.pos.line;
        continue;
      }
      if (keyNode.plain && keyNode.text === '<<') {
        problems.push(problem(path, keyNode.pos, 'E_YAML_MERGE_KEY', 'YAML merge keys (`<<`) are not allowed. Write the keys out in full.'));
        continue;
      }
      const earlier = seen.get(keyNode.text);
      if (earlier) {
        problems.push(problem(path, keyNode.pos, 'E_YAML_DUPLICATE_KEY', `The key ${JSON.stringify(keyNode.text.slice(0, 60))} appears twice (first on line ${earlier.line}). Keep one.`));
        continue;
      }
      seen.set(keyNode.text, keyNode.pos);
      if (value) entries.push({ key: keyNode.text, keyPos: keyNode.pos, value });
    }
    return { kind: 'map', pos: at(start), entries };
  };

  let root: YNode | null = null;
  for (let ev = next(); ev; ev = next()) {
    if (ev.type !== EVENT_ID.DOCUMENT) continue;
    documents += 1;
    const first = events[i];
    const firstOffset = first && first.type !== EVENT_ID.POP && first.type !== EVENT_ID.DOCUMENT ? offsetOf(first) : -1;
    if (documents === 2) {
      report(firstOffset, 'E_YAML_MULTIPLE_DOCUMENTS', 'This file holds more than one YAML document (`---`). Keep exactly one.');
    }
    if (ev.directives.length > 0) {
      report(directiveOffset(source), 'E_YAML_DIRECTIVE', 'YAML directives such as `%YAML 1.1` are not allowed: they change how values are read. Delete the line.');
    }
    const body = next();
    if (!body || body.type === EVENT_ID.POP) continue;
    const node = build(body);
    next(); // the document's POP
    if (documents === 1) root = node;
  }
  return { node: problems.length ? null : root, problems };
}

function offsetOf(ev: Event): number {
  switch (ev.type) {
    case EVENT_ID.SCALAR:
      return ev.anchorStart >= 0 ? ev.anchorStart - 1 : ev.tagStart >= 0 ? ev.tagStart : ev.valueStart;
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return ev.start;
    case EVENT_ID.ALIAS:
      return ev.anchorStart - 1;
    default:
      return -1;
  }
}

function directiveOffset(source: string): number {
  const m = /^%/m.exec(source);
  return m ? m.index : 0;
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionOf(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
