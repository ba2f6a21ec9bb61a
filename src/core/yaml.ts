import type { Code } from './codes.js';
import {
  EVENT_ID,
  SCALAR_STYLE,
  YAMLException,
  getScalarValue,
  parseEvents,
  type Event,
} from 'js-yaml';
import { MAX_POLICY_BYTES } from './paths.js';
import { INVISIBLE, problem, quote, type Position, type Problem } from './problem.js';
import { plainMapping } from './yaml-plain.js';

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
 * - a second document, duplicate keys, and keys that are not plain text (lists, mappings, or
 *   text with invisible characters, which would look like another key),
 * - bidirectional controls anywhere (they make a line display differently from what it says),
 * - more than `maxBytes` of UTF-8 (callers cap sizes before reading; this is the backstop).
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

export interface YamlOptions {
  /** Largest input read, in UTF-8 bytes (default: the policy file cap, the largest any caller reads). */
  maxBytes?: number;
}

/** Deep nesting is never needed in these files and costs stack; the parser enforces it. */
const MAX_DEPTH = 32;
/** An alias bomb or a pasted binary can raise thousands of problems; past this many, say how many more. */
export const MAX_FILE_PROBLEMS = 20;
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Control and format characters (zero-width, bidi, BOM, soft hyphen) and line separators. */
/**
 * Bidirectional embeddings, overrides and isolates reorder how a line is displayed ("Trojan
 * Source"): a reviewer would approve text that reads differently from what grantops reads.
 * Nothing in these files needs them; plain right-to-left text does not.
 */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

const SAY = {
  E_YAML_ANCHOR: 'YAML anchors (`&name`) are not allowed here. Write each value out in full.',
  E_YAML_ALIAS: 'YAML aliases (`*name`) are not allowed here. Write the value out in full.',
  E_YAML_MERGE_KEY: 'YAML merge keys (`<<`) are not allowed. Write the keys out in full.',
  E_YAML_COMPLEX_KEY: 'Mapping keys must be plain text, not lists or mappings.',
  E_YAML_MULTIPLE_DOCUMENTS:
    'This file holds more than one YAML document (`---`). Keep exactly one.',
  E_YAML_TOO_DEEP: `The file nests more than ${MAX_DEPTH} levels deep; grantops files never need that. Flatten it.`,
  tag: (what: string) =>
    `Explicit YAML tags ${what} are not allowed. Remove the tag; quote the value if it must stay text.`,
  invisible: (c: string, where: string) =>
    `${where} contains the invisible character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, which makes text display differently from what it says. Delete it (retype the text around it).`,
  directive: (line: string) =>
    `YAML directives such as ${JSON.stringify(line.slice(0, 40))} are not allowed: they change how values are read. Delete the line.`,
};

export function parseStrictYaml(path: string, source: string, opts: YamlOptions = {}): ParsedYaml {
  const maxBytes = opts.maxBytes ?? MAX_POLICY_BYTES;
  if (!fitsBytes(source, maxBytes)) {
    const message = `The file is larger than ${maxBytes} bytes, the most grantops reads. Keep it short: it only needs a few keys.`;
    return { node: null, problems: [problem(path, null, 'E_FILE_TOO_LARGE', message)] };
  }
  // Most grant files are a few `key: value` lines: read those directly, to the same tree.
  const plain = plainMapping(source);
  if (plain) return { node: plain, problems: [] };
  return parseGeneralYaml(path, source);
}

/**
 * `parseStrictYaml` for any file, with js-yaml's parser (callers check the size first): what
 * `plainMapping` cannot read, and what it is compared with.
 */
export function parseGeneralYaml(path: string, source: string): ParsedYaml {
  const lines = lineStarts(source);
  const at = (offset: number): Position => positionOf(source, lines, offset);
  const problems: Problem[] = [];
  let dropped = 0;
  const push = (pos: Position | null, code: Code, message: string) => {
    if (problems.length < MAX_FILE_PROBLEMS) problems.push(problem(path, pos, code, message));
    else dropped += 1;
  };
  const report = (offset: number, code: keyof typeof SAY & Code) =>
    push(offset >= 0 ? at(offset) : null, code, SAY[code]);
  const finish = (node: YNode | null): ParsedYaml => {
    const more = `…and ${dropped} more problems like the ones above. Fix those first.`;
    if (dropped) problems.push(problem(path, null, 'E_TOO_MANY_PROBLEMS', more));
    return { node: problems.length ? null : node, problems };
  };

  for (const m of source.matchAll(BIDI))
    push(at(m.index), 'E_YAML_INVISIBLE_CHARACTER', SAY.invisible(m[0], 'This line'));

  // Directives can only open the stream. js-yaml applies `%YAML`/`%TAG` and silently skips any
  // other `%` line, so they are found here, reported, and blanked (same length, so offsets hold).
  const directives = leadingDirectives(source, lines);
  if (directives.length) {
    const [first] = directives;
    push(
      at(first!.start),
      'E_YAML_DIRECTIVE',
      SAY.directive(source.slice(first!.start, first!.end)),
    );
    // One pass, whatever the number of lines (a file can be nothing but `%` lines).
    const parts: string[] = [];
    let from = 0;
    for (const d of directives) {
      parts.push(source.slice(from, d.start), ' '.repeat(d.end - d.start));
      from = d.end;
    }
    source = parts.join('') + source.slice(from);
  }

  let events: Event[];
  try {
    events = parseEvents(source, { filename: path, maxDepth: MAX_DEPTH });
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    const mark = err.mark;
    const pos =
      mark?.line === undefined ? null : { line: mark.line + 1, column: (mark.column ?? 0) + 1 };
    // js-yaml quotes some input in its reasons (a tag's name): keep it to one short, plain line.
    const reason = (err.reason || 'invalid YAML').replace(CONTROL, ' ').slice(0, 200);
    if (/depth/i.test(reason)) push(pos, 'E_YAML_TOO_DEEP', SAY.E_YAML_TOO_DEEP);
    // A tag the parser cannot even read (`!e!x` with no %TAG) is still a tag.
    else if (/\btag\b/i.test(reason))
      push(tagStart(source, mark?.position, at) ?? pos, 'E_YAML_TAG', SAY.tag(`(${reason})`));
    else {
      const hint =
        'Check indentation and quoting near this line (an unclosed quote or bracket above it is a common cause).';
      push(pos, 'E_YAML_SYNTAX', `This is not valid YAML: ${reason}. ${hint}`);
    }
    return finish(null);
  }

  let i = 0;
  const next = (): Event | undefined => events[i++];

  // How far the events read so far reach into the source: an empty key has no offset of its own,
  // and is found as the next `:` or `?` indicator after this.
  let reached = 0;
  const reach = (offset: number) => {
    if (offset > reached) reached = offset;
  };

  // Builds one node from the events starting at the cursor; returns null for an alias (reported).
  // `owner` places empty values, which carry no offset: they sit where their key or list is.
  const build = (ev: Event, owner: Position, isKey = false): YNode | null => {
    if (ev.type !== EVENT_ID.POP && ev.type !== EVENT_ID.DOCUMENT) reach(offsetOf(ev));
    if (ev.type === EVENT_ID.ALIAS) {
      report(ev.anchorStart - 1, 'E_YAML_ALIAS');
      return null;
    }
    if (ev.type === EVENT_ID.POP || ev.type === EVENT_ID.DOCUMENT) return null;
    if (ev.anchorStart >= 0) report(ev.anchorStart - 1, 'E_YAML_ANCHOR');
    if (ev.tagStart >= 0) {
      const tag = source.slice(ev.tagStart, ev.tagEnd).slice(0, 40);
      push(at(ev.tagStart), 'E_YAML_TAG', SAY.tag(`such as ${JSON.stringify(tag)}`));
    }
    if (ev.type === EVENT_ID.SCALAR) {
      const quoted =
        ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED;
      // Quoted values are placed on their opening quote, not on the first character inside it.
      let pos: Position;
      if (ev.valueStart >= 0) {
        pos = at(quoted ? ev.valueStart - 1 : ev.valueStart);
        reach(quoted ? ev.valueEnd + 1 : ev.valueEnd);
      } else if (isKey && ev.tagStart < 0 && ev.anchorStart < 0) {
        const indicator = emptyKeyIndicator(source, reached);
        pos = indicator === null ? owner : at(indicator);
        if (indicator !== null) reach(indicator + 1);
      } else pos = owner;
      return {
        kind: 'scalar',
        pos,
        text: getScalarValue(source, ev),
        plain: ev.style === SCALAR_STYLE.PLAIN,
      };
    }
    const pos = at(ev.start);
    if (ev.type === EVENT_ID.SEQUENCE) {
      const items: YNode[] = [];
      for (let e = next(); e && e.type !== EVENT_ID.POP; e = next()) {
        const item = build(e, pos);
        if (item) items.push(item);
      }
      return { kind: 'seq', pos, items };
    }
    const entries: YMap['entries'] = [];
    const seen = new Map<string, Position>();
    for (let k = next(); k && k.type !== EVENT_ID.POP; k = next()) {
      const key = build(k, pos, true);
      const v = next();
      const value = v ? build(v, key?.pos ?? pos) : null;
      if (!key) continue;
      if (key.kind !== 'scalar') {
        push(key.pos, 'E_YAML_COMPLEX_KEY', SAY.E_YAML_COMPLEX_KEY);
        continue;
      }
      // Only the plain spelling is a merge key; a quoted "<<" is an ordinary (unknown) key.
      if (key.plain && key.text === '<<') {
        push(key.pos, 'E_YAML_MERGE_KEY', SAY.E_YAML_MERGE_KEY);
        continue;
      }
      // A key with an invisible character looks like another key (`schema` and `schema\u200b`
      // read as a duplicate to a reviewer, but are two keys to a program).
      const hidden = INVISIBLE.exec(key.text);
      if (hidden) {
        push(
          key.pos,
          'E_YAML_INVISIBLE_CHARACTER',
          SAY.invisible(hidden[0], `The key ${quote(key.text)}`),
        );
        continue;
      }
      // Keys compare by their decoded text, so `a`, "a", 'a' and "\x61" are one key.
      const earlier = seen.get(key.text);
      if (earlier) {
        const name = quote(key.text);
        push(
          key.pos,
          'E_YAML_DUPLICATE_KEY',
          `The key ${name} appears twice (first on line ${earlier.line}). Keep one.`,
        );
        continue;
      }
      seen.set(key.text, key.pos);
      if (value) entries.push({ key: key.text, keyPos: key.pos, value });
    }
    return { kind: 'map', pos, entries };
  };

  const markers = documentStarts(source, lines);
  let explicit = 0;
  let documents = 0;
  let root: YNode | null = null;
  for (let ev = next(); ev; ev = next()) {
    if (ev.type !== EVENT_ID.DOCUMENT) continue;
    const marker = ev.explicitStart ? (markers[explicit++] ?? -1) : -1;
    if (++documents === 2) {
      // A `---` is the start of the second document; after `...` it starts at its first node.
      report(
        marker >= 0 ? marker : events[i] ? offsetOf(events[i]!) : -1,
        'E_YAML_MULTIPLE_DOCUMENTS',
      );
      break; // the file is refused: whatever the later documents hold is not read.
    }
    if (ev.directives.length > 0 && directives.length === 0) {
      // Not expected (directives are found above); kept so a directive can never pass unseen.
      push(null, 'E_YAML_DIRECTIVE', SAY.directive('%YAML'));
    }
    const body = next();
    if (!body || body.type === EVENT_ID.POP) continue;
    const node = build(body, { line: 1, column: 1 });
    next(); // the document's POP
    // An empty document (`---` alone) is an empty file, not an empty string.
    const empty =
      body.type === EVENT_ID.SCALAR &&
      body.valueStart < 0 &&
      body.anchorStart < 0 &&
      body.tagStart < 0;
    root = empty ? null : node;
  }
  return finish(root);
}

/**
 * Where a tag the parser refused starts. js-yaml marks where it gave up, at or after the tag:
 * the tag is the last `!` before that on the line that starts a token. A tag that ends its line
 * is marked on the line break (or past the end of the file, or at the next line's start), so the
 * search begins before that break.
 */
function tagStart(
  source: string,
  from: number | undefined,
  at: (o: number) => Position,
): Position | null {
  let start = Math.min(from ?? -1, source.length);
  if (start > 0 && (start === source.length || source.charAt(start) === '\n')) start -= 1;
  if (start > 0 && source.charAt(start) === '\n') start -= 1;
  if (start > 0 && source.charAt(start) === '\r') start -= 1;
  for (let s = start; s >= 0; s -= 1) {
    const c = source.charAt(s);
    if (c === '\n' || c === '\r') return null;
    if (c === '!' && (s === 0 || /[\s[\]{},]/.test(source.charAt(s - 1)))) return at(s);
  }
  return null;
}

/**
 * The `?` or `:` that stands for an empty key: the first token after `from` (what the events read
 * so far reach), past spaces, line breaks, comments and flow punctuation. Null when that token is
 * something else, so the caller falls back to the mapping's own position.
 */
function emptyKeyIndicator(source: string, from: number): number | null {
  for (let s = from; s < source.length; s += 1) {
    const c = source.charAt(s);
    if (c === ':' || c === '?') return s;
    if (c === '#') {
      while (s < source.length && source.charAt(s) !== '\n' && source.charAt(s) !== '\r') s += 1;
    } else if (!/[ \t\r\n{[,\ufeff]/.test(c)) return null;
  }
  return null;
}

function offsetOf(ev: Event): number {
  switch (ev.type) {
    case EVENT_ID.SCALAR:
      return ev.anchorStart >= 0
        ? ev.anchorStart - 1
        : ev.tagStart >= 0
          ? ev.tagStart
          : ev.valueStart;
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return ev.start;
    case EVENT_ID.ALIAS:
      return ev.anchorStart - 1;
    default:
      return -1;
  }
}

/** Whether `source` is at most `max` bytes in UTF-8, without encoding it. */
function fitsBytes(source: string, max: number): boolean {
  if (source.length > max) return false; // a UTF-16 unit is never less than one UTF-8 byte
  if (source.length * 3 <= max) return true; // nor more than three
  let bytes = 0;
  for (let k = 0; k < source.length; k++) {
    const c = source.charCodeAt(k);
    // A surrogate pair is four bytes: three counted on its high half, one on its low half.
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : (c & 0xfc00) === 0xdc00 ? 1 : 3;
  }
  return bytes <= max;
}

/**
 * The `%` lines before the first content of the stream: a `%` can never start a plain scalar,
 * so at the head of the file such a line is always a directive, whatever its name.
 */
function leadingDirectives(source: string, starts: number[]): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let l = 0; l < starts.length; l++) {
    const start = l === 0 && source.charCodeAt(0) === 0xfeff ? 1 : starts[l]!;
    const end = l + 1 < starts.length ? starts[l + 1]! : source.length;
    const line = source.slice(start, end).replace(/[\r\n]+$/, '');
    if (line.startsWith('%')) found.push({ start, end: start + line.length });
    else if (line.trim() !== '' && !line.trimStart().startsWith('#') && !isMarker(line, '...'))
      break;
  }
  return found;
}

/**
 * Offsets of the `---` markers. js-yaml's document events carry no offsets, but a `---` at the
 * start of a line, followed by a space or the line's end, cannot sit inside any scalar: it always
 * starts a document. So the n-th marker belongs to the n-th document that starts explicitly.
 */
function documentStarts(source: string, starts: number[]): number[] {
  return starts.filter((s) => isMarker(source.slice(s, s + 4), '---'));
}

/** Whether a line starts with a document marker (`---` or `...`) standing alone as a token. */
function isMarker(line: string, marker: '---' | '...'): boolean {
  return line.startsWith(marker) && /^(?:[ \t\r\n]|$)/.test(line.charAt(3));
}

/** Where each line starts. YAML breaks lines at LF, CRLF and a lone CR. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let k = 0; k < source.length; k++) {
    const c = source.charCodeAt(k);
    if (c === 10 || (c === 13 && source.charCodeAt(k + 1) !== 10)) starts.push(k + 1);
  }
  return starts;
}

function positionOf(source: string, starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  // A byte-order mark is invisible in editors: columns on the first line start after it.
  const bom = lo === 0 && source.charCodeAt(0) === 0xfeff && offset > 0 ? 1 : 0;
  return { line: lo + 1, column: offset - starts[lo]! + 1 - bom };
}
