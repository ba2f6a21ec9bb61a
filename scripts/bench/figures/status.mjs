/** DESIGN §7: `status` at most 1.2× the bare git log of the same history. */
const TARGET = 1.2;

/** (b) `status` over the whole history vs the bare first-parent git log on the same repo. */
export default {
  name: 'status',
  async run(ctx) {
    const p = ctx.sizes.small;
    const repo = await ctx.repo(p);
    const now = new Date(repo.lastTime * 1000).toISOString();
    const r = await ctx.compare(
      [
        process.execPath,
        [ctx.cli, 'status', '--repo', repo.dir, '--ref', 'main', '--now', now, '--format', 'json'],
        {},
      ],
      ctx.bareLog(repo.dir),
    );
    return [
      {
        figure: `status: ${p.grants} grants over ${p.commits} commits`,
        value: `${r.ratio.toFixed(2)}× git log (${(r.subjectMs / 1000).toFixed(2)} s vs ${(r.baselineMs / 1000).toFixed(2)} s)`,
        target: `≤ ${TARGET}×`,
        pass: r.ratio <= TARGET,
      },
    ];
  },
};
