#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  DIRECTORY_OPTIONS,
  FORGE_OPTION,
  configuredLogin,
  heads,
  localForge,
  signatureFor
} from "./chunk-XUSYBR6C.js";
import {
  resolveTeams,
  validateRequest
} from "./chunk-RA5F3TUE.js";
import {
  policiesAt
} from "./chunk-M472FMX5.js";
import {
  closest,
  directoryFromArgs
} from "./chunk-OO3MYIJD.js";
import {
  printable
} from "./chunk-XQ3GJJ42.js";
import {
  LOGIN_PATTERN,
  expandPrincipals,
  git,
  grantPath,
  membership,
  requireArg,
  resolveCommit,
  stringArg
} from "./chunk-JZNY5N4S.js";
import {
  ExternalError,
  UsageError,
  formatProblem,
  problem,
  quote
} from "./chunk-3UBAAKNO.js";

// src/local/request-branch.ts
async function writeRequestBranch(spec) {
  const { git: git2 } = spec;
  const ref = heads(spec.branch);
  const existing = await git2.readRef(ref);
  if (existing) return { created: false, existing };
  const base = await git2.readRef(heads(spec.base));
  if (!base)
    throw new ExternalError("E_GIT_REF", `The base branch ${quote(spec.base)} does not exist.`);
  const blob = await git2.writeBlob(spec.text);
  const who = signatureFor(spec.login);
  const commit = await git2.writeCommit({
    tree: await git2.editTree(base, [{ path: spec.path, blob }]),
    parents: [base],
    message: `${spec.title}
`,
    author: who,
    committer: who,
    at: spec.clock.now()
  });
  if (await git2.swapRef(ref, commit, null, "grantops request"))
    return { created: true, commit, base };
  return { created: false, existing: await git2.readRef(ref) ?? commit };
}

// src/render/grant-file.ts
var PLAIN = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;
var AMBIGUOUS = /^(?:y|n|yes|no|on|off|~)$/i;
var scalar = (v) => PLAIN.test(v) && !AMBIGUOUS.test(v) ? v : JSON.stringify(v);
function grantFileText(f) {
  const lines = [
    "# yaml-language-server: $schema=../../schemas/grant.schema.json",
    `duration: ${scalar(f.duration)}`,
    `reason: ${JSON.stringify(f.reason)}`
  ];
  if (f.ticket !== void 0) lines.push(`ticket: ${JSON.stringify(f.ticket)}`);
  if (f.start !== void 0) lines.push(`start: ${JSON.stringify(f.start)}`);
  const params = Object.entries(f.params ?? {});
  if (params.length) {
    lines.push("params:");
    for (const [k, v] of params) lines.push(`  ${JSON.stringify(k)}: ${scalar(v)}`);
  }
  return `${lines.join("\n")}
`;
}

// src/render/request.ts
function requestJson(r) {
  return JSON.stringify(r, null, 2);
}
function renderRequest(r) {
  const role = printable(r.role);
  if (!r.request) {
    const lines = [
      `\u2717 ${role} for ${printable(r.requester)} was not requested (nothing was written):`,
      ...r.problems.map((p) => `  ${formatProblem(p)}`)
    ];
    if (r.problems.some((p) => p.code === "E_NOT_ELIGIBLE"))
      lines.push(
        `  ${printable(r.requester)} may request: ${r.may_request.join(", ") || "no role"}.`
      );
    return lines.join("\n");
  }
  const n = r.approvals_required ?? 1;
  return [
    `\u2713 ${r.renewal ? "renewal of" : "requested"} ${role} for ${printable(r.requester)} on ${printable(r.branch)} (${r.commit.slice(0, 10)}): ${printable(r.path)}`,
    `  next: ${n} approval${n === 1 ? "" : "s"} from ${(r.approvers ?? []).map((a) => printable(a)).join(", ")}: grantops approve ${printable(r.branch)} --as LOGIN`,
    `  then: grantops merge ${printable(r.branch)}`
  ].join("\n");
}

// src/commands/request.ts
var LOGIN = new RegExp(LOGIN_PATTERN);
var PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;
var requestCommand = {
  name: "request",
  summary: "Ask for a role: check the request, then write the grant file on a new request branch.",
  usage: "grantops request ROLE --for DURATION --reason TEXT [--ticket T] [--param k=v]\u2026 [--start TIME] [--as LOGIN] [--directory FILE]",
  formats: ["text", "json"],
  options: {
    for: { type: "string", help: "How long: 30m, 2h, 1h30m, 1d or ISO 8601 (PT2H)." },
    reason: {
      type: "string",
      help: "Why, in one line (some roles want an incident number first)."
    },
    ticket: { type: "string", help: "The ticket, when the role takes one." },
    param: { type: "string", multiple: true, help: "A scope parameter k=v (repeat for more)." },
    start: { type: "string", help: "Start later than the merge: RFC 3339 with an offset." },
    as: {
      type: "string",
      help: "The requester\u2019s GitHub login (local forge; default: from git\u2019s user.email no-reply address or user.name)."
    },
    "open-pr": { type: "boolean", help: "Push and open the pull request (GitHub forge)." },
    ...FORGE_OPTION,
    ...DIRECTORY_OPTIONS
  },
  async run(ctx, args) {
    const forge = localForge(ctx, args, "request");
    if (args.values["open-pr"] === true)
      throw new UsageError(
        "--open-pr opens a GitHub pull request; it has no meaning on the local forge."
      );
    const login = await requesterLogin(forge.git, args);
    const roleName = args.positionals[0];
    if (args.positionals.length > 1)
      throw new UsageError("Name one role per request (grantops request ROLE --for \u2026 --reason \u2026).");
    const baseSha = await readBase(ctx.repo, forge.base);
    const policy = await policiesAt(ctx.repo, baseSha);
    const directory = await directoryFromArgs(ctx, args);
    const teams = await resolveTeams(policy, policy.roles.keys(), directory);
    const mayRequest = rolesFor(login, policy, teams);
    if (!roleName) {
      throw new UsageError(
        `Name the role to request. ${login} may request: ${mayRequest.join(", ") || "no role (ask an admin which group to join)"}.`
      );
    }
    const fields = {
      duration: requireArg(args, "for"),
      reason: requireArg(args, "reason"),
      ...optional("ticket", stringArg(args, "ticket")),
      ...optional("start", stringArg(args, "start")),
      ...paramsOf(args) ? { params: paramsOf(args) } : {}
    };
    const path = grantPath(roleName.toLowerCase(), login);
    const result = {
      request: null,
      branch: `request/${roleName.toLowerCase()}/${login}`,
      path,
      pr: null,
      commit: null,
      requester: login,
      role: roleName,
      may_request: mayRequest,
      problems: []
    };
    if (!policy.roles.has(roleName)) {
      result.problems = [unknownRole(roleName, policy, mayRequest)];
    } else {
      const text = grantFileText(fields);
      const current = await git(ctx.repo, ["cat-file", "blob", `${baseSha}:${path}`]);
      const onMain = current.code === 0;
      const change = {
        path,
        status: onMain ? "modified" : "added",
        oldMode: onMain ? "100644" : "000000",
        newMode: "100644",
        size: Buffer.byteLength(text),
        text
      };
      const decided = validateRequest({
        author: login,
        changes: [change],
        policy,
        teams,
        now: ctx.clock.now()
      });
      result.problems = decided.problems;
      if (onMain && current.stdout.equals(Buffer.from(text))) {
        result.problems.push(
          problem(
            path,
            null,
            "E_RENEWAL_UNCHANGED",
            `${path} on ${forge.base} already says exactly this, and a renewal must change the file to land. Say why you renew in --reason (e.g. "INC-4821 still investigating"), or change the duration.`
          )
        );
      }
      result.approvals_required = decided.grants[0]?.approvals_required ?? null;
      result.approvers = policy.roles.get(roleName).approvers;
      result.renewal = onMain;
      if (!result.problems.length) {
        const written = await writeRequestBranch({
          git: forge.git,
          clock: ctx.clock,
          base: forge.base,
          branch: result.branch,
          path,
          text,
          login,
          title: `Request ${roleName} for ${login} for ${fields.duration}`
        });
        if (written.created) {
          result.request = result.branch;
          result.commit = written.commit;
        } else {
          result.problems = [
            problem(
              path,
              null,
              "E_REQUEST_OPEN",
              `The branch ${result.branch} already exists (at ${written.existing.slice(0, 10)}): a request for ${roleName} by ${login} is open. Merge or delete it first (git branch -D ${result.branch}), or add a commit to it.`
            )
          ];
        }
      }
    }
    ctx.stdout(ctx.format === "json" ? requestJson(result) : renderRequest(result));
    return result.request ? 0 : 1;
  }
};
var optional = (key, value) => value === void 0 ? {} : { [key]: value };
var readBase = (repo, base) => resolveCommit(repo, `refs/heads/${base}`);
function paramsOf(args) {
  const raw = args.values.param;
  const list = (Array.isArray(raw) ? raw : [raw]).filter((v) => typeof v === "string");
  if (!list.length) return null;
  const out = {};
  for (const item of list) {
    const eq = item.indexOf("=");
    const key = eq > 0 ? item.slice(0, eq) : "";
    if (!PARAM_KEY.test(key))
      throw new UsageError(
        `--param ${quote(item)} is not key=value with a key of letters, digits, _ and -, e.g. --param schema=orders.`
      );
    if (Object.hasOwn(out, key)) throw new UsageError(`--param ${quote(key)} is given twice.`);
    out[key] = item.slice(eq + 1);
  }
  return out;
}
function rolesFor(login, policy, teams) {
  return [...policy.roles.values()].filter((r) => membership(login, expandPrincipals(r.requesters, policy.groups), teams).member).map((r) => r.name).sort();
}
function unknownRole(name, policy, mayRequest) {
  const near = closest(name.toLowerCase(), policy.roles.keys());
  return problem(
    "policies/",
    null,
    "E_UNKNOWN_ROLE",
    `There is no role ${quote(name)}.${near.length ? ` Did you mean ${near.join(" or ")}?` : ""} You may request: ${mayRequest.join(", ") || "no role"}.`
  );
}
async function requesterLogin(git2, args) {
  const given = stringArg(args, "as");
  if (given !== void 0) {
    if (!LOGIN.test(given))
      throw new UsageError(
        `--as ${quote(given)} is not a GitHub login (letters, digits and single inner hyphens, at most 39).`
      );
    return given.toLowerCase();
  }
  const configured = await configuredLogin(git2);
  if (!configured)
    throw new UsageError(
      "Who is asking? Pass --as LOGIN, or set git config user.email to your GitHub no-reply address (ID+LOGIN@users.noreply.github.com)."
    );
  return configured;
}

export {
  requestCommand
};
