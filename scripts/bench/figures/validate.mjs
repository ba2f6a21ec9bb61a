/**
 * (a) `validate` of one request against 10,000 grant files and 500 roles: the whole CLI process,
 * at most 3× `node -e 0` (DESIGN §7), the baseline run alternately in the same session.
 */
export default {
  name: 'validate',
  async run(ctx) {
    const repo = await ctx.repo(ctx.sizes.small);
    const cmd = [
      process.execPath,
      [
        ctx.cli,
        'validate',
        '--base',
        'main',
        '--head',
        'bench-request',
        '--author',
        repo.requestLogin,
        '--repo',
        repo.dir,
        '--format',
        'json',
      ],
      {},
    ];
    const r = await ctx.compare(cmd, [process.execPath, ['-e', '0'], {}]);
    return [
      {
        figure: `validate: 1 request vs ${ctx.sizes.small.grants} grants, ${ctx.sizes.small.roles} roles (whole process)`,
        value: `${(r.subjectMs / 1000).toFixed(2)} s (${r.ratio.toFixed(1)}× node -e 0)`,
        target: '≤ 3× node -e 0',
        pass: r.ratio <= 3,
      },
    ];
  },
};
