import { rolesOf } from '../core/decision.js';
import { handMergedVerdict } from '../core/hand-merged.js';
import { ConfigError, ExternalError, GrantopsError } from '../core/errors.js';
import type { LandingVerdict } from '../core/landing-authority.js';
import { checkLandings, type LandingChecks, type LandingToCheck } from '../core/landing-checks.js';
import type { PlanError } from '../core/plan.js';
import type { Alarm } from '../core/provisioning.js';
import { resolveTeams } from '../core/teams.js';
import { readChanges } from '../git/diff.js';
import { iso } from '../core/time.js';
import { describeError } from '../core/apply-plan.js';
import { handMadeMerges, oldestOnChain } from '../git/hand-merges.js';
import { isAncestor } from '../git/refs.js';
import { gitRepository } from '../git/repository.js';
import {
  rememberVerdicts,
  verdictSeal,
  type RememberedVerdicts,
  type VerdictSeal,
} from '../git/verdicts.js';
import type { Args, CommandContext } from '../cli/context.js';
import { directoryFromArgs } from './directory.js';
import { forgeKind, type ForgeSeams } from './forge.js';
import { policiesAt } from './policy.js';

/**
 * The forge as the authority on how grants landed (DESIGN I5), for `plan` and `reconcile`: on
 * GitHub, each landing about to be provisioned is judged once from GitHub's record of its pull
 * request (`Forge.verifyLanding`), the verdict is remembered in git (`refs/grantops/verdicts`),
 * and a refused landing raises an alarm issue. On the local forge there is no authority beyond
 * the repository itself (whoever can write it is trusted, docs/forge.md): null.
 */
export interface LandingAuthority {
  /** What seals the remembered verdicts: reconcile trusts only those it vouches for. */
  readonly seal: VerdictSeal;
  /**
   * Judges the landings not judged before (`judged`, remembered in git); asks nothing about
   * those. Every landing, judged before or not, is also refused for this run while a merge on
   * the branch after it (up to `tip`) sets its file by hand (src/git/hand-merges.ts).
   */
  check(
    landings: readonly LandingToCheck[],
    judged: ReadonlySet<string>,
    tip: string,
  ): Promise<LandingChecks>;
  /**
   * Remembers the final verdicts in git, so no later run asks about them again; `known` is what
   * this run read of them first, built on unless another run wrote since.
   */
  remember(
    verdicts: readonly LandingVerdict[],
    at: Date,
    known?: Pick<RememberedVerdicts, 'tip' | 'judged'>,
  ): Promise<void>;
  /** Opens (once per landing) the alarm issue of every refused landing; what failed, as errors. */
  raise(alarms: readonly Alarm[]): Promise<{ errors: PlanError[]; opened: number[] }>;
}

export async function openLandingAuthority(
  ctx: CommandContext,
  args: Args,
  seams: ForgeSeams,
): Promise<LandingAuthority | null> {
  if (forgeKind(ctx, args) !== 'github') return null;
  const git = gitRepository(ctx.repo);
  const [
    { githubSessionFromEnv },
    { GitHubForge },
    { landingAlarm, raiseAlarms },
    errors,
    { rewritesSince },
  ] = await Promise.all([
    import('../github/from-env.js'),
    import('../github/forge.js'),
    import('../github/alarm.js'),
    import('../github/errors.js'),
    import('../github/branch-rewrites.js'),
  ]);
  const session = await githubSessionFromEnv({ env: ctx.env, git, ...seams });
  const merger = session.botLogin;
  if (!merger) {
    throw new ConfigError(
      "On GitHub, plan and reconcile ask GitHub who merged each grant, and only grantops' App may: set GRANTOPS_APP_SLUG to the App's slug (the app-slug output of actions/create-github-app-token), so grantops knows its own account (<slug>[bot]).",
    );
  }
  const secret = sealingSecret(ctx.env);
  const forge = new GitHubForge({ ...session, git, botLogin: merger });
  const seal = verdictSeal(secret, {
    repository: `${session.repo.owner}/${session.repo.repo}`,
    branch: forge.base,
  });
  const directory = await directoryFromArgs(ctx, args, seams);
  const judge = (landings: readonly LandingToCheck[], judged: ReadonlySet<string>) =>
    checkLandings(landings, judged, {
      merger,
      proof: (commit) => forge.verifyLanding(commit),
      async facts(commit) {
        const base = await git.firstParent(commit);
        if (!base) {
          throw new ExternalError(
            'E_GIT_REF',
            `${commit.slice(0, 10)} is the first commit of the branch: no request can have landed it.`,
          );
        }
        const [policy, changes] = await Promise.all([
          policiesAt(ctx.repo, base),
          readChanges(ctx.repo, base, commit),
        ]);
        return {
          base,
          changes,
          policy,
          teams: await resolveTeams(policy, rolesOf(changes), directory),
        };
      },
      async objectsAt(commit, paths) {
        const here = await git.objectsAt(commit, paths);
        if (here) return here;
        // A request's head never reaches the branch (it is squashed): fetched by SHA.
        await git.fetchCommits(session.source, [commit]);
        const fetched = await git.objectsAt(commit, paths);
        if (!fetched)
          throw new ExternalError(
            'E_GIT_FETCH',
            `${commit.slice(0, 12)} is still missing after it was fetched. Run again; if it stays missing, check that the token can read the repository.`,
          );
        return fetched;
      },
    });
  /**
   * The landings older than the latest rewrite of the base branch GitHub recorded, and why:
   * whoever can push can delete the marker reconcile keeps (refs/grantops/reconciled), and a
   * force push can then bring back a landing whose file was since deleted, which reads as
   * passed. As when the marker shows a rewrite, nothing is granted for them (access already
   * given stays until their window ends) and the run fails, loudly.
   */
  const rewrittenSince = async (
    landings: readonly LandingToCheck[],
  ): Promise<Map<string, string>> => {
    const out = new Map<string, string>();
    if (landings.length === 0) return out;
    const since = new Date(Math.min(...landings.map((l) => l.landedAt.getTime())));
    let latest;
    try {
      [latest] = await rewritesSince(session.octokit, session.repo, forge.base, since);
    } catch (e) {
      const err = errors.githubError(e, {
        doing: `reading who rewrote ${forge.base} (the repository activity log)`,
        tokenEnv: 'GRANTOPS_APP_TOKEN',
      });
      for (const l of landings) out.set(l.commit, describeError(err));
      return out;
    }
    if (!latest) return out;
    const what = latest.kind === 'force_push' ? 'force-pushed' : 'deleted (and pushed again)';
    for (const l of landings) {
      if (l.landedAt > latest.at) continue;
      out.set(
        l.commit,
        `${forge.base} was ${what} by ${latest.actor ?? 'an unknown account'} at ${iso(latest.at)}, after this landed: a rewrite can drop a later change to the file (its revocation, say) from the branch's record (I6), so nothing is granted for landings older than it; access already given stays until its window ends. An admin checks the branch (GitHub's activity log shows the push); the grantee can ask again through a request grantops merges`,
      );
    }
    return out;
  };
  return {
    seal,
    async check(landings, judged, tip) {
      const [checks, dropped, rewritten] = await Promise.all([
        judge(landings, judged),
        handMerged(ctx.repo, landings, tip),
        rewrittenSince(landings),
      ]);
      const refused = new Map(checks.refused);
      for (const v of dropped) if (!refused.has(v.commit)) refused.set(v.commit, v);
      const unchecked = new Map(checks.unchecked);
      for (const [commit, why] of rewritten) if (!unchecked.has(commit)) unchecked.set(commit, why);
      return { ...checks, refused, unchecked };
    },
    remember: (verdicts, at, known) => rememberVerdicts(ctx.repo, verdicts, at, seal, known),
    async raise(alarms) {
      const refused = alarms.filter((a) => a.code === 'E_LANDING_REJECTED');
      try {
        const raised = await raiseAlarms(
          session.octokit,
          session.repo,
          refused.map(landingAlarm),
          merger,
        );
        return { errors: [], opened: raised.filter((r) => r.created).map((r) => r.issue) };
      } catch (e) {
        const err =
          e instanceof GrantopsError
            ? e
            : errors.githubError(e, {
                doing: 'opening the alarm issue of a refused landing',
                tokenEnv: 'GRANTOPS_APP_TOKEN',
              });
        return {
          errors: [
            { provider: null, role: null, requester: null, code: err.code, message: err.message },
          ],
          opened: [],
        };
      }
    },
  };
}

/** The fewest characters a sealing secret may have: anyone who can guess it can forge a verdict. */
const MIN_SECRET = 32;

/**
 * The secret verdicts are sealed with. Anyone who can push can push refs/grantops/verdicts, so
 * a verdict counts only when sealed with a secret of this job: one that is blank (a secret that
 * holds only a newline) or short is a key anyone could guess, and is refused rather than used.
 * A blank GRANTOPS_VERDICT_KEY counts as unset, as GitHub passes a missing secret as ''.
 */
function sealingSecret(env: CommandContext['env']): string {
  const given = (name: 'GRANTOPS_VERDICT_KEY' | 'GRANTOPS_APP_PRIVATE_KEY') => {
    const value = env[name];
    return value && value.trim() ? { name, value } : null;
  };
  const secret = given('GRANTOPS_VERDICT_KEY') ?? given('GRANTOPS_APP_PRIVATE_KEY');
  if (!secret) {
    throw new ConfigError(
      "On GitHub, reconcile remembers GitHub's verdict on each landing in refs/grantops/verdicts, sealed with a secret that only the reconcile job holds, so a verdict pushed by anyone else is never trusted: pass the App's private key as GRANTOPS_APP_PRIVATE_KEY (secrets.GRANTOPS_APP_PRIVATE_KEY of the access environment), or a secret of your own as GRANTOPS_VERDICT_KEY.",
    );
  }
  const length = secret.value.trim().length;
  if (length < MIN_SECRET) {
    throw new ConfigError(
      secret.name === 'GRANTOPS_VERDICT_KEY'
        ? `GRANTOPS_VERDICT_KEY has ${length} characters: a key that short could be guessed, and whoever guesses it can seal a verdict that a landing passed. Set it to a random secret of at least ${MIN_SECRET} characters (e.g. openssl rand -hex 32) kept in the access environment, or leave it unset to seal with the App's private key.`
        : `GRANTOPS_APP_PRIVATE_KEY has ${length} characters, so it is not the App's private key (a PEM key has over a thousand), and a key that short could be guessed by whoever wants to seal a verdict that a landing passed. Pass secrets.GRANTOPS_APP_PRIVATE_KEY of the access environment, or set GRANTOPS_VERDICT_KEY to a random secret of at least ${MIN_SECRET} characters.`,
    );
  }
  return secret.value;
}

/** The landings a hand-made merge after them (src/git/hand-merges.ts) keeps on the branch. */
async function handMerged(
  repo: string,
  landings: readonly LandingToCheck[],
  tip: string,
): Promise<LandingVerdict[]> {
  if (landings.length === 0) return [];
  const since = await oldestOnChain(repo, [...new Set(landings.map((l) => l.commit))]);
  const merges = await handMadeMerges(repo, tip, since);
  const out = new Map<string, LandingVerdict>();
  for (const merge of merges) {
    for (const l of landings) {
      if (out.has(l.commit) || !merge.paths.includes(l.path)) continue;
      if (await isAncestor(repo, l.commit, merge.merge))
        out.set(l.commit, handMergedVerdict(l, merge));
    }
  }
  return [...out.values()];
}
