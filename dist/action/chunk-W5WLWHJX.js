import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  approvalProblem,
  contentRules,
  countApprovals,
  fileRules,
  parseGrantFile,
  requestRules,
  revocationAllowed,
  suggestedGrantPath
} from "./chunk-ADFABMPM.js";
import {
  decodeUtf8,
  readBlobs
} from "./chunk-MKGQPIIX.js";
import {
  GRANTS_DIR,
  MAX_GRANT_BYTES,
  expandPrincipals,
  gitOk,
  isRegularFileMode,
  parseGrantPath,
  splitZ
} from "./chunk-Q2MZNMNM.js";
import {
  problem
} from "./chunk-DFG6E3KN.js";
import {
  quotePath
} from "./chunk-2M6QR42H.js";

// src/core/request/validate.ts
var run = (rules, c) => rules.flatMap((r) => r(c));
function validateRequest(input) {
  const problems = [];
  const approvalProblems = [];
  const grants = [];
  let approvalsMet = true;
  if (input.changes.length === 0) {
    problems.push(
      problem(
        "grants/",
        null,
        "E_NO_CHANGES",
        "This change touches no file. A request adds or changes one file grants/<role>/<your-login>.yaml."
      )
    );
  }
  for (const change of input.changes) {
    const path = parseGrantPath(change.path);
    if (!path) {
      problems.push(outsideAllowList(change, input.author));
      continue;
    }
    const c = {
      change,
      roleName: path.role,
      login: path.login,
      role: input.policy.roles.get(path.role),
      input
    };
    if (change.status === "deleted") {
      problems.push(...revocationAllowed(c));
      grants.push({
        path: change.path,
        role: path.role,
        requester: path.login,
        change: "revoked",
        duration_seconds: null
      });
      continue;
    }
    const found = run(fileRules, c);
    found.push(...run(requestRules, c));
    if (found.every(
      (p) => p.code !== "E_NOT_REGULAR_FILE" && p.code !== "E_FILE_TOO_LARGE" && p.code !== "E_ENCODING"
    ) && change.text !== null) {
      c.parsed = parseGrantFile(change.path, change.text, c.role);
      found.push(...c.parsed.problems, ...run(contentRules, c));
    }
    problems.push(...found);
    const summary = {
      path: change.path,
      role: path.role,
      requester: path.login,
      change: change.status === "added" ? "added" : "renewed",
      duration_seconds: c.parsed?.durationSeconds ?? null
    };
    if (c.role) {
      summary.approvals_required = c.role.approvals;
      if (input.approvedBy) {
        const count = countApprovals(c.role, input);
        summary.approved_by = count.counted;
        const missing = approvalProblem(change.path, c.role, count);
        if (missing) {
          approvalsMet = false;
          approvalProblems.push(missing);
        }
      }
    } else approvalsMet = false;
    grants.push(summary);
  }
  const valid = problems.length === 0;
  const approved = input.approvedBy === void 0 ? null : valid && approvalsMet;
  return { valid, approved, grants, problems: [...problems, ...approvalProblems] };
}
function outsideAllowList(change, author) {
  const p = change.path;
  if (!p.startsWith(GRANTS_DIR)) {
    return problem(
      p,
      null,
      "E_SCOPE",
      `A request may only add, change or delete files grants/<role>/<login>.yaml; this change also touches ${quotePath(p, 120)}. Changes to policies, workflows, schemas, code or other files are control-plane changes: open them as a separate pull request for the admins.`
    );
  }
  const login = author.toLowerCase();
  const parts = p.slice(GRANTS_DIR.length).split("/");
  let hint = `Name it ${suggestedGrantPath(void 0, login)}.`;
  if (/\.yml$/i.test(p)) hint = "Use the extension .yaml, not .yml.";
  else if (p !== p.toLowerCase())
    hint = `Paths are lower case: ${suggestedGrantPath(parts[0]?.toLowerCase(), login)}.`;
  else if (parts.length !== 2)
    hint = `Grant files sit exactly one folder deep: ${suggestedGrantPath(void 0, login)}.`;
  else if (/[^\x20-\x7e]/.test(p)) hint = "Paths may only use the letters a-z, digits, - and _.";
  return problem(p, null, "E_PATH", `${quotePath(p, 120)} is not a grant file path. ${hint}`);
}

// src/git/diff.ts
var STATUS = {
  A: "added",
  M: "modified",
  D: "deleted",
  T: "type-changed"
};
var ZERO = /^0+$/;
async function readChanges(repo, base, head) {
  const fields = splitZ(
    await gitOk(repo, [
      "diff",
      "--raw",
      "-z",
      "--no-renames",
      "--no-abbrev",
      "--no-ext-diff",
      `${base}...${head}`,
      "--"
    ])
  );
  const changes = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [oldMode, newMode, , newOid, status] = fields[i].slice(1).split(" ");
    changes.push({
      path: fields[i + 1],
      status: STATUS[status[0]] ?? "modified",
      oldMode,
      newMode,
      size: null,
      text: null,
      oid: ZERO.test(newOid) ? "" : newOid
    });
  }
  const wanted = changes.filter(
    (c) => c.oid && c.path.startsWith("grants/") && isRegularFileMode(c.newMode)
  );
  if (wanted.length) {
    const sizes = (await gitOk(
      repo,
      ["cat-file", "--batch-check=%(objectname) %(objectsize)"],
      wanted.map((c) => c.oid).join("\n") + "\n"
    )).toString("latin1").split("\n");
    const sizeOf = new Map(
      sizes.filter(Boolean).map((l) => [l.split(" ")[0], Number(l.split(" ")[1])])
    );
    for (const c of wanted) c.size = sizeOf.get(c.oid) ?? null;
    const small = wanted.filter((c) => c.size !== null && c.size <= MAX_GRANT_BYTES);
    const blobs = await readBlobs(
      repo,
      small.map((c) => c.oid)
    );
    for (const c of small) {
      const text = decodeUtf8(blobs.get(c.oid) ?? Buffer.alloc(0));
      if (text === null) c.notUtf8 = true;
      else c.text = text;
    }
  }
  return changes.map(({ oid: _oid, ...c }) => c);
}

// src/core/teams.ts
async function resolveTeams(policy, roleNames, directory) {
  const teams = /* @__PURE__ */ new Set();
  for (const name of roleNames) {
    const role = policy.roles.get(name);
    if (!role) continue;
    for (const list of [role.requesters, role.approvers])
      expandPrincipals(list, policy.groups).teams.forEach((t) => teams.add(t));
  }
  const entries = await Promise.all(
    [...teams].map(async (t) => [t, await directory.members(t)])
  );
  return new Map(entries);
}

export {
  validateRequest,
  readChanges,
  resolveTeams
};
