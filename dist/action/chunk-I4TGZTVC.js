import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  DIRECTORY_OPTIONS,
  approverLines
} from "./chunk-ZYPSBA4K.js";
import {
  FORGE_OPTION,
  configuredLogin,
  forgeKind,
  gitRepository,
  heads,
  signatureFor
} from "./chunk-4W7E3K2F.js";
import {
  branchHead,
  pullData,
  pullsForHead
} from "./chunk-KPBPZKB7.js";
import {
  parseRepoRef,
  repoRefFromRemote
} from "./chunk-ZMUX3FSB.js";
import {
  mdText,
  whoMayApprove
} from "./chunk-JA6BUSJN.js";
import {
  githubError,
  statusOf
} from "./chunk-CJB666U3.js";
import {
  resolveTeams
} from "./chunk-MDF4GXS3.js";
import {
  policiesAt
} from "./chunk-NY4ACVCR.js";
import {
  eligibleApprovers
} from "./chunk-2ZI7UELM.js";
import {
  closest,
  directoryFromArgs,
  validateRequest
} from "./chunk-T5DEZ7P3.js";
import {
  printable
} from "./chunk-CUYCPMPS.js";
import {
  LOGIN_PATTERN,
  expandPrincipals,
  git,
  grantPath,
  membership,
  requireArg,
  resolveCommit,
  stringArg
} from "./chunk-L2WRRIKU.js";
import {
  formatDuration,
  parseDuration
} from "./chunk-FQZU7CBE.js";
import {
  ConfigError,
  ExternalError,
  GrantopsError,
  UsageError,
  formatProblem,
  problem
} from "./chunk-AEA6CW7H.js";
import {
  quote
} from "./chunk-KLQUP7ME.js";

// src/github/request-body.ts
function requestBody(b) {
  const length = b.durationSeconds === null ? mdText(b.duration, 40) : formatDuration(b.durationSeconds);
  const from = b.start ? `from ${mdText(b.start, 40)}, or from the merge if that is later` : "from the merge";
  const rows = [
    ["role", `${mdText(b.role.name, 80)}: ${mdText(b.role.description, 300)}`],
    ["for", `${mdText(b.requester, 60)} (the author of this pull request)`],
    [
      "window",
      `${length}, ${from}; then revoked (the role allows at most ${formatDuration(b.role.maxSeconds)})`
    ],
    ["reason", mdText(b.reason, 500)]
  ];
  if (b.ticket !== void 0) rows.push(["ticket", mdText(b.ticket, 100)]);
  const params = Object.entries(b.params ?? {});
  if (params.length)
    rows.push(["scope", params.map(([k, v]) => `${mdText(k, 60)}=${mdText(v, 200)}`).join(", ")]);
  rows.push([
    "file",
    `${mdText(b.path, 200)}${b.renewal ? " (a renewal: it replaces the grant on main)" : ""}`
  ]);
  return [
    `### Access request: ${mdText(b.role.name, 80)} for ${mdText(b.requester, 60)}`,
    "",
    "| | |",
    "| --- | --- |",
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    "",
    ...whoMayApprove(b.eligible),
    "",
    "grantops checks this pull request on every change (the check `grantops/decision` and its request card) and merges it once the approvals count on its latest commit. An approval on an earlier commit, or from the requester or someone who pushed to it, does not count."
  ].join("\n");
}

// src/github/requester.ts
async function tokenAccount(octokit, tokenEnv) {
  let data;
  try {
    ({ data } = await octokit.rest.users.getAuthenticated());
  } catch (e) {
    if (statusOf(e) === 403) throw notAPerson(tokenEnv, "GitHub answered 403 to GET /user");
    throw githubError(e, { doing: "asking GitHub whose token this is (GET /user)", tokenEnv });
  }
  if (data.type === "Bot" || /\[bot\]$/i.test(data.login))
    throw notAPerson(tokenEnv, `it acts for ${data.login}`);
  return { login: data.login.toLowerCase(), id: data.id };
}
function notAPerson(tokenEnv, why) {
  return new ExternalError(
    "E_GITHUB_FORBIDDEN",
    `The token in ${tokenEnv} is not a person's token (${why}): an App's installation token or GitHub Actions' token cannot ask for access, because the pull request's author is the requester. Set GH_TOKEN to your own token (e.g. GH_TOKEN=$(gh auth token)).`
  );
}
function noReplySignature(account) {
  return { name: account.login, email: `${account.id}+${account.login}@users.noreply.github.com` };
}

// src/github/request-publish.ts
async function baseOnGitHub(spec) {
  const sha = await caller(spec.tokenEnv)(
    `reading the branch ${spec.base}`,
    () => branchHead(spec.octokit, spec.repo, spec.base)
  );
  if (!sha)
    throw new ExternalError(
      "E_GIT_REF",
      `${spec.repo.owner}/${spec.repo.repo} has no branch ${spec.base} on GitHub, or the token in ${spec.tokenEnv} cannot see it: check GITHUB_REPOSITORY (or the clone's origin), and that the token can read the repository.`
    );
  await spec.git.fetchCommits(spec.source, [sha]);
  return sha;
}
async function publishRequest(spec) {
  const { git: git2 } = spec;
  const call = caller(spec.tokenEnv);
  const ref = `refs/heads/${spec.branch}`;
  const remote = await call(
    `looking for the branch ${spec.branch}`,
    () => branchHead(spec.octokit, spec.repo, spec.branch)
  );
  if (remote) {
    const [pull] = await call(
      `looking for the pull request of ${spec.branch}`,
      () => pullsForHead(spec.octokit, spec.repo, spec.branch, "open")
    );
    await git2.fetchCommits(spec.source, [remote]);
    if (!await holdsExactly(spec, remote))
      return { taken: true, where: "github", head: remote, pull: pull ?? null };
    if (pull || !spec.openPr)
      return { taken: false, commit: remote, pushed: true, pull: pull ?? null, changed: false };
    return { ...await open(spec, remote), commit: remote, pushed: true };
  }
  let commit = await git2.readRef(ref);
  let changed = false;
  if (commit) {
    if (!await holdsExactly(spec, commit))
      return { taken: true, where: "clone", head: commit, pull: null };
  } else {
    commit = await writeCommit(spec);
    if (!await git2.swapRef(ref, commit, null, "grantops request")) {
      const head = await git2.readRef(ref) ?? commit;
      return { taken: true, where: "clone", head, pull: null };
    }
    changed = true;
  }
  if (!spec.openPr) return { taken: false, commit, pushed: false, pull: null, changed };
  if (!await git2.pushNewBranch(spec.source, spec.branch, commit)) {
    const head = await call(
      `looking for the branch ${spec.branch}`,
      () => branchHead(spec.octokit, spec.repo, spec.branch)
    ) ?? commit;
    return { taken: true, where: "github", head, pull: null };
  }
  return { ...await open(spec, commit), commit, pushed: true, changed: true };
}
async function writeCommit(spec) {
  const who = noReplySignature(spec.account);
  const blob = await spec.git.writeBlob(spec.text);
  return spec.git.writeCommit({
    tree: await spec.git.editTree(spec.baseSha, [{ path: spec.path, blob }]),
    parents: [spec.baseSha],
    message: `${spec.title}
`,
    author: who,
    committer: who,
    at: spec.at
  });
}
async function holdsExactly(spec, head) {
  const { git: git2 } = spec;
  let forkPoint;
  try {
    forkPoint = await git2.mergeBase(spec.baseSha, head);
  } catch (e) {
    if (e instanceof GrantopsError) return false;
    throw e;
  }
  const changes = await git2.changedPaths(forkPoint, head);
  if (changes.length !== 1 || changes[0].path !== spec.path || changes[0].status === "D")
    return false;
  const blob = await git2.objectAt(head, spec.path);
  return blob !== null && await git2.readText(blob) === spec.text;
}
async function open(spec, head) {
  const doing = { doing: `opening the pull request from ${spec.branch}`, tokenEnv: spec.tokenEnv };
  try {
    const { data } = await spec.octokit.rest.pulls.create({
      ...spec.repo,
      head: spec.branch,
      base: spec.base,
      title: spec.title,
      body: spec.body
    });
    return { taken: false, pull: pullData(data), changed: true };
  } catch (e) {
    if (statusOf(e) !== 422) throw githubError(e, doing);
    const [existing] = await pullsForHead(spec.octokit, spec.repo, spec.branch, "open");
    if (!existing || existing.head.sha !== head) throw githubError(e, doing);
    return { taken: false, pull: existing, changed: false };
  }
}
function caller(tokenEnv) {
  return async (doing, run) => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof GrantopsError) throw e;
      throw githubError(e, { doing, tokenEnv });
    }
  };
}
function leftAlone(p, r) {
  const pull = p.pull ? `pull request #${p.pull.number} (${p.pull.url})` : null;
  const at = p.taken ? ` at ${p.head.slice(0, 10)}` : "";
  if (p.pull && p.pull.author.login !== r.login)
    return `${pull} from ${r.branch} was opened by ${p.pull.author.display}, not ${r.login}: the grantee is the author of the pull request (I1), so it can never grant ${r.login} access. Close it, then run this again.`;
  if (p.taken && p.where === "clone")
    return `The branch ${r.branch} exists in this clone${at} with another change than this request. Delete it (git branch -D ${r.branch}) or publish it yourself, then run this again.`;
  if (pull)
    return `A request for ${r.role} by ${r.login} is open: ${pull}, on ${r.branch}${at}, with another grant file than this one. Push a commit to its branch to change it, or close it and delete the branch, then run this again.`;
  return `The branch ${r.branch} exists on GitHub${at} with another change than this request, and no pull request. Open a pull request from it, or delete it (git push origin --delete ${r.branch}), then run this again.`;
}

// src/local/request-branch.ts
async function writeRequestBranch(spec) {
  const { git: git2 } = spec;
  const ref = heads(spec.branch);
  const existing = await git2.readRef(ref);
  if (existing) return { created: false, existing };
  const base = await git2.readRef(heads(spec.base));
  if (!base)
    throw new ExternalError(
      "E_GIT_REF",
      `The base branch ${quote(spec.base)} does not exist. Create it with the policies committed on it, then run again.`
    );
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
  const who = printable(r.requester);
  if (r.problems.length || !r.commit) {
    const lines = [
      `\u2717 ${role} for ${who} was not requested (nothing was written):`,
      ...r.problems.map((p) => `  ${formatProblem(p)}`)
    ];
    if (r.problems.some((p) => p.code === "E_NOT_ELIGIBLE"))
      lines.push(`  ${who} may request: ${r.may_request.join(", ") || "no role"}.`);
    return lines.join("\n");
  }
  const what = `${r.renewal ? "renewal of" : "requested"} ${role} for ${who}`;
  const where = `${printable(r.branch)} (${r.commit.slice(0, 10)}): ${printable(r.path)}`;
  const approvers = r.eligible ? approverLines(r.eligible, "  ") : [];
  if (r.forge === "local") {
    return [
      `\u2713 ${what} on ${where}`,
      ...approvers,
      `  next: an approver runs grantops approve ${printable(r.branch)} --as LOGIN`,
      `  then: grantops merge ${printable(r.branch)}`
    ].join("\n");
  }
  const again = r.changed ? "" : " (already done: nothing changed)";
  if (r.request && r.pr) {
    return [
      `\u2713 ${what}: pull request #${printable(r.request)} ${printable(r.pr, 300)}${again}`,
      `  branch ${where}`,
      ...approvers,
      "  next: an approver reviews the pull request on GitHub; grantops merges it once the approvals count on its latest commit"
    ].join("\n");
  }
  return [
    `\u2713 ${what} on ${where}, ${r.pushed ? "on GitHub, with no pull request yet" : "in this clone only (not pushed)"}${again}`,
    ...approvers,
    "  next: run the same command with --open-pr to push the branch and open the pull request"
  ].join("\n");
}

// src/wiring/github-requester.ts
var REQUESTER_TOKEN_ENVS = ["GH_TOKEN", "GITHUB_TOKEN"];
async function requesterGitHub(ctx, seams = {}) {
  const tokenEnv = REQUESTER_TOKEN_ENVS.find((name) => ctx.env[name]);
  const token = tokenEnv ? ctx.env[tokenEnv] : void 0;
  if (!tokenEnv || !token) {
    throw new ConfigError(
      "grantops request --forge github opens the pull request as you, with your own GitHub token: set GH_TOKEN (e.g. GH_TOKEN=$(gh auth token)) or GITHUB_TOKEN. It needs to read the repository and write its branches and pull requests."
    );
  }
  if (token === ctx.env.GRANTOPS_APP_TOKEN) {
    throw new ConfigError(
      `${tokenEnv} holds the grantops App's token (the same as GRANTOPS_APP_TOKEN). A request is opened with the requester's own token, so that GitHub names them as its author: set ${tokenEnv} to your own token.`
    );
  }
  const server = (ctx.env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  const repo = ctx.env.GITHUB_REPOSITORY ? parseRepoRef(ctx.env.GITHUB_REPOSITORY, "GITHUB_REPOSITORY") : await originRepo(ctx.repo, server);
  const baseUrl = ctx.env.GITHUB_API_URL;
  const { createGitHubClient } = await import("./octokit-IGQOIICD.js");
  return {
    octokit: createGitHubClient({
      token,
      ...baseUrl ? { baseUrl } : {},
      // An injected fetch is a test double: retry delays protect the real API only.
      ...seams.fetch ? { fetch: seams.fetch, noWait: true } : {}
    }),
    repo,
    source: { url: seams.gitUrl ?? `${server}/${repo.owner}/${repo.repo}.git`, token },
    tokenEnv
  };
}
async function originRepo(dir, server) {
  const r = await git(dir, ["remote", "get-url", "--", "origin"]);
  const url = r.code === 0 ? r.stdout.toString("utf8").trim() : "";
  const found = url ? repoRefFromRemote(url, new URL(server).host) : null;
  if (found) return found;
  throw new ConfigError(
    `Which repository on GitHub? Set GITHUB_REPOSITORY to OWNER/NAME (e.g. acme/access)${url ? `; the clone's origin is not on ${server}` : "; the clone has no origin remote"}.`
  );
}

// src/commands/request.ts
var LOGIN = new RegExp(LOGIN_PATTERN);
var PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;
var BASE = "main";
function requestCommandWith(seams = {}) {
  return {
    name: "request",
    summary: "Ask for a role: check the request, then write the grant file on a new request branch.",
    usage: "grantops request ROLE --for DURATION --reason TEXT [--ticket T] [--param k=v]\u2026 [--start TIME] [--as LOGIN] [--open-pr] [--forge github|local] [--directory FILE]",
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
        help: "The requester\u2019s GitHub login (local forge; default: from git\u2019s user.email no-reply address or user.name). On GitHub it must be the login of your token."
      },
      "open-pr": {
        type: "boolean",
        help: "Push the branch and open the pull request on GitHub with your own token (GH_TOKEN or GITHUB_TOKEN); implies --forge github."
      },
      ...FORGE_OPTION,
      ...DIRECTORY_OPTIONS
    },
    async run(ctx, args) {
      const openPr = args.values["open-pr"] === true;
      const kind = openPr && stringArg(args, "forge") === void 0 ? "github" : forgeKind(ctx, args);
      if (openPr && kind === "local")
        throw new UsageError(
          "--open-pr pushes the request branch and opens a GitHub pull request, so it cannot be used with --forge local: drop --open-pr (on the local forge the branch itself is the request), or use --forge github."
        );
      if (args.positionals.length > 1)
        throw new UsageError(
          "Name one role per request (grantops request ROLE --for \u2026 --reason \u2026)."
        );
      const repo = gitRepository(ctx.repo);
      const github = kind === "github" ? await requesterGitHub(ctx, seams) : null;
      const asked = askedLogin(args);
      const requester = github ? await githubRequester(github) : { login: asked ?? await configuredRequester(repo), account: null };
      const login = requester.login;
      const baseSha = github ? await baseOnGitHub({ ...github, git: repo, base: BASE }) : await resolveCommit(ctx.repo, `refs/heads/${BASE}`);
      const policy = await policiesAt(ctx.repo, baseSha);
      const directory = await directoryFromArgs(ctx, args);
      const teams = await resolveTeams(policy, policy.roles.keys(), directory);
      const mayRequest = rolesFor(login, policy, teams);
      const roleName = args.positionals[0];
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
        forge: kind,
        pushed: false,
        changed: false,
        requester: login,
        role: roleName,
        may_request: mayRequest,
        problems: []
      };
      const print = (code) => {
        ctx.stdout(ctx.format === "json" ? requestJson(result) : renderRequest(result));
        return code;
      };
      if (github && asked !== void 0 && asked !== login) {
        result.requester = asked;
        result.path = grantPath(roleName.toLowerCase(), asked);
        result.branch = `request/${roleName.toLowerCase()}/${asked}`;
        result.problems = [mismatch(result.path, asked, login, github.tokenEnv)];
        return print(1);
      }
      const role = policy.roles.get(roleName);
      if (!role) {
        result.problems = [unknownRole(roleName, policy, mayRequest)];
        return print(1);
      }
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
            `${path} on ${BASE} already says exactly this, and a renewal must change the file to land. Say why you renew in --reason (e.g. "INC-4821 still investigating"), or change the duration.`
          )
        );
      }
      result.approvals_required = decided.grants[0]?.approvals_required ?? null;
      result.approvers = role.approvers;
      result.eligible = eligibleApprovers({
        role,
        groups: policy.groups,
        teams,
        requester: login,
        pushers: []
      });
      result.renewal = onMain;
      if (result.problems.length) return print(1);
      const title = `Request ${role.name} for ${login} (${fields.duration})`;
      if (!github) {
        const written = await writeRequestBranch({
          git: repo,
          clock: ctx.clock,
          base: BASE,
          branch: result.branch,
          path,
          text,
          login,
          title
        });
        if (!written.created) {
          result.problems = [
            problem(
              path,
              null,
              "E_REQUEST_OPEN",
              `The branch ${result.branch} already exists (at ${written.existing.slice(0, 10)}): a request for ${role.name} by ${login} is open. Merge or delete it first (git branch -D ${result.branch}), or add a commit to it.`
            )
          ];
          return print(1);
        }
        Object.assign(result, { request: result.branch, commit: written.commit, changed: true });
        return print(0);
      }
      const published = await publishRequest({
        ...github,
        git: repo,
        account: requester.account,
        base: BASE,
        baseSha,
        branch: result.branch,
        path,
        text,
        title,
        body: requestBody({
          role: {
            name: role.name,
            description: role.description,
            maxSeconds: role.maxDurationSeconds
          },
          requester: login,
          path,
          renewal: onMain,
          durationSeconds: parseDuration(fields.duration),
          ...fields,
          eligible: result.eligible
        }),
        at: ctx.clock.now(),
        openPr
      });
      result.pr = published.pull?.url ?? null;
      if (published.taken || published.pull && published.pull.author.login !== login) {
        result.problems = [
          problem(path, null, "E_REQUEST_OPEN", leftAlone(published, { ...result, login }))
        ];
        return print(1);
      }
      Object.assign(result, {
        request: published.pull ? String(published.pull.number) : null,
        commit: published.commit,
        pushed: published.pushed,
        changed: published.changed
      });
      return print(0);
    }
  };
}
var requestCommand = requestCommandWith();
function askedLogin(args) {
  const given = stringArg(args, "as");
  if (given === void 0) return void 0;
  if (!LOGIN.test(given))
    throw new UsageError(
      `--as ${quote(given)} is not a GitHub login (letters, digits and single inner hyphens, at most 39): pass your login as GitHub shows it, e.g. --as alice.`
    );
  return given.toLowerCase();
}
async function configuredRequester(repo) {
  const configured = await configuredLogin(repo);
  if (!configured)
    throw new UsageError(
      "Who is asking? Pass --as LOGIN, or set git config user.email to your GitHub no-reply address (ID+LOGIN@users.noreply.github.com)."
    );
  return configured;
}
async function githubRequester(github) {
  const account = await tokenAccount(github.octokit, github.tokenEnv);
  return { login: account.login, account };
}
function mismatch(path, asked, login, tokenEnv) {
  return problem(
    path,
    null,
    "E_REQUESTER_MISMATCH",
    `--as ${quote(asked)} is not who the token in ${tokenEnv} acts for (${login}). On GitHub the requester is the author of the pull request, the account of the token that opens it: drop --as, or set ${tokenEnv} to ${asked}'s own token.`
  );
}
var optional = (key, value) => value === void 0 ? {} : { [key]: value };
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
    if (Object.hasOwn(out, key))
      throw new UsageError(`--param ${quote(key)} is given twice: give each key once.`);
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

export {
  requestCommandWith,
  requestCommand
};
