import { GRANTS_DIR } from '../core/paths.js';
import { git, gitOk, splitZ } from './run.js';

/**
 * Merge commits on the branch's first-parent chain whose grant files are not git's own merge
 * of their parents: the paths someone set by hand in the merge itself.
 *
 * The ledger reads first-parent history: what a merge brings in from its other parents counts
 * only as far as the merge's tree shows it. A merge can therefore drop a change made on its
 * other side. Pushed onto main with the old landing of a grant as its first parent and main
 * (where the file was since deleted) as its second, it fast-forwards main, descends from every
 * commit reconcile acted on, and makes the deleted grant's old landing the file's latest
 * version again. GitHub's merges never do this (their tree is git's merge), so any merge whose
 * grant files differ from git's merge of its parents was made by hand; with more than two
 * parents, every grant file counts as made by hand.
 *
 * Only merges after `since` are read (the oldest landing about to be provisioned): a
 * repository that squash-merges has none, and this costs one `rev-list`.
 */
export interface HandMerge {
  merge: string;
  parents: string[];
  /** Grant files whose version in the merge is not git's merge of its parents. */
  paths: string[];
}

export async function handMadeMerges(
  repo: string,
  tip: string,
  since: string,
): Promise<HandMerge[]> {
  const listed = (
    await gitOk(repo, [
      'rev-list',
      '--first-parent',
      '--merges',
      '--parents',
      '--end-of-options',
      tip,
      `^${since}`,
    ])
  )
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
  const out: HandMerge[] = [];
  for (const line of listed) {
    const [merge, ...parents] = line.split(' ') as [string, ...string[]];
    // git's merge of the two parents; with conflicts its tree still holds the markers, which
    // no resolution matches, so a hand-resolved grant file counts as made by hand.
    const auto =
      parents.length === 2
        ? (await git(repo, ['merge-tree', '--write-tree', '--no-messages', ...parents])).stdout
            .toString('utf8')
            .split('\n', 1)[0]!
            .trim()
        : '';
    const paths = splitZ(
      await gitOk(repo, [
        ...(auto
          ? ['diff-tree', '-r', '--name-only', '-z', '--no-renames', auto, `${merge}^{tree}`]
          : ['ls-tree', '-r', '--name-only', '-z', merge]),
        '--',
        GRANTS_DIR,
      ]),
    ).filter(Boolean);
    if (paths.length) out.push({ merge, parents, paths });
  }
  return out;
}

/** The oldest of commits that all lie on one first-parent chain: their common ancestor. */
export async function oldestOnChain(repo: string, commits: readonly string[]): Promise<string> {
  if (commits.length === 1) return commits[0]!;
  const out = await gitOk(repo, ['merge-base', '--octopus', '--end-of-options', ...commits]);
  return out.toString('utf8').trim();
}
