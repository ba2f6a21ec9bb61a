import { runCli } from './cli.js';

/** The `grantops` executable: the process's arguments and streams, handed to runCli. */

// A reader that stops early (`grantops audit | head`) closes the pipe: that is not an error of
// grantops, so it ends quietly, as other command-line tools do, instead of with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
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
