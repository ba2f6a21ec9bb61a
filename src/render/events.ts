import type { AuditEvent } from '../core/timeline.js';
import { quote } from '../core/text.js';
import { csvRow, markdownText, printable, printablePath } from './escape.js';
import { gantt } from './gantt.js';
import { shortTime } from './table.js';

/**
 * Writers for the audit timeline. Events arrive one at a time, already in order, and are
 * written as they come (in chunks), so the audit of a long history never holds it in memory.
 */
export interface EventSink {
  write(ev: AuditEvent): void;
  end(): void;
}

/**
 * `iso` from core/time, without its regular expression and remembering recent results: it runs
 * five times per event, mostly on the same few instants (an event's time, landing and record
 * are often one instant; a window's start and end recur). A small table indexed by the instant
 * remembers them at the cost of one comparison, where a map would hash every lookup.
 */
const ISO_SLOTS = 1024;
const isoAt = new Float64Array(ISO_SLOTS).fill(Number.NaN);
const isoText: string[] = new Array<string>(ISO_SLOTS).fill('');
function iso(d: Date): string {
  const t = d.getTime();
  const slot = (t / 1000) & (ISO_SLOTS - 1);
  if (isoAt[slot] === t) return isoText[slot]!;
  let s = d.toISOString();
  if (s.endsWith('.000Z')) s = `${s.slice(0, -5)}Z`;
  isoAt[slot] = t;
  isoText[slot] = s;
  return s;
}

/** The JSON form of one event (DESIGN §3), extra fields after the contract's. */
export function eventJson(e: AuditEvent): Record<string, unknown> {
  return {
    time: iso(e.time),
    event: e.event,
    role: e.role,
    requester: e.requester,
    reason: e.reason,
    approvers: e.approvers,
    commit: e.commit,
    pr: e.pr,
    path: e.path,
    starts_at: e.startsAt ? iso(e.startsAt) : null,
    expires_at: e.expiresAt ? iso(e.expiresAt) : null,
    landed_at: e.landedAt ? iso(e.landedAt) : null,
    grant_commit: e.grantCommit,
    recorded_at: e.recordedAt ? iso(e.recordedAt) : null,
    note: e.note,
    problems: e.problems,
    source: e.source,
  };
}

const CSV_COLUMNS = [
  'time',
  'event',
  'role',
  'requester',
  'reason',
  'approvers',
  'commit',
  'pr',
  'path',
  'starts_at',
  'expires_at',
  'landed_at',
  'grant_commit',
  'recorded_at',
  'note',
  'problems',
  'source',
];

/** Collects output into chunks of about 64 KiB: one write per event would cost a syscall each. */
class Chunked {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: (s: string) => void) {}
  add(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 65536) this.flush();
  }
  flush(): void {
    if (this.parts.length) this.out(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

export interface SinkOptions {
  /** Describes the branch and range, for headings. */
  title: string;
  now: Date;
}

export function eventSink(format: string, out: (s: string) => void, opts: SinkOptions): EventSink {
  const w = new Chunked(out);
  let n = 0;
  switch (format) {
    case 'json':
      return {
        write: (e) => w.add(`${n++ ? ',\n' : '[\n'}${JSON.stringify(eventJson(e))}`),
        end: () => {
          w.add(n ? '\n]\n' : '[]\n');
          w.flush();
        },
      };
    case 'csv':
      w.add(csvRow(CSV_COLUMNS));
      return {
        write: (e) => {
          const j = eventJson(e);
          w.add(
            csvRow(
              CSV_COLUMNS.map((c) =>
                Array.isArray(j[c]) ? (j[c] as string[]).join(' ') : (j[c] as string | null),
              ),
            ),
          );
        },
        end: () => w.flush(),
      };
    case 'markdown': {
      const chart = gantt(opts.now);
      w.add(
        `# Access audit\n\n${markdownText(opts.title, 500)}\n\n| Time (UTC) | Event | Role | Requester | Window | Approvers | PR | Commit | Reason |\n|---|---|---|---|---|---|---|---|---|\n`,
      );
      return {
        write: (e) => {
          n++;
          chart.add(e);
          const window =
            e.startsAt && e.expiresAt ? `${shortTime(e.startsAt)} → ${shortTime(e.expiresAt)}` : '';
          // Times, event names and commit ids are grantops' own; everything else is escaped.
          const cells = [
            shortTime(e.time),
            e.event,
            markdownText(e.role),
            markdownText(e.requester),
            window,
            markdownText(e.approvers.join(', ')),
            markdownText(e.pr ?? ''),
            e.commit.slice(0, 10),
            markdownText(detail(e)),
          ];
          w.add(`| ${cells.join(' | ')} |\n`);
        },
        end: () => {
          if (n === 0) w.add('| | (no events) | | | | | | | |\n');
          w.add(`\n## Grant windows\n\n${chart.render()}\n`);
          w.flush();
        },
      };
    }
    default:
      w.add(`${opts.title} (times in UTC)\n`);
      return {
        write: (e) => {
          n++;
          // Role and requester come from the file's path: for an invalid file, any bytes.
          const head = `${shortTime(e.time)}  ${e.event.padEnd(8)}  ${printablePath(e.role).padEnd(20)}  ${printablePath(e.requester).padEnd(16)}`;
          w.add(`${head}  ${textDetail(e)}\n`);
        },
        end: () => {
          if (n === 0) w.add('(no events)\n');
          w.flush();
        },
      };
  }
}

function detail(e: AuditEvent): string {
  if (e.event === 'invalid') return `never active: ${e.problems.join(', ')}`;
  if (e.event === 'unapproved') return `never active, alarm: ${e.note ?? e.problems.join(', ')}`;
  const parts = [e.reason ?? ''];
  if (e.note) parts.push(`(${e.note})`);
  return parts.filter(Boolean).join(' ');
}

/** One event's line after its role and requester: every value from git escaped in it. */
function textDetail(e: AuditEvent): string {
  const c = e.commit.slice(0, 10);
  const pr = e.pr ? ` ${printable(e.pr, 40)}` : '';
  const why = e.reason ? `: ${quote(e.reason, 400)}` : '';
  switch (e.event) {
    case 'granted':
    case 'renewed':
      return `${shortTime(e.startsAt)} → ${shortTime(e.expiresAt)}, approved by ${e.approvers.map((a) => printable(a, 60)).join(', ') || '(no trailer)'}, ${c}${pr}${why}`;
    case 'expired':
      return e.recordedAt
        ? `recorded ${shortTime(e.recordedAt)} in ${c}${pr} (granted in ${e.grantCommit.slice(0, 10)})`
        : `not recorded in git (granted in ${c}${pr})`;
    case 'revoked':
      return `in ${c}${pr}${e.note ? `: ${quote(e.note, 400)}` : ''} (granted in ${e.grantCommit.slice(0, 10)})`;
    case 'invalid':
      return `never active: ${e.problems.join(', ')} in ${c}${pr}`;
    case 'unapproved':
      return `never active, alarm ${e.problems.join(', ')} in ${c}${pr}: ${e.note ?? ''}`;
  }
}
