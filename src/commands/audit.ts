import { UsageError } from '../core/errors.js';
import { grantsAt } from '../core/record.js';
import { iso, parseInstant } from '../core/time.js';
import { DEFAULT_RECORD_HORIZON_SECONDS, Timeline, concerns } from '../core/timeline.js';
import { csvRow, markdownText, printable } from '../render/escape.js';
import { eventSink } from '../render/events.js';
import { grantJson, grantsText } from '../render/grants.js';
import { stringArg } from '../cli/args.js';
import type { CommandContext, Command } from '../cli/context.js';
import { LEDGER_OPTIONS, ledgerFromArgs } from './status.js';

function timeArg(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = parseInstant(value);
  if (!d)
    throw new UsageError(
      `--${flag} ${JSON.stringify(value)} is not a time. Use RFC 3339 like 2026-11-26T09:00:00Z, or @<unix seconds>.`,
    );
  return d;
}

/**
 * `grantops audit`: the access timeline from git history alone (granted, renewed, expired,
 * revoked, and unapproved or invalid landings), or with --at the grants in force at one instant.
 */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'Print the access timeline from git history, or who had access at a given time.',
  usage:
    'grantops audit [--since T] [--until T] [--at T] [--user LOGIN] [--role ROLE] [--ref REF] [--directory github|FILE] [--format text|json|csv|markdown]',
  options: {
    since: {
      type: 'string',
      help: 'Only events at or after this time, and those of grants whose window was still open then.',
    },
    until: {
      type: 'string',
      help: 'Only events at or before this time, and those of grants whose window had opened by then.',
    },
    at: {
      type: 'string',
      help: 'Instead of events: the grants in force at this time (status shape).',
    },
    user: { type: 'string', help: 'Only this requester (GitHub login).' },
    role: { type: 'string', help: 'Only this role.' },
    ...LEDGER_OPTIONS,
  },
  formats: ['text', 'json', 'csv', 'markdown'],
  async run(ctx, args) {
    const since = timeArg(stringArg(args, 'since'), 'since');
    const until = timeArg(stringArg(args, 'until'), 'until');
    const at = timeArg(stringArg(args, 'at'), 'at');
    if (at && (since || until))
      throw new UsageError(
        '--at shows one instant; it cannot be combined with --since or --until. Use --at alone, or --since and --until for a period.',
      );
    if (since && until && since > until)
      throw new UsageError(
        '--since is after --until: nothing can match. Give a --since earlier than --until.',
      );
    const user = stringArg(args, 'user')?.toLowerCase();
    const role = stringArg(args, 'role');
    const ledger = await ledgerFromArgs(ctx, args);
    const keep = (r: { role: string; requester: string }) =>
      (!user || r.requester === user) && (!role || r.role === role);

    if (at) {
      const entries = grantsAt(await ledger.grants({ until: at }), at, ['active']).filter(keep);
      printGrants(ctx, entries.map(grantJson), () =>
        grantsText(
          entries,
          `Access in force at ${iso(at)} on ${printable(ledger.ref, 100)} (${ledger.commit.slice(0, 10)})`,
        ),
      );
      return 0;
    }

    const now = ctx.clock.now();
    const range = `${since ? iso(since) : 'the beginning'} to ${until ? iso(until) : iso(now)}`;
    const sink = eventSink(ctx.format, ctx.stdout, {
      title: `Access events on ${printable(ledger.ref, 100)} (${ledger.commit.slice(0, 10)}), ${range}`,
      now,
    });
    const timeline = new Timeline({
      emit: (e) => {
        if (concerns(e, since, until) && keep(e)) sink.write(e);
      },
    });
    // Past --until (and the time an expiry may take to be recorded), nothing more can match.
    const stopAfter = until
      ? until.getTime() + DEFAULT_RECORD_HORIZON_SECONDS * 1000
      : Number.POSITIVE_INFINITY;
    await ledger.history((c) => {
      if (c.committedAt.getTime() > stopAfter) return 'stop';
      timeline.push(c);
    });
    timeline.finish(until && until < now ? until : now);
    sink.end();
    return 0;
  },
};

/** --at output in every format the audit offers. */
function printGrants(
  ctx: CommandContext,
  rows: Record<string, unknown>[],
  text: () => string,
): void {
  const columns = [
    'role',
    'requester',
    'path',
    'state',
    'starts_at',
    'expires_at',
    'landed_at',
    'commit',
    'reason',
    'approvers',
    'pr',
  ];
  const cell = (v: unknown) =>
    Array.isArray(v) ? v.join(' ') : v === null || v === undefined ? '' : String(v);
  if (ctx.format === 'json') ctx.stdout(JSON.stringify(rows, null, 2));
  else if (ctx.format === 'csv')
    ctx.stdout(
      [csvRow(columns), ...rows.map((r) => csvRow(columns.map((c) => cell(r[c]))))].join(''),
    );
  else if (ctx.format === 'markdown') {
    ctx.stdout(
      [
        `| ${columns.join(' | ')} |`,
        `|${columns.map(() => '---').join('|')}|`,
        ...rows.map((r) => `| ${columns.map((c) => markdownText(cell(r[c]))).join(' | ')} |`),
      ].join('\n'),
    );
  } else ctx.stdout(text());
}
