/** The bundled action (dist/index.js) starting and doing nothing: DESIGN §7, under 0.15 s. */
import { join } from 'node:path';

export default {
  name: 'action',
  async run(ctx) {
    const action = join(ctx.cli, '..', 'index.js');
    // `help` prints the usage and exits 0: the action's whole start-up, no git, no network.
    const subject = [process.execPath, [action], { env: { INPUT_COMMAND: 'help' } }];
    const r = await ctx.compare(subject, [process.execPath, ['-e', '0'], {}]);
    return [
      {
        figure: 'action: dist/index.js starts and does nothing',
        value: `${(r.subjectMs / 1000).toFixed(2)} s (${r.ratio.toFixed(1)}× node -e 0)`,
        target: '< 0.15 s',
        pass: r.subjectMs < 150,
      },
    ];
  },
};
