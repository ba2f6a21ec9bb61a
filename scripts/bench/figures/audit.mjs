import { median, runOnce } from '../measure.mjs';

/**
 * V8 grows its heap lazily: left alone, a process that runs twice as long ends with a larger
 * heap full of garbage, whatever it keeps alive. With the old space capped, peak RSS shows what
 * the audit needs. A process that held the history (or its events) would fail under the cap.
 */
const HEAP_CAP_MB = 64;

/** DESIGN §7: `audit` at most 1.2× the bare git log of the same history. */
const TARGET = 1.2;

const mb = (kb) => `${((kb ?? 0) / 1024).toFixed(0)} MB`;

/**
 * (c) `audit` over the long history vs the bare first-parent git log, and its peak memory at
 * two history sizes: streaming means the longer history needs no more memory.
 */
export default {
  name: 'audit',
  async run(ctx) {
    const big = await ctx.repo(ctx.sizes.large);
    const small = await ctx.repo(ctx.sizes.small);
    const audit = (repo, nodeFlags = []) => [
      process.execPath,
      [
        ...nodeFlags,
        ctx.cli,
        'audit',
        '--repo',
        repo.dir,
        '--ref',
        'main',
        '--now',
        new Date(repo.lastTime * 1000).toISOString(),
        '--format',
        'json',
      ],
      {},
    ];
    const r = await ctx.compare(audit(big), ctx.bareLog(big.dir));
    const rows = [
      {
        figure: `audit: ${ctx.sizes.large.commits} commits`,
        value: `${r.ratio.toFixed(2)}× git log (${(r.subjectMs / 1000).toFixed(2)} s vs ${(r.baselineMs / 1000).toFixed(2)} s)`,
        target: `≤ ${TARGET}×`,
        pass: r.ratio <= TARGET,
      },
    ];
    const capped = async (repo) => {
      const runs = [];
      for (let i = 0; i < ctx.runs; i++)
        runs.push(await runOnce(...audit(repo, [`--max-old-space-size=${HEAP_CAP_MB}`])));
      return { ok: runs.every((x) => x.code === 0), rssKb: median(runs.map((x) => x.rssKb ?? 0)) };
    };
    const a = await capped(small);
    const b = await capped(big);
    const uncappedSmall = (await runOnce(...audit(small))).rssKb;
    if (!a.rssKb || !b.rssKb) {
      rows.push({
        figure: 'audit peak memory',
        value: 'not measured',
        target: 'flat',
        pass: a.ok && b.ok,
      });
      return rows;
    }
    rows.push({
      figure: `audit peak RSS, ${ctx.sizes.small.commits} → ${ctx.sizes.large.commits} commits (old space capped at ${HEAP_CAP_MB} MB)`,
      value:
        a.ok && b.ok
          ? `${mb(a.rssKb)} → ${mb(b.rssKb)} (${(b.rssKb / a.rssKb).toFixed(2)}×; uncapped ${mb(uncappedSmall)} → ${mb(r.subjectRssKb)})`
          : 'failed under the cap',
      target: 'flat (≤ 1.1×)',
      pass: a.ok && b.ok && b.rssKb / a.rssKb <= 1.1,
    });
    return rows;
  },
};
