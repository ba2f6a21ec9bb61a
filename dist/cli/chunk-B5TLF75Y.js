#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  fixedClock,
  parseInstant,
  systemClock
} from "./chunk-R64KUAPR.js";
import {
  GrantopsError,
  UsageError,
  escapeText,
  quote,
  safeOutput
} from "./chunk-3UBAAKNO.js";

// src/cli.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";
var CATALOGUE = {
  validate: {
    summary: "Decide whether the change base..head is a valid access request (and, with approvals, whether it may merge).",
    load: async () => (await import("./validate-XRVR2BPU.js")).validateCommand()
  },
  codeowners: {
    summary: "Write (or with --check, verify) .github/CODEOWNERS from the policies.",
    load: async () => (await import("./codeowners-T7SD4OIT.js")).codeownersCommand
  },
  init: {
    summary: "Start a new access repository: example policies, workflows, CODEOWNERS, schemas.",
    load: async () => (await import("./init-D4Y3OUHO.js")).initCommand
  },
  status: {
    summary: "Show the grants on the main branch that are active or scheduled now.",
    load: async () => (await import("./status-3PAXFPGR.js")).statusCommand
  },
  audit: {
    summary: "Print the access timeline from git history, or who had access at a given time.",
    load: async () => (await import("./audit-SRNKMR5V.js")).auditCommand
  },
  plan: {
    summary: "Show what reconcile would change at every provider, and why. Changes nothing.",
    load: async () => (await import("./plan-B3RZVGET.js")).planCommand()
  },
  reconcile: {
    summary: "Grant what the branch says is in effect now and revoke what it no longer backs, at every provider.",
    load: async () => (await import("./reconcile-RZV6OPGV.js")).reconcileCommand()
  },
  request: {
    summary: "Ask for a role: check the request, then write the grant file on a new request branch.",
    load: async () => (await import("./request-AEF6J2IU.js")).requestCommand
  },
  approve: {
    summary: "Record an approval of a request's current head commit (local forge).",
    load: async () => (await import("./approve-KTJAFRHQ.js")).approveCommand
  },
  merge: {
    summary: "Decide open requests with main\u2019s policies and their approvals, and squash-merge those that pass, with the audit trailers.",
    load: async () => (await import("./merge-SFCH6WJU.js")).mergeCommand
  },
  expire: {
    summary: "Record in git the grants whose window has ended: a revert deleting each file, merged onto main.",
    load: async () => (await import("./expire-LT25TB2B.js")).expireCommand
  },
  demo: {
    summary: "Watch one access request go through its whole life, offline, in a throwaway repository.",
    load: async () => (await import("./demo-CDFIOTKF.js")).demoCommand()
  },
  doctor: {
    summary: "Check the GitHub repository settings grantops relies on, and say what to fix.",
    load: async () => (await import("./doctor-ABSO3XJA.js")).doctorCommand()
  }
};
var GLOBAL_OPTIONS = {
  repo: { type: "string", help: "The access repository (default: the current directory)." },
  now: { type: "string", help: "Act as if it were this time (RFC 3339 or @unix-seconds)." },
  format: {
    type: "string",
    help: "Output format: text (default) or json; some commands add csv, markdown."
  },
  help: { type: "boolean", help: "Show help." }
};
function usage(summaries2) {
  const width = Math.max(...Object.keys(summaries2).map((n) => n.length));
  return [
    "grantops: temporary production access as pull requests",
    "",
    "Usage: grantops <command> [options]",
    "",
    "Commands:",
    ...Object.entries(summaries2).map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    "",
    "Global options: --repo DIR, --now TIME, --format text|json, --help",
    "Exit codes: 0 success, 1 the request or check failed, 2 usage or configuration error."
  ].join("\n");
}
async function runCli(argv, io) {
  const [name, ...rest] = argv;
  const json = asksForJson(rest);
  const stdout = (s) => io.stdout(safeOutput(s, json));
  const stderr = (s) => io.stderr(safeOutput(s));
  if (!name || name === "--help" || name === "-h" || name === "help") {
    stdout(usage(summaries(io.commands)));
    return name ? 0 : 2;
  }
  try {
    const command = await findCommand(name, io.commands);
    if (!command) {
      const names = Object.keys(await allCommands(io.commands)).join(", ");
      throw new UsageError(`Unknown command ${quote(name)}. Commands: ${names}.`);
    }
    const options = { ...GLOBAL_OPTIONS, ...command.options };
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: Object.fromEntries(
          Object.entries(options).map(([k, v]) => [
            k,
            { type: v.type, multiple: "multiple" in v && v.multiple === true }
          ])
        ),
        allowPositionals: true,
        strict: true
      });
    } catch (err) {
      throw new UsageError(`${escapeText(err.message, 300)}
Usage: ${command.usage}`);
    }
    if (parsed.values.help) {
      stdout(
        `Usage: ${command.usage}

${command.summary}

Options:
${Object.entries(options).map(([k, v]) => `  --${k.padEnd(14)} ${v.help}`).join("\n")}`
      );
      return 0;
    }
    const format = parsed.values.format ?? command.formats[0];
    if (!command.formats.includes(format)) {
      throw new UsageError(
        `--format ${quote(format)} is not one of ${command.formats.join(", ")}, the formats of ${name}.`
      );
    }
    let clock = systemClock;
    if (typeof parsed.values.now === "string") {
      const at = parseInstant(parsed.values.now);
      if (!at)
        throw new UsageError(
          `--now ${quote(parsed.values.now)} is not a time. Use RFC 3339 like 2026-11-26T09:00:00Z.`
        );
      clock = fixedClock(at);
    }
    const ctx = {
      repo: resolve(io.cwd, typeof parsed.values.repo === "string" ? parsed.values.repo : "."),
      clock,
      format,
      env: io.env,
      stdout,
      stderr
    };
    return await command.run(ctx, { values: parsed.values, positionals: parsed.positionals });
  } catch (err) {
    if (err instanceof GrantopsError) {
      stderr(`grantops: ${err.describe()}`);
      if (json) {
        stdout(
          JSON.stringify({
            error: { code: err.code, message: err.message, problems: err.problems }
          })
        );
      }
      return err.exitCode;
    }
    stderr(`grantops: unexpected error: ${err.stack ?? String(err)}`);
    return 2;
  }
}
async function findCommand(name, given) {
  if (given) return Object.hasOwn(given, name) ? given[name] : void 0;
  if (Object.hasOwn(CATALOGUE, name)) return CATALOGUE[name].load();
  const all = await allCommands(void 0);
  return Object.hasOwn(all, name) ? all[name] : void 0;
}
async function allCommands(given) {
  return given ?? (await import("./commands-KQVO7TOF.js")).commands;
}
function summaries(given) {
  const source = given ?? CATALOGUE;
  return Object.fromEntries(Object.entries(source).map(([name, c]) => [name, c.summary]));
}
function asksForJson(argv) {
  return argv.some((a, i) => a === "--format=json" || a === "--format" && argv[i + 1] === "json");
}

export {
  runCli
};
