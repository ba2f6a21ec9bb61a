import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  CODEOWNERS_PATH,
  renderCodeowners
} from "./chunk-MYGFCPXS.js";
import {
  printable
} from "./chunk-CUYCPMPS.js";
import {
  git,
  loadPolicies,
  providerSchemas,
  stringArg
} from "./chunk-L2WRRIKU.js";
import {
  ConfigError,
  UsageError
} from "./chunk-AEA6CW7H.js";
import {
  quote
} from "./chunk-KLQUP7ME.js";

// src/commands/init.ts
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// src/core/scaffold.ts
var ACTION_REF = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._/-]+)?@[0-9a-f]{40}$/;
var ORG_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
var ACCESS_WORKFLOWS = ["check.yml", "merge.yml", "reconcile.yml"];
function scaffold(input) {
  if (!ACTION_REF.test(input.actionRef))
    throw new Error(`action ref ${JSON.stringify(input.actionRef)} is not owner/repo@<commit>`);
  if (!ORG_NAME.test(input.org))
    throw new Error(`organization ${JSON.stringify(input.org)} is not a GitHub account name`);
  const files = [];
  for (const name of ACCESS_WORKFLOWS) {
    const text = input.workflows.get(name);
    if (text === void 0) throw new Error(`the package is missing its workflow ${name}`);
    files.push({ path: `.github/workflows/${name}`, content: pinAction(text, input.actionRef) });
  }
  for (const [name, text] of input.schemas) files.push({ path: `schemas/${name}`, content: text });
  for (const [path, text] of input.templates)
    files.push({ path, content: text.replaceAll("{org}", input.org) });
  files.push({ path: "grants/.gitkeep", content: "" });
  return files.sort((a, b) => a.path < b.path ? -1 : 1);
}
function pinAction(workflow, actionRef) {
  const [repo, sha] = actionRef.split("@");
  const pinned = workflow.replace(/^(\s*-?\s*uses:\s*)\.\/\s*$/gm, `$1${repo}@${sha}`);
  if (pinned === workflow) throw new Error("the workflow does not run the grantops action");
  return pinned;
}

// src/commands/init.ts
var initCommand = {
  name: "init",
  summary: "Start a new access repository: example policies, workflows, CODEOWNERS, schemas.",
  usage: "grantops init [DIR] --action-ref OWNER/REPO@COMMIT [--org ORG]",
  formats: ["text", "json"],
  options: {
    "action-ref": {
      type: "string",
      help: "The grantops action the workflows run, pinned by a full commit SHA (owner/repo@<40 hex>)."
    },
    org: {
      type: "string",
      help: "Your GitHub organization, used in the example team slugs (default: my-org)."
    }
  },
  async run(ctx, args) {
    const actionRef = stringArg(args, "action-ref");
    if (!actionRef || !ACTION_REF.test(actionRef))
      throw new UsageError(
        `--action-ref must name the grantops action pinned by a full commit SHA, like grantops/grantops@${"0".repeat(40)}${actionRef ? ` (got ${quote(actionRef, 80)})` : ""}. Find the commit of a release with: git ls-remote https://github.com/<owner>/grantops '<version>^{}' (the commit the annotated tag points at). Workflows hold production secrets; a tag can be moved, a commit cannot.`
      );
    const org = stringArg(args, "org") ?? "my-org";
    if (!ORG_NAME.test(org))
      throw new UsageError(
        `--org ${quote(org, 80)} is not a GitHub organization name. Use the name in your organization's address (github.com/ORG), e.g. --org acme.`
      );
    if (args.positionals.length > 1)
      throw new UsageError(
        `init starts one repository: name at most one folder. Usage: ${initCommand.usage}`
      );
    const dir = resolve(ctx.repo, args.positionals[0] ?? ".");
    const files = scaffold({ actionRef, org, ...await packageAssets() });
    const policy = loadPolicies(
      files.filter((f) => f.path.startsWith("policies/")).map((f) => ({ path: f.path, text: f.content })),
      providerSchemas
    );
    if (policy.problems.length)
      throw new ConfigError(
        "The example policies shipped with grantops are invalid. This is a bug in grantops: please report it with the problems below.",
        policy.problems
      );
    files.push({ path: CODEOWNERS_PATH, content: renderCodeowners(policy.policy) });
    const existing = files.filter((f) => existsSync(join(dir, f.path)));
    if (existing.length)
      throw new UsageError(
        `${printable(dir)} already has ${existing.map((f) => f.path).join(", ")}; init writes nothing over existing files. Choose an empty folder, or remove those files.`
      );
    for (const f of files) {
      await mkdir(dirname(join(dir, f.path)), { recursive: true });
      await writeFile(join(dir, f.path), f.content);
    }
    const created = !await insideWorkTree(dir);
    if (created) await mustGit(dir, ["init", "-q", "-b", "main"]);
    if (ctx.format === "json") {
      ctx.stdout(
        JSON.stringify({ dir, created_repository: created, files: files.map((f) => f.path) })
      );
      return 0;
    }
    ctx.stdout(
      [
        `Started an access repository in ${printable(dir)}${created ? " (a new git repository on main)" : ""}:`,
        ...files.map((f) => `  ${f.path}`),
        "",
        "Next:",
        "  1. Edit policies/access.yaml for your roles and people, and commit.",
        `  2. Regenerate CODEOWNERS from the committed policies and commit it: grantops codeowners --repo ${printable(dir)}`,
        "  3. Push to GitHub and follow docs/setup.md (the App, the `access` environment, the ruleset).",
        "  4. Run `grantops doctor` in the repository until every item holds."
      ].join("\n")
    );
    return 0;
  }
};
async function insideWorkTree(dir) {
  const r = await git(dir, ["rev-parse", "--is-inside-work-tree"]).catch(() => null);
  return r !== null && r.code === 0 && r.stdout.toString("utf8").trim() === "true";
}
async function mustGit(dir, argv) {
  const r = await git(dir, argv);
  if (r.code !== 0)
    throw new ConfigError(
      `git ${argv.join(" ")} failed in ${dir}: ${r.stderr.trim()}. The files are written: fix what git reports, then run git ${argv.join(" ")} there yourself.`
    );
}
async function packageAssets() {
  const root = await packageRoot();
  const read = async (folder, names) => new Map(
    await Promise.all(
      names.map(async (n) => [n, await readFile(join(root, folder, n), "utf8")])
    )
  );
  const schemaNames = (await readdir(join(root, "schemas"))).filter((n) => n.endsWith(".json"));
  const templateRoot = join(root, "templates/access-repo");
  const templateNames = await listFiles(templateRoot);
  return {
    workflows: await read(".github/workflows", ACCESS_WORKFLOWS),
    schemas: await read("schemas", schemaNames),
    templates: await read("templates/access-repo", templateNames)
  };
}
async function listFiles(dir, prefix = "") {
  const out = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...await listFiles(dir, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}
async function packageRoot() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    const pkg = await readFile(join(dir, "package.json"), "utf8").catch(() => null);
    if (pkg !== null && JSON.parse(pkg).name === "grantops") return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new ConfigError(
        "grantops cannot find its own package files (templates, schemas). Reinstall grantops so that its package is complete."
      );
    dir = parent;
  }
}

export {
  initCommand
};
