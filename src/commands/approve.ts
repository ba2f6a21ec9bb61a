import { UsageError } from '../core/errors.js';
import { LOGIN_PATTERN } from '../core/policy/schema.js';
import { quote } from '../core/problem.js';
import { requireArg } from '../cli/args.js';
import type { Command } from '../cli/context.js';
import { directoryFromArgs } from '../wiring/directory.js';
import { FORGE_OPTION, forgeKind, localForge } from '../wiring/forge.js';
import { DIRECTORY_OPTIONS, decideOn } from './merge.js';
import { approveJson, renderApprove } from '../render/approve.js';

const LOGIN = new RegExp(LOGIN_PATTERN);

/**
 * `grantops approve REQUEST --as LOGIN`: the local forge's review. It records LOGIN's approval
 * of the request's current head, bound to that commit, and refuses (writing nothing) an
 * approval that could never count, as GitHub refuses an author's own approval: the requester,
 * someone who pushed to the request, a bot, or someone who is not an approver of its roles.
 */
export const approveCommand: Command = {
  name: 'approve',
  summary: "Record an approval of a request's current head commit (local forge).",
  usage: 'grantops approve REQUEST --as LOGIN [--directory FILE]',
  formats: ['text', 'json'],
  options: {
    as: { type: 'string', help: 'The approver’s GitHub login.' },
    ...FORGE_OPTION,
    ...DIRECTORY_OPTIONS,
  },
  async run(ctx, args) {
    if (forgeKind(ctx, args) === 'github') {
      throw new UsageError(
        'approve is for the local forge only: on GitHub, approve the pull request in its review.',
      );
    }
    const [id, ...extra] = args.positionals;
    if (!id || extra.length)
      throw new UsageError(
        'Name one request to approve, e.g. grantops approve request/db-read/alice --as carol.',
      );
    const asked = requireArg(args, 'as');
    if (!LOGIN.test(asked))
      throw new UsageError(
        `--as ${quote(asked)} is not a GitHub login (letters, digits and single inner hyphens, at most 39). Pass the approver's login as GitHub shows it, e.g. --as carol.`,
      );
    const login = asked.toLowerCase();
    const forge = localForge(ctx, args, 'approve');
    const directory = await directoryFromArgs(ctx, args);
    const request = await forge.request(id);
    const head = request.head.sha;
    const reviews = await forge.reviews(request);
    // Decide as if the approval were given: if even then it would not count, say why.
    const given = [
      ...reviews.filter((r) => r.reviewer !== login),
      { reviewer: login, state: 'approved' as const, commit: head, submittedAt: null },
    ];
    const decision = await decideOn(ctx, request, given, directory);
    const refused = decision.approvals.ignored.find((i) => i.login === login);
    if (!refused) await forge.approve(request.id, login, head);
    const result = {
      request: request.id,
      approver: login,
      commit: head,
      recorded: !refused,
      why: refused?.why ?? null,
      decision,
    };
    ctx.stdout(ctx.format === 'json' ? approveJson(result) : renderApprove(result));
    return refused ? 1 : 0;
  },
};
