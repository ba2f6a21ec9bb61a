import { actionRequest, envInput, type ActionRequest } from './action-inputs.js';
import { runCli } from './cli.js';
import { GrantopsError } from './core/errors.js';
import { safeOutput } from './core/text.js';
import type { CommandResult } from './render/action-summary.js';

/**
 * The GitHub Action entry point: reads the inputs into a command line and runs the same command
 * the CLI would, so the action and the CLI never disagree. The command prints its JSON result;
 * the action turns it into the job summary (Markdown), the step's outputs (`result`, and `valid`
 * and `approved` for validate) and, when the command failed, a failed step whose message says
 * why. @actions/core and the renderers are loaded only then: starting costs almost nothing.
 */
async function main(): Promise<void> {
  let request: ActionRequest;
  try {
    request = actionRequest(envInput(process.env), process.env);
  } catch (err) {
    // A usage or configuration error: its message, never a stack trace.
    const core = await import('./action-outputs.js');
    if (err instanceof GrantopsError) core.setFailed(`${err.code}: ${err.describe()}`);
    else core.setFailed(`Could not read the action's inputs: ${(err as Error).message}`);
    return;
  }
  let stdout = '';
  const code = await runCli(request.argv, {
    stdout: (s) => (stdout += s.endsWith('\n') ? s : `${s}\n`),
    stderr: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
    env: process.env,
    cwd: process.cwd(),
  });
  const result = parseResult(stdout);
  if (result === null) {
    // Not a result (the help, say): shown as it is.
    process.stdout.write(stdout);
    if (code !== 0)
      (await import('./action-outputs.js')).setFailed(
        `grantops ${request.command} exited with ${code}.`,
      );
    return;
  }
  await report(request, code, result);
}

async function report(request: ActionRequest, code: number, result: CommandResult): Promise<void> {
  const [core, view] = await Promise.all([
    import('./action-outputs.js'),
    import('./render/action-summary.js'),
  ]);
  const summary = view.actionSummary(request.command, code, result);
  process.stdout.write(
    request.show === 'json'
      ? `${safeOutput(JSON.stringify(result, null, 2), true)}\n`
      : safeOutput(summary),
  );
  if (process.env.GITHUB_OUTPUT)
    for (const [name, value] of Object.entries(view.actionOutputs(request.command, result)))
      core.setOutput(name, value);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();
  if (code !== 0) core.setFailed(view.failureMessage(request.command, code, result));
}

/** The JSON result a command printed, or null when it printed something else. */
function parseResult(stdout: string): CommandResult | null {
  try {
    const value: unknown = JSON.parse(stdout);
    return typeof value === 'object' && value !== null ? (value as CommandResult) : null;
  } catch {
    return null;
  }
}

await main();
