import * as core from '@actions/core';
import { runCli } from './cli.js';
import { actionArgv } from './action-inputs.js';

/**
 * The GitHub Action entry point: reads the inputs into a command line and runs the same command
 * the CLI would, so the action and the CLI never disagree.
 */
async function main(): Promise<void> {
  const argv = actionArgv((name) => core.getInput(name), process.env);
  const code = await runCli(argv, {
    stdout: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
    stderr: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
    env: process.env,
    cwd: process.cwd(),
  });
  if (code !== 0) core.setFailed(`grantops ${argv[0] ?? ''} exited with ${code}`);
}

await main();
