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
  /** Role names, in file order, with the text [from, to) each entry spans (offsets). */
  entries: { name: string; from: number; to: number }[];
  /** The `roles:` line [from, to), when there is one. */
  header: { from: number; to: number } | null;
}

const ROLES_LINE = /^roles:[ ]*(?:#.*)?$/;
const ENTRY = /^([a-z0-9][a-z0-9_-]{0,62}):(?:[ ]*$|[ ]+#.*$|[ ]+.+$)/;
const BLOCK_SCALAR = /(?:^|[ :])[|>][1-9+-]{0,2}(?:[ ]+#.*)?$/;

// Whole-text expressions, not a loop over lines: this runs once per `validate`, before the
// JIT has warmed up, and a regular expression runs as native code from the first call.

/** The roles section of one file, or null when the file is not plain enough to outline. */
export function outlineRoles(text: string): RolesOutline | null {
  if (/[\t\r]/.test(text)) return null;
  const headers = [...text.matchAll(/^roles[ ]*:.*$/gm)];
  if (headers.length === 0) return { entries: [], header: null };
  if (headers.length > 1 || !ROLES_LINE.test(headers[0]![0]) || !plain(text)) return null;
  const h = headers[0]!;
  const header = { from: h.index, to: h.index + h[0].length };
  // The section ends at the next line at the left margin that is not a comment.
  const after = /^[^\s#]/gm;
  after.lastIndex = header.to;
  const end = after.exec(text)?.index ?? text.length;
  const section = text.slice(header.to, end);
  const first = /^( +)[^ #\n]/m.exec(section);
  if (!first) return { entries: [], header };
  const indent = first[1]!.length;
  if (indent > 1 && new RegExp(`^ {1,${indent - 1}}[^ #\n]`, 'm').test(section)) return null;
  const entries: RolesOutline['entries'] = [];
  for (const m of section.matchAll(new RegExp(`^ {${indent}}([^ #\n].*)$`, 'gm'))) {
    const key = ENTRY.exec(m[1]!);
    if (!key) return null;
    const from = header.to + m.index;
    const last = entries.at(-1);
    if (last) last.to = from;
    entries.push({ name: key[1]!, from, to: end });
  }
  return { entries, header };
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
    const drop = outline.entries.filter((e) => !keep.has(e.name));
    for (const e of outline.entries) if (keep.has(e.name)) found.add(e.name);
    // A section left with no entry would read as `roles: null`: it goes too.
    if (drop.length && drop.length === outline.entries.length && outline.header)
      drop.unshift({ name: '', ...outline.header });
    if (!drop.length) return f;
    let text = '';
    let at = 0;
    for (const e of drop) {
      text += f.text.slice(at, e.from) + f.text.slice(e.from, e.to).replace(/[^\n]+/g, '');
      at = e.to;
    }
    return { path: f.path, text: text + f.text.slice(at) };
  });
  return [...keep].every((r) => found.has(r)) ? out : null;
}

/**
 * Whether no line opens a quote or a flow bracket it does not close, outside the text of block
 * scalars (`|`, `>`): otherwise a line further down could belong to that value, and lines are
 * no guide to the file's structure.
 */
function plain(text: string): boolean {
  const special = /^( *)(.*['"{}[\]|>].*)$/gm;
  for (let m = special.exec(text); m; m = special.exec(text)) {
    const content = m[2]!;
    if (content.startsWith('#')) continue;
    if (!closedOnLine(content)) return false;
    const value = withoutComment(content);
    if (!BLOCK_SCALAR.test(value)) continue;
    if (/[|>][+-]?[1-9][+-]?$/.test(value)) return false; // an explicit indentation
    // Its text: the lines after it that are blank or indented further.
    const depth = m[1]!.length;
    const next = new RegExp(`^ {0,${depth}}[^ \n]`, 'gm');
    next.lastIndex = m.index + m[0].length;
    const done = next.exec(text);
    if (!done) return true;
    special.lastIndex = done.index;
  }
  return true;
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
