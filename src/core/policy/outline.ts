import type { SourceFile } from './load.js';

/**
 * Deciding a request needs the roles it touches, not the hundreds of others. Parsing a role
 * costs far more than skipping it, so `validate` keeps, of each policy file, everything but the
 * entries under `roles:` that the request does not name: the strict YAML reader and every policy
 * rule then run on that smaller text, as they would on the file (the entries kept are the
 * file's own lines, on their own line numbers: problems point where they always did).
 *
 * Entries are found by their lines, so a file is outlined only where its lines leave no doubt:
 * `roles:` alone on a line at the left margin; each role a plain name at one indentation, its
 * lines indented further; no line inside with a quote, flow bracket or block scalar left open
 * (so no line that looks like a role starts one inside a value); no tab, no carriage return.
 * A file that is not that plain is kept whole, and reads exactly as before.
 */
export interface RolesOutline {
  /** Role names, in file order, with the lines [from, to) each entry spans. */
  entries: { name: string; from: number; to: number }[];
  /** The `roles:` line, and the line its section ends before. */
  header: number;
  end: number;
}

const ROLES_LINE = /^roles:[ ]*(?:#.*)?$/;
const TOP_LEVEL = /^[^\s#]/;
const ENTRY = /^([a-z0-9][a-z0-9_-]{0,62}):(?:[ ]*$|[ ]+#.*$|[ ]+(.+)$)/;
const SPECIAL = /['"{}[\]|>]/;
const BLOCK_SCALAR = /(?:^|[ :])[|>][1-9+-]{0,2}(?:[ ]+#.*)?$/;

/** The roles section of one file, or null when the file is not plain enough to outline. */
export function outlineRoles(text: string): RolesOutline | null {
  if (text.includes('\t') || text.includes('\r')) return null;
  const lines = text.split('\n');
  const blockText = textLines(lines);
  if (!blockText) return null;
  const header = lines.findIndex((l) => ROLES_LINE.test(l));
  if (lines.some((l, i) => i !== header && /^roles\s*:/.test(l))) return null;
  if (header < 0) return { entries: [], header, end: header };
  const entries: RolesOutline['entries'] = [];
  let indent = -1;
  let end = lines.length;
  for (let i = header + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const content = line.trimStart();
    if (blockText.has(i) || content === '' || content.startsWith('#')) continue;
    if (TOP_LEVEL.test(line)) {
      end = i;
      break;
    }
    const depth = line.length - content.length;
    if (indent < 0) indent = depth;
    if (depth < indent) return null;
    if (depth > indent) continue;
    const m = ENTRY.exec(content);
    if (!m) return null;
    const last = entries.at(-1);
    if (last) last.to = i;
    entries.push({ name: m[1]!, from: i, to: lines.length });
  }
  const last = entries.at(-1);
  if (last) last.to = lastContent(lines, last.from, end) + 1;
  return { entries, header, end };
}

/**
 * The lines that are the text of a block scalar (`|`, `>`), or null when some other line opens
 * a quote or a flow bracket it does not close: then a line further down could belong to that
 * value, and lines are no guide to the file's structure.
 */
function textLines(lines: string[]): Set<number> | null {
  const text = new Set<number>();
  let blockIndent = -1; // inside a block scalar: lines indented more than this are its text
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const content = line.trimStart();
    const depth = line.length - content.length;
    if (blockIndent >= 0) {
      if (content === '' || depth > blockIndent) {
        text.add(i);
        continue;
      }
      blockIndent = -1;
    }
    if (!SPECIAL.test(content)) continue; // most lines: a key and a plain value
    if (!closedOnLine(content)) return null;
    if (BLOCK_SCALAR.test(withoutComment(content))) {
      if (/[|>][+-]?[1-9][+-]?(?:[ ]+#.*)?$/.test(withoutComment(content))) return null; // an explicit indentation
      blockIndent = depth;
    }
  }
  return text;
}

/**
 * The files with every role entry not named in `keep` blanked out (their lines left empty, so
 * line numbers hold). Null when a named role is in no outline (an unknown role, or one defined
 * in a file kept whole): then only the whole policy can say what it is, and an unknown role's
 * suggestions list every role.
 */
export function keepRoles(
  files: readonly SourceFile[],
  keep: ReadonlySet<string>,
): SourceFile[] | null {
  const found = new Set<string>();
  const out = files.map((f) => {
    const outline = outlineRoles(f.text);
    if (!outline) return f;
    const lines = f.text.split('\n');
    const kept = outline.entries.filter((e) => keep.has(e.name));
    for (const e of kept) found.add(e.name);
    for (const e of outline.entries)
      if (!keep.has(e.name)) for (let i = e.from; i < e.to; i++) lines[i] = '';
    // A section left with no entry would read as `roles: null`: it goes too.
    if (kept.length === 0 && outline.entries.length > 0) lines[outline.header] = '';
    return { path: f.path, text: lines.join('\n') };
  });
  return [...keep].every((r) => found.has(r)) ? out : null;
}

function lastContent(lines: string[], from: number, end: number): number {
  let i = end - 1;
  while (i > from && (lines[i]!.trim() === '' || lines[i]!.trimStart().startsWith('#'))) i--;
  return i;
}

/** The text before a comment: a `#` after a space, outside quotes. */
function withoutComment(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ')) return text.slice(0, i).trimEnd();
  }
  return text;
}

/** Whether every quote and flow bracket opened on this line closes on it. */
function closedOnLine(text: string): boolean {
  // Most such lines hold brackets only (`requesters: [oncall]`, a group of 2,000 logins):
  // their brackets are enough to look at.
  if (!/['"#]/.test(text)) return balanced(text.replace(/[^[\]{}]/g, ''));
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = '';
      }
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ')) break;
    else if (c === '"' || c === "'") {
      // A quote starts a scalar only where a scalar may start; inside a plain word it is text.
      if (i === 0 || ' ,[{:'.includes(text[i - 1]!)) quote = c;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (depth < 0) return false;
  }
  return quote === '' && depth === 0;
}

function balanced(brackets: string): boolean {
  let depth = 0;
  for (const c of brackets) {
    depth += c === '[' || c === '{' ? 1 : -1;
    if (depth < 0) return false;
  }
  return depth === 0;
}
