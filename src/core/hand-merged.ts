import { refusedOutright, type LandingVerdict } from './landing-authority.js';

/**
 * A landing that reads as a grant file's latest version only because a later merge on the
 * branch set that file by hand against its own parents (src/git/hand-merges.ts): the change
 * the merge dropped (a revocation, a renewal) is out of the branch's first-parent record. The
 * landing itself may have passed; the branch around it does not. Refused for as long as the
 * merge stands, never remembered as a verdict on the landing commit.
 */
export function handMergedVerdict(
  landing: { commit: string; path: string },
  merge: { merge: string; parents: readonly string[] },
): LandingVerdict {
  const parents = merge.parents.map((p) => p.slice(0, 10)).join(' and ');
  return refusedOutright(
    landing.commit,
    landing.path,
    `${landing.path} reads as landed in ${landing.commit.slice(0, 10)} only because the merge ${merge.merge.slice(0, 10)} on the branch sets it by hand: git's merge of its parents ${parents} holds another version (a later change to the file, such as its revocation, made on the merged side and dropped by the merge). Such a merge rewrites the branch's record (I6). Delete the file again (or land its change through a request grantops merges), and have an admin check who pushed that merge.`,
  );
}
