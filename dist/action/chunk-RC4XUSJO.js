import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  mainOnly,
  readRepositorySettings
} from "./chunk-OT77CHOJ.js";
import {
  parseRepoRef,
  repoName
} from "./chunk-ZMUX3FSB.js";
import {
  CHECK_NAME
} from "./chunk-DNXJ7DRY.js";
import {
  createGitHubClient
} from "./chunk-S3XQZOQF.js";
import {
  policiesAt
} from "./chunk-NY4ACVCR.js";
import {
  CODEOWNERS_PATH,
  renderCodeowners
} from "./chunk-MYGFCPXS.js";
import {
  printable
} from "./chunk-CUYCPMPS.js";
import {
  resolveCommit,
  stringArg
} from "./chunk-L2WRRIKU.js";
import {
  ConfigError,
  GrantopsError,
  UsageError
} from "./chunk-AEA6CW7H.js";

// src/commands/doctor.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";

// src/github/doctor-rules.ts
var RULESET_FIX = (branch) => `Settings \u2192 Rules \u2192 Rulesets: edit the ruleset targeting ${branch} (or create one with "Default branch" as its target)`;
function prParam(rules, name) {
  return rules.some((r) => r.type === "pull_request" && r.parameters[name] === true);
}
function rulesChecks(input) {
  const { settings: s } = input;
  const b = s.defaultBranch;
  const has = (type) => s.rules.some((r) => r.type === type);
  const fix = RULESET_FIX(b);
  const rule = (id, holds, found, why, how) => ({
    id,
    status: holds ? "ok" : "fail",
    required: true,
    detail: holds ? found[0] : found[1],
    why,
    fix: `${fix}: ${how}.`
  });
  const checks = [
    rule(
      "rules.pull_request",
      has("pull_request"),
      [
        `${b} accepts changes only through pull requests.`,
        `Nothing requires a pull request to change ${b}.`
      ],
      "Every grant must arrive as a reviewed pull request; a direct push would grant nothing and raise an alarm.",
      'enable "Require a pull request before merging"'
    ),
    rule(
      "rules.code_owner_review",
      prParam(s.rules, "require_code_owner_review"),
      ["Code-owner review is required.", "Code-owner review is not required."],
      "CODEOWNERS routes each role to its approvers and policy changes to the admins; without it any reviewer would do for GitHub.",
      'enable "Require review from Code Owners"'
    ),
    rule(
      "rules.dismiss_stale",
      prParam(s.rules, "dismiss_stale_reviews_on_push"),
      ["Stale approvals are dismissed on push.", "Approvals survive new pushes."],
      "An approval must be of what merges. grantops checks the commit of each review itself, and GitHub dismissing them keeps its own rules honest too.",
      'enable "Dismiss stale pull request approvals when new commits are pushed"'
    ),
    rule(
      "rules.last_push_approval",
      prParam(s.rules, "require_last_push_approval"),
      ["The last push must be approved by someone else.", "Whoever pushed last can approve."],
      "Someone who pushed to a request must not approve it (I2).",
      'enable "Require approval of the most recent reviewable push"'
    ),
    rule(
      "rules.no_force_push",
      has("non_fast_forward"),
      [`Force pushes to ${b} are blocked.`, `${b} can be force-pushed.`],
      "Git history is the audit log: a rewritten main would erase it (I6).",
      'enable "Block force pushes"'
    ),
    rule(
      "rules.no_deletion",
      has("deletion"),
      [`${b} cannot be deleted.`, `${b} can be deleted.`],
      "Deleting main deletes the record of every grant.",
      'enable "Restrict deletions"'
    ),
    rule(
      "merge.no_merge_queue",
      !has("merge_queue"),
      ["No merge queue.", `A merge queue is required on ${b}.`],
      "A merge queue writes its own merge commits: grantops could not put the audit trailers in them.",
      'disable "Require merge queue"'
    )
  ];
  const required = s.rules.filter((r) => r.type === "required_status_checks").flatMap(
    (r) => r.parameters.required_status_checks ?? []
  ).filter((c) => c.context === input.checkName);
  const pinned = required.filter((c) => c.integration_id !== void 0);
  const ours = input.appId !== null && pinned.some((c) => c.integration_id === input.appId);
  checks.push({
    id: "rules.required_check",
    status: ours ? "ok" : !required.length ? "fail" : !pinned.length ? "fail" : input.appId === null ? "unknown" : "fail",
    required: true,
    detail: !required.length ? `${input.checkName} is not a required check.` : !pinned.length ? `${input.checkName} is required from any source.` : input.appId === null ? `${input.checkName} is required from app ${pinned.map((c) => c.integration_id).join(", ")}; pass --app-id to confirm that is grantops' App.` : ours ? `${input.checkName} is required from the grantops App (${input.appId}).` : `${input.checkName} is required from app ${pinned.map((c) => c.integration_id).join(", ")}, not the grantops App (${input.appId}).`,
    why: "The check is the decision of grantops. Pinned to the App, a pull request that edits its own workflow cannot post a passing one.",
    fix: `${fix}: under "Require status checks to pass", add ${input.checkName} and choose the grantops App as its source.`
  });
  return checks;
}
function bypassCheck(input) {
  const active = input.settings.rulesets.filter((r) => r.enforcement === "active");
  const fix = `${RULESET_FIX(input.settings.defaultBranch)}: under "Bypass list", keep only the grantops App, set to "For pull requests only".`;
  const why = "Whoever bypasses the ruleset can merge without review. The App needs to, in pull request mode only, to land the reverts that record expiry without waiting for a person.";
  if (active.some((r) => r.bypassActors === null)) {
    return {
      id: "rules.bypass",
      status: "unknown",
      required: true,
      detail: "GitHub shows the bypass list of a ruleset to administrators only.",
      why,
      fix: `Run doctor with a repository administrator's token. ${fix}`
    };
  }
  const actors = active.flatMap((r) => r.bypassActors ?? []);
  const isApp = (a) => a.actorType === "Integration" && (input.appId === null || a.actorId === input.appId);
  const others = actors.filter((a) => !isApp(a));
  const app = actors.filter(isApp);
  if (others.length) {
    const who = others.map((a) => `${a.actorType}${a.actorId !== null ? ` ${a.actorId}` : ""} (${a.mode})`).join(", ");
    return {
      id: "rules.bypass",
      status: "fail",
      required: true,
      detail: `Others may bypass the ruleset: ${who}.`,
      why,
      fix
    };
  }
  if (app.some((a) => a.mode !== "pull_request")) {
    return {
      id: "rules.bypass",
      status: "fail",
      required: true,
      detail: "The App may bypass the ruleset always, pushes included.",
      why,
      fix
    };
  }
  if (!app.length) {
    return {
      id: "rules.bypass",
      status: "warn",
      required: false,
      detail: "Nobody bypasses the ruleset: each expiry revert waits for one approval (revocation itself never waits).",
      why,
      fix
    };
  }
  return {
    id: "rules.bypass",
    status: input.appId === null ? "unknown" : "ok",
    required: true,
    detail: input.appId === null ? "An App bypasses in pull request mode; pass --app-id to confirm it is the grantops App." : "Only the grantops App bypasses, in pull request mode.",
    why,
    fix
  };
}

// src/github/doctor-checks.ts
function flag(id, value, good, text, why, fix) {
  if (value === null)
    return {
      id,
      status: "unknown",
      required: true,
      detail: "GitHub shows this setting to administrators only.",
      why,
      fix: `Run doctor with a repository administrator's token. ${fix}`
    };
  return {
    id,
    status: value === good ? "ok" : "fail",
    required: true,
    detail: value === good ? text[0] : text[1],
    why,
    fix
  };
}
function repositoryChecks(input) {
  const s = input.settings;
  return [
    flag(
      "merge.squash_allowed",
      s.squashMergeAllowed,
      true,
      ["Squash merging is allowed.", "Squash merging is not allowed."],
      "grantops merges each request as one squash commit carrying the audit trailers.",
      'Settings \u2192 General \u2192 Pull Requests: tick "Allow squash merging".'
    ),
    flag(
      "merge.auto_merge_off",
      s.autoMergeAllowed,
      false,
      ["Auto-merge is off.", "Auto-merge is allowed."],
      "Auto-merge writes its own commit message, without the trailers, and merges on the rules of GitHub rather than the decision of grantops.",
      'Settings \u2192 General \u2192 Pull Requests: untick "Allow auto-merge".'
    ),
    flag(
      "actions.cannot_approve",
      s.workflow ? s.workflow.canApprovePullRequestReviews : null,
      false,
      [
        "GitHub Actions cannot approve pull requests.",
        "GitHub Actions may create and approve pull requests."
      ],
      "A workflow in a request could approve the request with the Actions token.",
      'Settings \u2192 Actions \u2192 General \u2192 Workflow permissions: untick "Allow GitHub Actions to create and approve pull requests".'
    )
  ];
}
function codeownersChecks(input) {
  const errors = input.settings.codeownersErrors;
  const why = "Code-owner review routes each role to its approvers; an owner GitHub does not know is silently skipped.";
  return [
    {
      id: "codeowners.errors",
      status: errors === null ? "fail" : errors.length ? "fail" : "ok",
      required: true,
      detail: errors === null ? `There is no CODEOWNERS file on ${input.settings.defaultBranch}.` : errors.length ? `GitHub reports ${errors.length} error(s): ${errors.slice(0, 5).map((e) => `${e.path}:${e.line} ${e.message.split("\n")[0]}`).join("; ")}` : "GitHub reports no CODEOWNERS errors.",
      why,
      fix: "Run `grantops codeowners`, commit .github/CODEOWNERS through a pull request, and make sure every team it names exists and can write to the repository."
    },
    {
      id: "codeowners.in_sync",
      status: input.codeownersInSync === null ? "unknown" : input.codeownersInSync ? "ok" : "fail",
      required: true,
      detail: input.codeownersInSync === null ? "The policies or CODEOWNERS of the checkout could not be read." : input.codeownersInSync ? "CODEOWNERS matches the policies." : "CODEOWNERS does not match the policies.",
      why: "CODEOWNERS is generated from the policies: a stale one asks the wrong people to review.",
      fix: "Run `grantops codeowners` in the checkout and merge the result."
    }
  ];
}
function environmentChecks(input) {
  const env = input.settings.environment;
  const name = input.settings.environment?.name ?? "access";
  const fix = `Settings \u2192 Environments \u2192 ${name}`;
  if (!env) {
    return [
      {
        id: "environment.exists",
        status: "fail",
        required: true,
        detail: "The environment holding the secrets of grantops does not exist.",
        why: "The key of the App and the secrets of the providers must be usable only by jobs running the code on main.",
        fix: `Settings \u2192 Environments \u2192 New environment, named as in the workflows (or pass --environment NAME).`
      }
    ];
  }
  const missing = env.secrets ? input.secrets.filter((x) => !env.secrets.includes(x)) : null;
  const main = mainOnly(input.settings);
  return [
    {
      id: "environment.exists",
      status: "ok",
      required: true,
      detail: `Environment ${env.name} exists.`,
      why: "Secrets live in it.",
      fix
    },
    {
      id: "environment.main_only",
      status: main ? "ok" : "fail",
      required: true,
      detail: main ? `Only ${input.settings.defaultBranch} can deploy to ${env.name}.` : `${env.name} can be used from branches other than ${input.settings.defaultBranch}.`,
      why: "A workflow on any other branch is code nobody reviewed: it must never see the key of the App (I5).",
      fix: `${fix} \u2192 Deployment branches and tags: "Selected branches and tags", with the single rule ${input.settings.defaultBranch}.`
    },
    {
      id: "environment.secrets",
      status: missing === null ? "unknown" : missing.length ? "fail" : "ok",
      required: true,
      detail: missing === null ? "GitHub shows environment secrets to administrators only." : missing.length ? `Missing: ${missing.join(", ")}.` : `Holds ${input.secrets.join(", ")}.`,
      why: "grantops reads the key of the App and the credentials of each provider from the environment the workflows run in.",
      fix: `${fix} \u2192 Environment secrets: add ${missing?.length ? missing.join(", ") : input.secrets.join(", ")}.`
    }
  ];
}
function doctorChecks(input) {
  return [
    ...rulesChecks(input),
    bypassCheck(input),
    ...repositoryChecks(input),
    ...codeownersChecks(input),
    ...environmentChecks(input)
  ];
}
function doctorExitCode(checks) {
  const required = checks.filter((c) => c.required);
  if (required.some((c) => c.status === "fail")) return 1;
  if (required.some((c) => c.status === "unknown")) return 2;
  return 0;
}

// src/commands/doctor.ts
var APP_KEY_SECRET = "GRANTOPS_APP_PRIVATE_KEY";
var PROVIDED = /^(GITHUB_|GRANTOPS_APP_TOKEN$|ACTIONS_|RUNNER_)/;
function secretsNamed(policy) {
  const names = /* @__PURE__ */ new Set();
  for (const p of policy.providers.values()) {
    for (const [key, value] of Object.entries(p.settings)) {
      if (key.endsWith("_env") && typeof value === "string" && !PROVIDED.test(value))
        names.add(value);
    }
  }
  return [...names].sort();
}
async function localFacts(ctx) {
  try {
    const policy = await policiesAt(ctx.repo, await resolveCommit(ctx.repo, "HEAD"));
    const current = await readFile(join(ctx.repo, CODEOWNERS_PATH), "utf8").catch(() => null);
    return { inSync: current === renderCodeowners(policy), secrets: secretsNamed(policy) };
  } catch (e) {
    if (!(e instanceof GrantopsError)) throw e;
    ctx.stderr(`grantops: doctor: the checkout's policies could not be read: ${e.message}`);
    return { inSync: null, secrets: [] };
  }
}
var MARK = { ok: "\u2713", fail: "\u2717", warn: "!", unknown: "?" };
function renderText(repo, branch, checks, code) {
  const lines = [`grantops doctor: ${printable(repo)} (${printable(branch)})`, ""];
  for (const c of checks) {
    lines.push(`${MARK[c.status]} ${c.id}: ${printable(c.detail, 600)}`);
    if (c.status !== "ok") lines.push(`    why: ${c.why}`, `    fix: ${c.fix}`);
  }
  const count = (s) => checks.filter((c) => c.status === s).length;
  lines.push(
    "",
    code === 0 ? `All ${checks.length} checks hold${count("warn") ? ` (${count("warn")} warning)` : ""}.` : code === 1 ? `${count("fail")} of ${checks.length} checks fail.` : `${count("unknown")} check(s) could not be read; run doctor with a repository administrator's token.`
  );
  return lines.join("\n");
}
function doctorCommand(seams = {}) {
  return {
    name: "doctor",
    summary: "Check the GitHub repository settings grantops relies on, and say what to fix.",
    usage: "grantops doctor [--github-repo OWNER/NAME] [--app-id ID] [--environment NAME] [--token-env NAME]",
    formats: ["text", "json"],
    options: {
      "github-repo": {
        type: "string",
        help: "The repository on GitHub (default GITHUB_REPOSITORY)."
      },
      "app-id": {
        type: "string",
        help: "The grantops GitHub App's id, to check the required check and the bypass list are its (default GRANTOPS_APP_ID)."
      },
      environment: {
        type: "string",
        help: "The environment holding the App's key and the providers' secrets (default access)."
      },
      "token-env": {
        type: "string",
        help: "The environment variable holding a repository administrator's token (default GITHUB_TOKEN)."
      }
    },
    async run(ctx, args) {
      const repoText = stringArg(args, "github-repo") ?? ctx.env.GITHUB_REPOSITORY;
      if (!repoText)
        throw new UsageError(
          "doctor checks a repository on GitHub: name it with --github-repo OWNER/NAME (or set GITHUB_REPOSITORY)."
        );
      const repo = parseRepoRef(repoText, "--github-repo");
      const appText = stringArg(args, "app-id") ?? ctx.env.GRANTOPS_APP_ID;
      if (appText !== void 0 && !/^[1-9][0-9]{0,11}$/.test(appText))
        throw new UsageError(
          `--app-id is the App's numeric id (Settings \u2192 Developer settings \u2192 GitHub Apps \u2192 the App: "App ID"); got ${JSON.stringify(appText.slice(0, 40))}. Pass that number, e.g. --app-id 123456.`
        );
      const tokenEnv = stringArg(args, "token-env") ?? "GITHUB_TOKEN";
      const token = ctx.env[tokenEnv];
      if (!token)
        throw new ConfigError(
          `doctor reads the repository's settings with the token in ${tokenEnv}, which is not set. Use a repository administrator's token (e.g. GITHUB_TOKEN=$(gh auth token)): GitHub shows rulesets' bypass lists, merge settings and secret names to administrators only.`
        );
      const baseUrl = ctx.env.GITHUB_API_URL;
      const octokit = createGitHubClient({
        token,
        ...baseUrl ? { baseUrl } : {},
        ...seams.fetch ? { fetch: seams.fetch, noWait: true } : {}
      });
      const environment = stringArg(args, "environment") ?? "access";
      const [settings, local] = await Promise.all([
        readRepositorySettings(octokit, repo, environment),
        localFacts(ctx)
      ]);
      const checks = doctorChecks({
        settings,
        appId: appText === void 0 ? null : Number(appText),
        secrets: [APP_KEY_SECRET, ...local.secrets],
        codeownersInSync: local.inSync,
        checkName: CHECK_NAME
      });
      const code = doctorExitCode(checks);
      if (ctx.format === "json") {
        ctx.stdout(
          JSON.stringify({
            repo: repoName(repo),
            branch: settings.defaultBranch,
            ok: code === 0,
            checks,
            unreadable: settings.unreadable
          })
        );
      } else {
        ctx.stdout(renderText(repoName(repo), settings.defaultBranch, checks, code));
      }
      return code;
    }
  };
}

export {
  APP_KEY_SECRET,
  secretsNamed,
  doctorCommand
};
