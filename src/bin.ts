import { runCli } from './cli.js';

/** The `grantops` executable: the process's arguments and streams, handed to runCli. */
const write = (stream: NodeJS.WriteStream) => (s: string) =>
  stream.write(s.endsWith('\n') ? s : `${s}\n`);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: write(process.stdout),
  stderr: write(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  terminal: {
    stdout: process.stdout.isTTY === true,
    stderr: process.stderr.isTTY === true,
    stderrRaw: (s) => process.stderr.write(s),
    columns: () => process.stderr.columns,
  },
});
