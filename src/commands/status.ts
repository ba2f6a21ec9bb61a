import { grantsAt } from '../core/record.js';
import { iso } from '../core/time.js';
import { gitLedger, openLedger } from '../git/ledger.js';
import { printable } from '../render/escape.js';
import { grantJson, grantsText } from '../render/grants.js';
import { stringArg } from './args.js';
import type { Command } from './context.js';

/**
 * `grantops status`: the grants on the main branch that are active or scheduled at --now, and
 * any invalid grant file there (never active: the ledger re-checks every file it reads).
 */
export const statusCommand: Command = {
  name: 'status',
  summary: 'Show the grants on the main branch that are active or scheduled now.',
  usage: 'grantops status [--ref REF] [--now TIME] [--format text|json]',
  options: {
    ref: {
      type: 'string',
      help: 'Branch or commit holding the grants (default: origin/HEAD, origin/main, main, then HEAD).',
    },
  },
  formats: ['text', 'json'],
  async run(ctx, args) {
    const ledger = gitLedger(
      ctx.repo,
      await openLedger(ctx.repo, stringArg(args, 'ref'), ctx.stderr),
    );
    const now = ctx.clock.now();
    const records = await ledger.grants();
    const entries = grantsAt(records, now);
    // Expired files still on the branch grant nothing, but their end is not in git yet: say so,
    // so a reader knows a revert is due (the JSON keeps to active and scheduled grants).
    const expired = grantsAt(records, now, ['expired']);
    if (expired.length) {
      ctx.stderr(
        `grantops: note: ${expired.length} expired grant file(s) are still on ${ledger.ref} (their access has ended; the revert that records it is due): ${expired
          .map((e) => printable(e.path))
          .slice(0, 5)
          .join(', ')}${expired.length > 5 ? ', …' : ''}`,
      );
    }
    const invalid = entries.filter((e) => e.state === 'invalid');
    if (invalid.length) {
      ctx.stderr(
        `grantops: warning: ${invalid.length} grant file(s) on ${ledger.ref} are invalid and grant nothing: ${invalid
          .map((e) => printable(e.path))
          .slice(0, 5)
          .join(', ')}${invalid.length > 5 ? ', …' : ''}`,
      );
    }
    if (ctx.format === 'json') ctx.stdout(JSON.stringify(entries.map(grantJson), null, 2));
    else
      ctx.stdout(
        grantsText(
          entries,
          `Grants on ${ledger.ref} (${ledger.commit.slice(0, 10)}) at ${iso(now)}`,
        ),
      );
    return 0;
  },
};
