import { vi } from 'vitest';
import { forgeContract, type ForgeWorld } from '../forge/contract.js';
import { isCode, type Code } from '../../src/core/codes.js';
import type { DecisionReport } from '../../src/core/forge.js';
import { accessWorld } from '../fakes/github/world.js';

/** An annotation's title read back as the code it shows; anything else is a wrong annotation. */
function codeOf(title: string | undefined): Code {
  if (title !== undefined && isCode(title)) return title;
  throw new Error(`The annotation's title ${JSON.stringify(title)} is not a grantops code.`);
}

/**
 * The forge contract over the fake GitHub: the same suite the local forge passes, with people
 * acting through GitHub's API (their own tokens open pull requests and review them) and the
 * forge holding the App's installation token.
 */
async function githubWorld(): Promise<ForgeWorld> {
  const w = accessWorld();
  const forge = w.forge();
  return {
    forge,
    base: 'main',
    openRequest: async (as, branch, files) => String(await w.openRequest(as, branch, files)),
    async push(id, as, files) {
      const pull = w.repo.pull(Number(id))!;
      const sha = w.commit(as, pull.headSha, files);
      w.push(as, pull.head.ref, sha);
      return sha;
    },
    approve: (id, as) => w.review(as, Number(id)),
    land: async (path, text) => w.land({ [path]: text }),
    baseHead: async () => w.main(),
    baseFile: async (path) => w.repo.git.readFile('refs/heads/main', path),
    message: async (commit) => w.repo.git.commit(commit).message,
    // GitHub shows a decision as the latest check run on the head; its title is the summary.
    async lastReport(id): Promise<DecisionReport | null> {
      const pull = w.repo.pull(Number(id))!;
      const run = w.repo.checkRuns.filter((r) => r.headSha === pull.headSha).at(-1);
      if (!run) return null;
      return {
        request: id,
        head: run.headSha,
        conclusion:
          run.conclusion === 'success' ? 'success' : run.conclusion ? 'failure' : 'pending',
        summary: run.title ?? '',
        grants: [],
        approvals: { counted: [], ignored: [], eligible: [] },
        problems: run.annotations.map((a) => ({
          path: a.path,
          line: a.start_line,
          code: codeOf(a.title),
          message: a.message,
        })),
      };
    },
    cleanup: async () => w.cleanup(),
  };
}

// Each case drives real git repositories and dozens of API calls; ten concurrent expiry runs are
// the slowest, and a busy machine makes every git process slower.
vi.setConfig({ testTimeout: 120_000 });

forgeContract('github (fake GitHub)', githubWorld);
