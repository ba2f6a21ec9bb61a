import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  runCli
} from "./action/chunk-6A2B54D3.js";
import "./action/chunk-RZREFPUH.js";
import "./action/chunk-KDCOSSMB.js";
import "./action/chunk-ZKAXKIEA.js";
import {
  ConfigError,
  GrantopsError,
  UsageError
} from "./action/chunk-AEA6CW7H.js";
import {
  quote,
  safeOutput
} from "./action/chunk-KLQUP7ME.js";
import "./action/chunk-LU25FTH7.js";

// src/action-inputs.ts
import { readFileSync } from "node:fs";
var envInput = (env) => (name) => (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
function actionRequest(input, env) {
  const command = input("command");
  if (!command)
    throw new UsageError(
      "The action input `command` is required: set it to validate, codeowners, status, audit, plan, reconcile, merge, expire or doctor."
    );
  const show = input("format") || "text";
  if (show !== "text" && show !== "json")
    throw new UsageError(`The action input \`format\` is ${quote(show)}; use text or json.`);
  const extra = input("args").split("\n").map((l) => l.trim()).filter(Boolean).flatMap((l) => {
    const m = /^(--[^\s=]+)\s+(.+)$/.exec(l);
    return m ? [m[1], m[2]] : [l];
  });
  if (extra.some((a) => a === "--format" || a.startsWith("--format=")))
    throw new UsageError(
      "Set the output format with the action input `format`, not with --format in `args`."
    );
  const argv = [command, ...extra, "--format", "json"];
  if (command === "validate" && env.GITHUB_EVENT_PATH && !extra.some((a) => a.startsWith("--author"))) {
    const pr = pullRequest(env.GITHUB_EVENT_PATH);
    if (pr) argv.push("--base", pr.base, "--head", pr.head, "--author", pr.author);
  }
  return { command, argv, show };
}
function pullRequest(path) {
  let event;
  try {
    event = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new ConfigError(
      `Could not read the event payload GitHub wrote (GITHUB_EVENT_PATH=${quote(path, 200)}): ${err.message}. Run validate from a workflow GitHub started for a pull request, or pass --base, --head and --author in \`args\`.`,
      [],
      "E_ACTION_EVENT"
    );
  }
  const pr = event?.pull_request;
  if (pr === void 0 || pr === null) return null;
  const base = pr.base?.sha;
  const head = pr.head?.sha;
  const author = pr.user?.login;
  if (typeof base !== "string" || typeof head !== "string" || typeof author !== "string")
    throw new ConfigError(
      "The event payload has a pull_request without base.sha, head.sha and user.login; grantops cannot tell what to validate or who asks. Run validate on pull_request events, or pass --base, --head and --author in `args`.",
      [],
      "E_ACTION_EVENT"
    );
  return { base, head, author };
}

// src/action.ts
async function main() {
  let request;
  try {
    request = actionRequest(envInput(process.env), process.env);
  } catch (err) {
    const core = await import("./action/action-outputs-UV65NJNX.js");
    if (err instanceof GrantopsError) core.setFailed(`${err.code}: ${err.describe()}`);
    else core.setFailed(`Could not read the action's inputs: ${err.message}`);
    return;
  }
  let stdout = "";
  const code = await runCli(request.argv, {
    stdout: (s) => stdout += s.endsWith("\n") ? s : `${s}
`,
    stderr: (s) => process.stderr.write(s.endsWith("\n") ? s : `${s}
`),
    env: process.env,
    cwd: process.cwd()
  });
  const result = parseResult(stdout);
  if (result === null) {
    process.stdout.write(stdout);
    if (code !== 0)
      (await import("./action/action-outputs-UV65NJNX.js")).setFailed(
        `grantops ${request.command} exited with ${code}.`
      );
    return;
  }
  await report(request, code, result);
}
async function report(request, code, result) {
  const [core, view] = await Promise.all([
    import("./action/action-outputs-UV65NJNX.js"),
    import("./action/action-summary-2BOFT7S4.js")
  ]);
  const summary = view.actionSummary(request.command, code, result);
  process.stdout.write(
    request.show === "json" ? `${safeOutput(JSON.stringify(result, null, 2), true)}
` : safeOutput(summary)
  );
  if (process.env.GITHUB_OUTPUT)
    for (const [name, value] of Object.entries(view.actionOutputs(request.command, result)))
      core.setOutput(name, value);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();
  if (code !== 0) core.setFailed(view.failureMessage(request.command, code, result));
}
function parseResult(stdout) {
  try {
    const value = JSON.parse(stdout);
    return typeof value === "object" && value !== null ? value : null;
  } catch {
    return null;
  }
}
await main();
