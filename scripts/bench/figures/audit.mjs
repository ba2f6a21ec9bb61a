import { median, runOnce } from '../measure.mjs';

/**
 * (c) `audit` over the long history vs the bare first-parent git log, and its peak memory at
 * two history sizes: streaming means the longer history needs (about) no more memory.
 */
export default {
  name: 'audit',
  async run(ctx) {
    const big = await ctx.repo(ctx.sizes.large);
    const small = await ctx.repo(ctx.sizes.small);
    const audit = (repo) => [
      process.execPath,
      [
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
    const smallRss = [];
    for (let i = 0; i < ctx.runs; i++) smallRss.push((await runOnce(...audit(small))).rssKb ?? 0);
    const rows = [
      {
        figure: `audit: ${ctx.sizes.large.commits} commits`,
        value: `${r.ratio.toFixed(2)}× git log (${(r.subjectMs / 1000).toFixed(2)} s vs ${(r.baselineMs / 1000).toFixed(2)} s)`,
        target: '≤ 1.5×',
        pass: r.ratio <= 1.5,
      },
    ];
    if (r.subjectRssKb && smallRss[0]) {
      const a = median(smallRss) / 1024;
      const b = r.subjectRssKb / 1024;
      rows.push({
        figure: `audit peak memory: ${ctx.sizes.small.commits} → ${ctx.sizes.large.commits} commits`,
        value: `${a.toFixed(0)} MB → ${b.toFixed(0)} MB (${(b / a).toFixed(2)}×)`,
        target: 'flat (≤ 1.25×)',
        pass: b / a <= 1.25,
      });
    }
    return rows;
  },
};
