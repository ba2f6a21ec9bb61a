import { describeError } from './apply-plan.js';
import { GrantopsError } from './errors.js';
import type { LandingProof } from './forge.js';
import { judgeLandingProof, type LandingVerdict } from './landing-authority.js';
import type { TeamMembers } from './policy/principals.js';
import type { Policy } from './policy/types.js';
import type { FileChange } from './request/types.js';

/**
 * Asking the forge how the landings reconcile is about to provision came about, once per
 * landing: the caller says which landings were judged before (their verdicts are remembered),
 * and only the others are asked about. Everything comes in through `LandingSource`: the forge's
 * record, and what git says the commit changed and which policies it landed under.
 */

/** A landing reconcile would provision: a grant file's latest version on the branch. */
export interface LandingToCheck {
  commit: string;
  path: string;
  landedAt: Date;
}

/** What git says about a landing commit: its first parent, what it changed, the policies then. */
export interface LandingFacts {
  base: string;
  changes: FileChange[];
  policy: Policy;
  teams: TeamMembers;
}

export interface LandingSource {
  /** grantops' own account on the forge: the only one that merges. */
  merger: string;
  proof(commit: string): Promise<LandingProof | null>;
  facts(commit: string): Promise<LandingFacts>;
  /**
   * The object at each of `paths` in `commit` (null: no such path), the commit fetched from the
   * forge first when the repository lacks it (a request's head, which never reaches the branch).
   */
  objectsAt(commit: string, paths: readonly string[]): Promise<ReadonlyMap<string, string | null>>;
}

export interface LandingChecks {
  /** Every verdict reached in this run; the final ones are to be remembered. */
  judged: LandingVerdict[];
  /** Landing commits refused in this run: never provisioned, and an alarm. */
  refused: ReadonlyMap<string, LandingVerdict>;
  /**
   * Landing commits that could not be judged in this run, and why (the forge could not be
   * reached, a team could not be resolved): nothing is granted for them now, and access they
   * already back is left as it is until a run can tell.
   */
  unchecked: ReadonlyMap<string, string>;
}

/** Landings asked about at once: a few, so a run after a burst of merges stays within limits. */
const AT_ONCE = 4;

export async function checkLandings(
  landings: readonly LandingToCheck[],
  judgedBefore: ReadonlySet<string>,
  source: LandingSource,
): Promise<LandingChecks> {
  const todo = new Map<string, LandingToCheck>();
  for (const l of landings)
    if (!judgedBefore.has(l.commit) && !todo.has(l.commit)) todo.set(l.commit, l);
  const judged: LandingVerdict[] = [];
  const refused = new Map<string, LandingVerdict>();
  const unchecked = new Map<string, string>();
  const queue = [...todo.values()];
  const worker = async () => {
    for (let l = queue.shift(); l; l = queue.shift()) {
      let verdict: LandingVerdict;
      try {
        const [proof, facts] = await Promise.all([source.proof(l.commit), source.facts(l.commit)]);
        const paths = facts.changes.map((c) => c.path);
        const [landed, atHead] = proof
          ? await Promise.all([
              source.objectsAt(l.commit, paths),
              source.objectsAt(proof.head, paths),
            ])
          : [new Map<string, string | null>(), new Map<string, string | null>()];
        verdict = judgeLandingProof({
          commit: l.commit,
          landedAt: l.landedAt,
          proof,
          merger: source.merger,
          ...facts,
          files: paths.map((path) => ({
            path,
            landed: landed.get(path) ?? null,
            atHead: atHead.get(path) ?? null,
          })),
        });
      } catch (err) {
        // The forge or git failed: an outcome for this run, never a verdict.
        if (!(err instanceof GrantopsError)) throw err;
        unchecked.set(l.commit, describeError(err));
        continue;
      }
      judged.push(verdict);
      if (verdict.passed) continue;
      if (verdict.final) refused.set(l.commit, verdict);
      else
        unchecked.set(
          l.commit,
          `a team its role names could not be resolved, so its approvals cannot be counted yet (${verdict.problems.map((p) => p.code).join(', ')}); run with --directory github (or a directory file) that can read the team`,
        );
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, queue.length) }, worker));
  judged.sort((a, b) => (a.commit < b.commit ? -1 : a.commit > b.commit ? 1 : 0));
  return { judged, refused, unchecked };
}
