import { expiryMessage, planExpiry, type LandedGrant } from '../core/decision-expiry.js';
import { problem } from '../core/problem.js';
import { grantsAt } from '../core/record.js';
import { iso } from '../core/time.js';
import { gitLedger, openLedger } from '../git/ledger.js';
import { providerSchemas } from '../providers/schemas.js';
import { expireJson, renderExpire, type ExpireResult } from '../render/expire.js';
import { stringArg } from '../cli/args.js';
import type { Command } from '../cli/context.js';
import { directoryFromArgs } from '../wiring/directory.js';
import { FORGE_OPTION, openForge, type ForgeSeams } from '../wiring/forge.js';
import { DIRECTORY_OPTIONS } from './merge.js';

const OUTCOME_CODES = {
  'head-moved': 'E_HEAD_MOVED',
  'not-allowed': 'E_MERGE_REFUSED',
  conflict: 'E_MERGE_CONFLICT',
} as const;

/**
 * `grantops expire`: records in git the end of every grant on main whose window has ended, as a
 * revert deleting its file with `Grant-Action: expired` trailers (revocation at the provider is
 * reconcile's and never waits for this). Safe to repeat and to run twice at once: each revert
 * has one deterministic branch, and every write is a compare-and-swap.
 */
/** `grantops expire`, with seams for tests (an in-memory GitHub). */
export function expireCommandWith(seams: ForgeSeams = {}): Command {
  return {
    name: 'expire',
    summary:
      'Record in git the grants whose window has ended: a revert deleting each file, merged onto main.',
    usage: 'grantops expire [--dry-run] [--forge github|local] [--directory FILE]',
    formats: ['text', 'json'],
    options: {
      'dry-run': { type: 'boolean', help: 'Say what would be recorded, and write nothing.' },
      ...FORGE_OPTION,
      ...DIRECTORY_OPTIONS,
    },
    async run(ctx, args) {
      const dryRun = args.values['dry-run'] === true;
      const forge = await openForge(ctx, args, 'expire', seams);
      const at = await openLedger(ctx.repo, `refs/heads/${forge.base}`, ctx.stderr);
      const ledger = gitLedger(ctx.repo, at, {
        schemas: providerSchemas,
        ...(stringArg(args, 'directory') !== undefined
          ? { directory: await directoryFromArgs(ctx, args, seams) }
          : {}),
      });
      const now = ctx.clock.now();
      const entries = grantsAt(await ledger.grants(), now, [
        'active',
        'scheduled',
        'unapproved',
        'invalid',
        'expired',
      ]);
      const grants: LandedGrant[] = entries.map((e) => ({
        path: e.path,
        role: e.role,
        requester: e.requester,
        commit: e.commit,
        startsAt: e.startsAt,
        expiredAt: e.state === 'expired' ? e.expiresAt : null,
      }));
      const plan = planExpiry(grants, await forge.listExpiries());
      const result: ExpireResult = { dry_run: dryRun, expired: [], waiting: [], closed: [] };

      for (const step of plan.expire) {
        const { grant } = step;
        const item = {
          path: grant.path,
          role: grant.role,
          requester: grant.requester,
          expired_at: iso(grant.expiredAt!),
          request: step.existing?.reference ?? step.branch,
          commit: null as string | null,
        };
        if (dryRun) {
          result.expired.push(item);
          continue;
        }
        const opened = step.existing
          ? { expiry: step.existing }
          : await forge.openExpiry({
              branch: step.branch,
              path: grant.path,
              base: at.commit,
              ...expiryMessage(grant, step.branch),
            });
        item.request = opened.expiry.reference;
        const outcome = await forge.mergeExpiry(
          opened.expiry,
          expiryMessage(grant, opened.expiry.reference),
        );
        if (outcome.merged) result.expired.push({ ...item, commit: outcome.commit });
        else
          result.waiting.push({
            ...item,
            problems: [problem(grant.path, null, OUTCOME_CODES[outcome.reason], outcome.message)],
          });
      }
      for (const e of plan.close) {
        const why = 'its grant was renewed or removed since the revert was opened';
        if (!dryRun) await forge.closeExpiry(e, why);
        result.closed.push({ request: e.reference, branch: e.branch, why });
      }
      ctx.stdout(ctx.format === 'json' ? expireJson(result) : renderExpire(result, iso(now)));
      return result.waiting.length ? 1 : 0;
    },
  };
}

export const expireCommand: Command = expireCommandWith();
