import type { LandingVerdict } from '../core/landing-authority.js';
import type { Ledger } from '../core/ledger.js';
import { grantsAt, type StatusEntry } from '../core/record.js';
import { withRefusals } from '../core/refused-landings.js';
import { iso } from '../core/time.js';
import { gitLedger, openLedger } from '../git/ledger.js';
import { readVerdicts } from '../git/verdicts.js';
import { providerSchemas } from '../providers/schemas.js';
import { printable, printablePath } from '../render/escape.js';
import { grantJson, grantsText, refusedByForge } from '../render/grants.js';
import { stringArg } from '../cli/args.js';
import type { Args, Command, CommandContext, OptionSpec } from '../cli/context.js';
import { ledgerWithProgress } from '../cli/progress.js';
import { directoryFromArgs, type DirectorySeams } from '../wiring/directory.js';

/** The options of every command that reads the ledger: the branch, and where teams come from. */
export const LEDGER_OPTIONS: Record<string, OptionSpec> = {
  ref: {
    type: 'string',
    help: 'Branch or commit holding the grants (default: origin/HEAD, origin/main, main, then HEAD).',
  },
  directory: {
    type: 'string',
    help: 'Where @org/team members come from, to judge requesters and approvers named only through a team: github (the REST API) or a YAML file ("@org/team": [login, …]). Without it, no team member counts.',
  },
  'token-env': {
    type: 'string',
    help: "With --directory github: the environment variable holding a token that can read the organization's teams (default GITHUB_TOKEN).",
  },
};

/**
 * The ledger of the branch the arguments name, judged with the directory they name (if any).
 * Landings the forge refused (verdicts reconcile remembered in git, docs/forge.md; `refused`
 * when the caller reads them, perhaps still) read as refused, so status, audit and reconcile tell one
 * story.
 */
export async function ledgerFromArgs(
  ctx: CommandContext,
  args: Args,
  seams: DirectorySeams = {},
  refused?: ReadonlyMap<string, LandingVerdict> | Promise<ReadonlyMap<string, LandingVerdict>>,
): Promise<Ledger> {
  const [at, verdicts] = await Promise.all([
    openLedger(ctx.repo, stringArg(args, 'ref'), ctx.stderr),
    refused ? Promise.resolve(refused).then((r) => ({ refused: r })) : readVerdicts(ctx.repo),
  ]);
  const given = stringArg(args, 'directory') !== undefined;
  const ledger = gitLedger(ctx.repo, at, {
    schemas: providerSchemas,
    ...(given ? { directory: await directoryFromArgs(ctx, args, seams) } : {}),
  });
  return withRefusals(ledgerWithProgress(ledger, ctx.progress), verdicts.refused);
}

/** A warning naming the first few files of a kind, escaped. */
function listed(entries: readonly StatusEntry[]): string {
  return `${entries
    .map((e) => printablePath(e.path))
    .slice(0, 5)
    .join(', ')}${entries.length > 5 ? ', …' : ''}`;
}

/**
 * `grantops status`: the grants on the main branch that are active or scheduled at --now, and
 * any unapproved or invalid grant file there (never active: the ledger re-checks every file it
 * reads, and its landing's approvals, exactly as reconcile does).
 */
export const statusCommand: Command = {
  name: 'status',
  summary: 'Show the grants on the main branch that are active or scheduled now.',
  usage: 'grantops status [--ref REF] [--now TIME] [--directory github|FILE] [--format text|json]',
  options: LEDGER_OPTIONS,
  formats: ['text', 'json'],
  async run(ctx, args) {
    const ledger = await ledgerFromArgs(ctx, args);
    const now = ctx.clock.now();
    const records = await ledger.grants();
    const entries = grantsAt(records, now);
    // Expired files still on the branch grant nothing, but their end is not in git yet: say so,
    // so a reader knows a revert is due (the JSON keeps to active and scheduled grants).
    const expired = grantsAt(records, now, ['expired']);
    if (expired.length) {
      ctx.stderr(
        `grantops: note: ${expired.length} expired grant file(s) are still on ${printable(ledger.ref, 100)} (their access has ended; the revert that records it is due): ${listed(expired)}`,
      );
    }
    const unapproved = entries.filter((e) => e.state === 'unapproved');
    const refused = unapproved.filter(refusedByForge);
    const unreviewed = unapproved.filter((e) => !refusedByForge(e));
    if (refused.length) {
      ctx.stderr(
        `grantops: warning: ${refused.length} grant file(s) on ${printable(ledger.ref, 100)} landed in a way the forge's record refuses (E_LANDING_REJECTED) and grant nothing; reconcile raises an alarm for each until it is reverted: ${listed(refused)}`,
      );
    }
    if (unreviewed.length) {
      ctx.stderr(
        `grantops: warning: ${unreviewed.length} grant file(s) on ${printable(ledger.ref, 100)} landed without eligible approvals or an eligible requester (E_UNAPPROVED_LANDING) and grant nothing; reconcile raises an alarm for each until it is reverted: ${listed(unreviewed)}`,
      );
    }
    const invalid = entries.filter((e) => e.state === 'invalid');
    if (invalid.length) {
      ctx.stderr(
        `grantops: warning: ${invalid.length} grant file(s) on ${printable(ledger.ref, 100)} are invalid and grant nothing: ${listed(invalid)}`,
      );
    }
    if (ctx.format === 'json') ctx.stdout(JSON.stringify(entries.map(grantJson), null, 2));
    else
      ctx.stdout(
        grantsText(
          entries,
          `Grants on ${printable(ledger.ref, 100)} (${ledger.commit.slice(0, 10)}) at ${iso(now)}`,
        ),
      );
    return 0;
  },
};
