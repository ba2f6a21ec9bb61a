#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  NO_PROGRESS,
  StatusLine
} from "./chunk-WDKGYMZA.js";
import {
  isCode
} from "./chunk-JP4WULFN.js";
import {
  fixedClock,
  parseInstant,
  systemClock
} from "./chunk-R64KUAPR.js";
import {
  GrantopsError,
  UsageError
} from "./chunk-P6HFGWWX.js";
import {
  escapeText,
  quote,
  safeOutput
} from "./chunk-LUMG572G.js";

// src/cli.ts
import { resolve } from "node:path";

// src/cli/colour.ts
import { randomBytes } from "node:crypto";
function colourWanted(isTTY, env) {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== void 0 && force !== "") return force !== "0" && force !== "false";
  if (env.TERM === "dumb") return false;
  return isTTY === true;
}
var same = (text) => text;
var PLAIN = { bold: same, red: same, green: same, yellow: same, dim: same };
var SGR = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39]
};
function painter() {
  const token = randomBytes(6).toString("hex");
  const mark = (n) => `\uE000${token}${n}\uE001`;
  const wrap2 = ([open, close]) => (text) => text === "" ? text : `${mark(open)}${text}${mark(close)}`;
  const marks = new RegExp(`\\ue000${token}(\\d+)\\ue001`, "g");
  return {
    style: {
      bold: wrap2(SGR.bold),
      red: wrap2(SGR.red),
      green: wrap2(SGR.green),
      yellow: wrap2(SGR.yellow),
      dim: wrap2(SGR.dim)
    },
    paint(text, colour, clean) {
      const parts = text.split(marks);
      return parts.map(
        (part, i) => i % 2 === 1 ? colour ? `\x1B[${part}m` : "" : colour ? verdicts(clean(part)) : clean(part)
      ).join("");
    }
  };
}
var sgr = ([open, close], text) => `\x1B[${open}m${text}\x1B[${close}m`;
function verdicts(text) {
  return text.replace(/✓/g, sgr(SGR.green, "\u2713")).replace(/✗/g, sgr(SGR.red, "\u2717")).replace(/(?<=: )E_[A-Z0-9_]+(?=: )/g, (code) => isCode(code) ? sgr(SGR.red, code) : code).replace(/^grantops: warning:/gm, `grantops: ${sgr(SGR.yellow, "warning:")}`);
}

// src/cli/examples.ts
var SHA = "3f1c0b1e0a9d4c2b7e6f5a4d3c2b1a0f9e8d7c6b";
var EXAMPLES = {
  validate: [
    {
      line: "grantops validate --base origin/main --head HEAD --author alice",
      why: "Check the change on your branch as alice\u2019s request before opening the pull request."
    },
    {
      line: "grantops validate --base origin/main --head HEAD --author alice --approved-by carol,dave --committers alice",
      why: "Decide whether it may merge: valid, and approved on its head commit by people who did not push to it."
    },
    {
      line: "grantops validate --base origin/main --head HEAD --author alice --directory teams.yaml --format json",
      why: "Offline, with @org/team members from a YAML file, as JSON for a script."
    }
  ],
  codeowners: [
    {
      line: "grantops codeowners",
      why: "Rewrite .github/CODEOWNERS from the committed policies, after a change to roles or groups."
    },
    {
      line: "grantops codeowners --check",
      why: "In CI: exit 1 when CODEOWNERS is missing or no longer matches the policies."
    }
  ],
  init: [
    {
      line: `grantops init access --action-ref acme/grantops@${SHA} --org acme`,
      why: "Start an access repository in ./access, its workflows pinned to that commit of the action."
    },
    {
      line: `grantops init --action-ref acme/grantops@${SHA}`,
      why: "Add grantops to the current (empty) folder, with my-org in the example team names."
    }
  ],
  status: [
    {
      line: "grantops status",
      why: "Who has access now, and what is scheduled, on the main branch."
    },
    {
      line: "grantops status --now 2026-11-27T09:00:00Z",
      why: "What will be in force tomorrow at 09:00 UTC."
    },
    {
      line: "grantops status --directory github --format json",
      why: "As JSON, with approvers named through @org/team resolved by GitHub\u2019s API."
    }
  ],
  audit: [
    {
      line: "grantops audit --since 2026-11-01T00:00:00Z --until 2026-12-01T00:00:00Z",
      why: "Every grant, renewal, expiry and revocation in November."
    },
    {
      line: "grantops audit --at 2026-11-26T09:30:00Z",
      why: "Who had access at that moment (an incident review)."
    },
    {
      line: "grantops audit --user alice --role orders-db-read --format csv",
      why: "One person\u2019s history of one role, for a spreadsheet."
    },
    {
      line: "grantops audit --since 2026-11-01T00:00:00Z --format markdown",
      why: "The month as a Markdown table with a Mermaid chart, for a report or an issue."
    }
  ],
  plan: [
    {
      line: "grantops plan",
      why: "What reconcile would grant and revoke now at every provider, and why; changes nothing."
    },
    {
      line: "grantops plan --now 2026-11-26T18:00:00Z",
      why: "What it would do at 18:00 UTC, once today\u2019s short grants have ended."
    },
    {
      line: "grantops plan --ref origin/main --format json",
      why: "The plan for the remote main branch, as JSON."
    }
  ],
  reconcile: [
    {
      line: "grantops reconcile --dry-run",
      why: "Print exactly what a real run would apply, and change nothing."
    },
    {
      line: "grantops reconcile",
      why: "Make every provider match main: revoke what ended, grant what was approved."
    },
    {
      line: "grantops reconcile --ref origin/main --directory github",
      why: "As the scheduled workflow runs it: main as fetched, teams resolved through GitHub."
    }
  ],
  request: [
    {
      line: 'grantops request orders-db-read --for 2h --reason "INC-4821 slow checkout queries need EXPLAIN"',
      why: "Ask for two hours of the role: checked, then written on request/orders-db-read/<you>."
    },
    {
      line: 'grantops request orders-db-read --for 1h --reason "CHG-1042 index migration" --start 2026-11-27T22:00:00+01:00',
      why: "Schedule it for tonight\u2019s change window instead of from the merge."
    },
    {
      line: 'grantops request orders-db-read --for 30m --reason "INC-4821 check locks" --param schema=billing --forge github --open-pr',
      why: "Ask for the billing schema only, and open the pull request on GitHub."
    },
    {
      line: 'grantops request orders-db-read --for 2h --reason "INC-4821 trial run" --as alice --forge local',
      why: "Try it on a plain git repository, as alice."
    }
  ],
  approve: [
    {
      line: "grantops approve request/orders-db-read/alice --as carol",
      why: "carol approves alice\u2019s request as it is now (local forge; on GitHub, review the pull request)."
    },
    {
      line: "grantops approve request/orders-db-read/alice --as carol --directory teams.yaml",
      why: "The same, with @org/team members from a YAML file so a team\u2019s member counts."
    }
  ],
  merge: [
    {
      line: "grantops merge --all",
      why: "Merge every open request that is valid and approved; say why each other one waits."
    },
    {
      line: "grantops merge request/orders-db-read/alice --forge local",
      why: "Decide one request of the local forge."
    },
    {
      line: "grantops merge 42 --forge github --format json",
      why: "Decide pull request #42 on GitHub, as the merge workflow does."
    }
  ],
  expire: [
    {
      line: "grantops expire --dry-run",
      why: "List the grants whose window has ended and that would be recorded; write nothing."
    },
    {
      line: "grantops expire",
      why: "Record each ended grant on main: a revert deleting its file, with Grant-Action: expired."
    },
    {
      line: "grantops expire --forge github --format json",
      why: "As the scheduled workflow runs it: revert pull requests, opened and merged by grantops."
    }
  ],
  demo: [
    {
      line: "grantops demo",
      why: "Watch a request go from ask to expiry, offline; nothing is left behind."
    },
    {
      line: "grantops demo --keep",
      why: "The same, keeping the repository and the database to look around afterwards."
    }
  ],
  doctor: [
    {
      line: "grantops doctor --github-repo acme/access --app-id 123456",
      why: "Check the repository\u2019s ruleset, environment and App against what grantops needs."
    },
    {
      line: "grantops doctor --github-repo acme/access --environment prod-access --token-env ADMIN_TOKEN",
      why: "With another environment name, and an administrator\u2019s token from ADMIN_TOKEN."
    },
    {
      line: "grantops doctor --format json",
      why: "In a workflow (GITHUB_REPOSITORY names the repository), as JSON."
    }
  ]
};

// src/cli/parse.ts
import { parseArgs } from "node:util";
var GLOBAL_OPTIONS = {
  repo: { type: "string", help: "The access repository (default: the current directory)." },
  now: { type: "string", help: "Act as if it were this time (RFC 3339 or @unix-seconds)." },
  format: {
    type: "string",
    help: "Output format: text (default) or json; some commands add csv, markdown."
  },
  help: { type: "boolean", short: "h", help: "Show this help." }
};
function optionsOf(command) {
  return { ...GLOBAL_OPTIONS, ...command.options };
}
function parseCommandLine(command, argv) {
  const options = optionsOf(command);
  const parsed = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(options).map(([name, spec]) => [
        name,
        {
          type: spec.type,
          multiple: spec.multiple === true,
          ..."short" in spec && typeof spec.short === "string" ? { short: spec.short } : {}
        }
      ])
    ),
    allowPositionals: true,
    strict: true
  });
  return { values: parsed.values, positionals: parsed.positionals };
}

// src/cli/help.ts
var WIDTH = 80;
function overview(summaries2, style = PLAIN) {
  const width = Math.max(...Object.keys(summaries2).map((n) => n.length));
  return [
    "grantops: temporary production access as pull requests",
    "",
    `${style.bold("Usage:")} grantops <command> [options]`,
    "",
    style.bold("Commands:"),
    // One line per command, however long: scripts and tests read the list line by line.
    ...Object.entries(summaries2).map(
      ([name, summary]) => `  ${style.bold(name)}${" ".repeat(width - name.length)}  ${summary}`
    ),
    "",
    "Global options: --repo DIR, --now TIME, --format text|json, --help",
    "Exit codes: 0 success, 1 the request or check failed, 2 usage or configuration error.",
    "",
    "Run grantops <command> --help (or grantops help <command>) for its options and examples.",
    "New here? grantops demo shows the whole lifecycle offline."
  ].join("\n");
}
function commandHelp(command, examples, style = PLAIN) {
  const own = Object.entries(command.options);
  const global = Object.entries(GLOBAL_OPTIONS).map(
    ([name, spec]) => name === "format" ? [name, { ...spec, help: `Output format (default ${command.formats[0]}).` }] : [name, spec]
  );
  const flag = ([name, spec]) => {
    const value = spec.type === "string" ? ` ${valueName(command, name)}` : "";
    return `--${name}${value}${spec.multiple ? " \u2026" : ""}`;
  };
  const column = Math.min(26, Math.max(...[...own, ...global].map((o) => flag(o).length)));
  const list = (options) => options.flatMap((o) => {
    const f = flag(o);
    const text = wrap(o[1].help, WIDTH - column - 4);
    if (f.length > column) return [`  ${f}`, ...text.map((l) => `${" ".repeat(column + 4)}${l}`)];
    return text.map((l, i) => `  ${(i === 0 ? f : "").padEnd(column)}  ${l}`);
  });
  return [
    `${style.bold("Usage:")} ${command.usage}`,
    "",
    ...wrap(command.summary, WIDTH),
    "",
    ...own.length ? [style.bold("Options:"), ...list(own), ""] : [],
    style.bold("Global options:"),
    ...list(global),
    "",
    style.bold("Examples:"),
    ...examples.flatMap((e, i) => [
      ...i ? [""] : [],
      ...wrap(e.why, WIDTH - 4).map((l) => `  ${style.dim(`# ${l}`)}`),
      `  $ ${e.line}`
    ])
  ].join("\n");
}
function valueName(command, name) {
  if (name === "format") return command.formats.join("|");
  if (name === "repo") return "DIR";
  if (name === "now") return "TIME";
  const escaped = name.replace(/[-]/g, "\\-");
  const m = new RegExp(`--${escaped}[ =]([^\\s\\[\\]]+)`).exec(command.usage);
  return m && !m[1].startsWith("-") ? m[1].replace(/…$/, "") : name.toUpperCase().replace(/-/g, "_");
}
function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}
function closest(name, known) {
  let best;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}
function distance(a, b) {
  const d = Array.from(
    { length: a.length + 1 },
    (_, i) => Array.from({ length: b.length + 1 }, (_2, j) => i === 0 ? j : j === 0 ? i : 0)
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

// src/cli.ts
var CATALOGUE = {
  validate: {
    summary: "Decide whether the change base..head is a valid access request (and, with approvals, whether it may merge).",
    load: async () => (await import("./validate-PPLRGFBR.js")).validateCommand()
  },
  codeowners: {
    summary: "Write (or with --check, verify) .github/CODEOWNERS from the policies.",
    load: async () => (await import("./codeowners-6QOQ2TXG.js")).codeownersCommand
  },
  init: {
    summary: "Start a new access repository: example policies, workflows, CODEOWNERS, schemas.",
    load: async () => (await import("./init-CZQ5NDVJ.js")).initCommand
  },
  status: {
    summary: "Show the grants on the main branch that are active or scheduled now.",
    load: async () => (await import("./status-SJ3XXS5U.js")).statusCommand
  },
  audit: {
    summary: "Print the access timeline from git history, or who had access at a given time.",
    load: async () => (await import("./audit-4VCKJ4V5.js")).auditCommand
  },
  plan: {
    summary: "Show what reconcile would change at every provider, and why. Changes nothing.",
    load: async () => (await import("./plan-UQEBB6EI.js")).planCommand()
  },
  reconcile: {
    summary: "Grant what the branch says is in effect now and revoke what it no longer backs, at every provider.",
    load: async () => (await import("./reconcile-PBNSJRCH.js")).reconcileCommand()
  },
  request: {
    summary: "Ask for a role: check the request, then write the grant file on a new request branch.",
    load: async () => (await import("./request-S5NYUYA7.js")).requestCommand
  },
  approve: {
    summary: "Record an approval of a request's current head commit (local forge).",
    load: async () => (await import("./approve-PPPCFEYY.js")).approveCommand
  },
  merge: {
    summary: "Decide open requests with main\u2019s policies and their approvals, and squash-merge those that pass, with the audit trailers.",
    load: async () => (await import("./merge-PPV6FATF.js")).mergeCommand
  },
  expire: {
    summary: "Record in git the grants whose window has ended: a revert deleting each file, merged onto main.",
    load: async () => (await import("./expire-UA7IOBFJ.js")).expireCommand
  },
  demo: {
    summary: "Watch one access request go through its whole life, offline, in a throwaway repository.",
    load: async () => (await import("./demo-35DIPXA4.js")).demoCommand()
  },
  doctor: {
    summary: "Check the GitHub repository settings grantops relies on, and say what to fix.",
    load: async () => (await import("./doctor-2FHF6OJB.js")).doctorCommand()
  }
};
async function runCli(argv, io) {
  const [name, ...rest] = argv;
  const json = asksForFormat(rest, ["json"]);
  const term = io.terminal;
  const colour = {
    stdout: colourWanted(term?.stdout, io.env) && !asksForFormat(rest, ["json", "csv", "markdown"]),
    stderr: colourWanted(term?.stderr, io.env)
  };
  const paint = colour.stdout || colour.stderr ? painter() : null;
  const style = paint?.style ?? PLAIN;
  const line = term?.stderr ? new StatusLine(term.stderrRaw, term.columns) : null;
  const stdout = (s) => {
    line?.clear();
    const clean = (t) => safeOutput(t, json);
    io.stdout(paint ? paint.paint(s, colour.stdout, clean) : clean(s));
  };
  const stderr = (s) => {
    line?.clear();
    const clean = (t) => safeOutput(t);
    io.stderr(paint ? paint.paint(s, colour.stderr, clean) : clean(s));
  };
  const progress = line ? (t) => line.show(safeOutput(t)) : NO_PROGRESS;
  try {
    if (!name || name === "--help" || name === "-h" || name === "help" && !isWord(rest[0])) {
      stdout(overview(summaries(io.commands), style));
      return name ? 0 : 2;
    }
    const [asked, words] = name === "help" ? [rest[0], ["--help"]] : [name, rest];
    return await runCommand(asked, words, { io, style, progress, stdout, stderr, json });
  } finally {
    line?.clear();
  }
}
async function runCommand(name, rest, s) {
  const { io, style, stdout, stderr } = s;
  try {
    const command = await findCommand(name, io.commands);
    if (!command) {
      const names = Object.keys(await allCommands(io.commands));
      const guess = closest(name, names);
      throw new UsageError(
        `Unknown command ${quote(name)}. Commands: ${names.join(", ")}.${guess ? ` Did you mean grantops ${guess}?` : ""} Run grantops --help to see what each does.`
      );
    }
    let args;
    try {
      args = parseCommandLine(command, rest);
    } catch (err) {
      const message = err.message;
      const unknown = /^Unknown option '(-[^']*)'/.exec(message)?.[1];
      const guess = unknown && closest(unknown.replace(/^--?/, ""), Object.keys(optionsOf(command)));
      const what = unknown ? `Unknown option '${escapeText(unknown, 80)}' for grantops ${command.name}.${guess ? ` Did you mean --${guess}?` : ""}` : escapeText(message, 300);
      throw new UsageError(
        `${what}
Usage: ${command.usage}
Run grantops ${command.name} --help for its options and examples.`
      );
    }
    if (args.values.help) {
      stdout(commandHelp(command, EXAMPLES[command.name] ?? [], style));
      return 0;
    }
    const format = args.values.format ?? command.formats[0];
    if (!command.formats.includes(format)) {
      throw new UsageError(
        `--format ${quote(format)} is not one of ${command.formats.join(", ")}, the formats of ${name}. Use one of those, or leave --format out for ${command.formats[0]}.`
      );
    }
    let clock = systemClock;
    if (typeof args.values.now === "string") {
      const at = parseInstant(args.values.now);
      if (!at)
        throw new UsageError(
          `--now ${quote(args.values.now)} is not a time. Use RFC 3339 like 2026-11-26T09:00:00Z.`
        );
      clock = fixedClock(at);
    }
    const ctx = {
      repo: resolve(io.cwd, typeof args.values.repo === "string" ? args.values.repo : "."),
      clock,
      format,
      env: io.env,
      stdout,
      stderr,
      style: format === "text" ? style : PLAIN,
      progress: s.progress
    };
    return await command.run(ctx, args);
  } catch (err) {
    if (err instanceof GrantopsError) {
      stderr(`${style.red(style.bold("grantops:"))} ${err.describe()}`);
      if (s.json) {
        stdout(
          JSON.stringify({
            error: { code: err.code, message: err.message, problems: err.problems }
          })
        );
      }
      return err.exitCode;
    }
    stderr(
      `${style.red(style.bold("grantops:"))} unexpected error: ${err.stack ?? String(err)}
This is a bug in grantops, not in your input: please report it with the command line you ran and the output above.`
    );
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
  return given ?? (await import("./commands-RGGNUKYJ.js")).commands;
}
function summaries(given) {
  const source = given ?? CATALOGUE;
  return Object.fromEntries(Object.entries(source).map(([name, c]) => [name, c.summary]));
}
function asksForFormat(argv, formats) {
  return argv.some(
    (a, i) => formats.some((f) => a === `--format=${f}`) || a === "--format" && formats.includes(argv[i + 1] ?? "")
  );
}
function isWord(arg) {
  return arg !== void 0 && arg !== "" && !arg.startsWith("-");
}

export {
  runCli
};
