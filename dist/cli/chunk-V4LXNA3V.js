#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  PARAMS_CODE
} from "./chunk-JP4WULFN.js";
import {
  parseTimestamp
} from "./chunk-R64KUAPR.js";
import {
  GRANTS_DIR,
  LOGIN_PATTERN,
  MAX_GRANT_BYTES,
  TEAM_PATTERN,
  checkSchema,
  expandPrincipals,
  isRegularFileMode,
  membership,
  parseGrantPath,
  parseStrictYaml,
  patternMatches,
  positionFor,
  shippedSchema,
  stringArg,
  toValue
} from "./chunk-FZ7HWEFT.js";
import {
  DURATION_EXAMPLES,
  formatDuration,
  parseDuration
} from "./chunk-4K3XNE56.js";
import {
  ConfigError,
  INVISIBLE,
  UsageError,
  problem
} from "./chunk-P6HFGWWX.js";
import {
  quote,
  quotePath
} from "./chunk-LUMG572G.js";

// src/core/request/suggest.ts
var isRoleName = (name) => parseGrantPath(`grants/${name}/x.yaml`) !== null;
var isLoginName = (name) => parseGrantPath(`grants/x/${name}.yaml`) !== null;
function closest(name, candidates, max = 3, valid = isRoleName) {
  return [...candidates].filter(valid).map((c) => ({ c, d: distance(name, c) })).filter(({ d, c }) => d <= Math.max(2, Math.floor(c.length / 3))).sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).slice(0, max).map(({ c }) => c);
}
function suggestedGrantPath(role, login) {
  const r = role !== void 0 && isRoleName(role) ? role : "<role>";
  const l = isLoginName(login) ? login : "<login>";
  return `grants/${r}/${l}.yaml`;
}
function distance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(up + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

// schemas/grant.schema.json
var grant_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://grantops.dev/schemas/grant.schema.json",
  title: "grantops grant file",
  description: "A request for temporary access, stored at grants/<role>/<login>.yaml. The role and the requester come from the path; the file never names a person.",
  type: "object",
  additionalProperties: false,
  required: ["duration", "reason"],
  properties: {
    duration: {
      description: "How long the access lasts once the window opens: 30m, 2h, 1h30m, 1d, or ISO 8601 such as PT2H. At most the role's max_duration.",
      type: "string",
      minLength: 1,
      maxLength: 32,
      examples: ["2h", "30m", "1h30m", "1d", "PT2H"]
    },
    reason: {
      description: "Why you need the access, on one line. Reviewers read it and it is recorded in git history; the role's policy may require a pattern such as an incident number.",
      type: "string",
      minLength: 1,
      maxLength: 500
    },
    ticket: {
      description: "Ticket or incident reference, e.g. INC-4821. The role's policy says whether it is required, optional or forbidden, and its shape.",
      type: "string",
      minLength: 1,
      maxLength: 100
    },
    start: {
      description: "Optional scheduled start, RFC 3339 with an offset (2026-11-26T09:00:00Z). Default: when the change lands on the main branch.",
      type: "string",
      maxLength: 64
    },
    params: {
      description: "Need-to-know scope for this grant, validated by the role's params schema (for example which database schema).",
      type: "object"
    }
  }
};

// src/core/grant.ts
var grantSchema = shippedSchema(grant_schema_default);
var withParams = /* @__PURE__ */ new WeakMap();
function schemaFor(role) {
  if (!role?.params) return grantSchema;
  let s = withParams.get(role.params);
  if (!s) {
    const props = grantSchema.properties;
    s = {
      ...grantSchema,
      properties: { ...props, params: { ...role.params, description: props.params.description } }
    };
    withParams.set(role.params, s);
  }
  return s;
}
function parseGrantFile(path, text, role) {
  const parsed = parseStrictYaml(path, text, { maxBytes: MAX_GRANT_BYTES });
  if (!parsed.node) {
    const problems2 = parsed.problems.length ? parsed.problems : [
      {
        path,
        line: null,
        code: "E_EMPTY_FILE",
        message: "The grant file is empty. It needs at least `duration: 2h` and `reason: \u2026`."
      }
    ];
    return { grant: null, durationSeconds: null, positions: null, problems: problems2 };
  }
  const { value, positions } = toValue(parsed.node, schemaFor(role));
  const problems = checkSchema(grantSchema, value, path, positions);
  if (problems.length) return { grant: null, durationSeconds: null, positions, problems };
  const grant = value;
  return { grant, durationSeconds: parseDuration(grant.duration), positions, problems };
}

// src/core/request/approvals.ts
var GITHUB_LOGIN = new RegExp(LOGIN_PATTERN);
var AUTOMATION = /* @__PURE__ */ new Set(["github-actions"]);
function judgeApprovals(q) {
  const approvers = expandPrincipals(q.role.approvers, q.groups);
  const requester = q.requester.toLowerCase();
  const pushed = new Set((q.pushed ?? []).map((c) => c.toLowerCase()));
  const out = {
    required: q.role.approvals,
    counted: [],
    ignored: [],
    unresolved: []
  };
  const seen = /* @__PURE__ */ new Set();
  for (const raw of q.values) {
    const value = raw.trim();
    const login = value.toLowerCase();
    if (seen.has(login)) continue;
    seen.add(login);
    const why = refusal(value, requester, pushed);
    if (why) {
      out.ignored.push({ value, why });
      continue;
    }
    const m = membership(login, approvers, q.teams);
    if (m.member) {
      out.counted.push(login);
      continue;
    }
    out.unresolved.push(...m.unresolved.filter((t) => !out.unresolved.includes(t)));
    out.ignored.push({
      value,
      why: m.unresolved.length ? `membership in ${m.unresolved.join(", ")} could not be resolved${q.directory === false ? " (no directory was given: team members are known only through one)" : ""}` : `not an approver of ${q.role.name} (approvers: ${q.role.approvers.join(", ")})`
    });
  }
  return out;
}
function refusal(value, requester, pushed) {
  const lower = value.toLowerCase();
  if (lower.split(/[^a-z0-9-]+/).includes(requester))
    return "names the requester, who never approves their own access";
  if (/\[bot\]$/.test(lower) || AUTOMATION.has(lower.replace(/^@/, "")))
    return "a bot or automation account: bots never approve";
  if (!GITHUB_LOGIN.test(value))
    return "not a bare GitHub login (an approval names one person by login, like carol)";
  if (pushed.has(lower)) return "pushed commits to this pull request";
  return null;
}
function countApprovals(role, input) {
  return judgeApprovals({
    role,
    groups: input.policy.groups,
    teams: input.teams,
    requester: input.author,
    values: input.approvedBy ?? [],
    ...input.committers ? { pushed: input.committers } : {}
  });
}
function describeIgnored(count, max = 10) {
  const shown = count.ignored.slice(0, max).map((i) => `${quote(i.value)} (${i.why})`);
  const more = count.ignored.length - shown.length;
  return `${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`;
}
function approvalProblem(path, role, count) {
  if (count.counted.length >= count.required) return null;
  const missing = count.required - count.counted.length;
  const ignored = count.ignored.length ? ` Not counted: ${describeIgnored(count)}.` : "";
  return problem(
    path,
    null,
    "E_APPROVALS_MISSING",
    `${role.name} needs ${count.required} approval${count.required > 1 ? "s" : ""} from ${role.approvers.join(", ")} on the latest commit; ${count.counted.length} counted${count.counted.length ? ` (${count.counted.join(", ")})` : ""}, ${missing} missing.${ignored}`
  );
}

// src/core/request/rule.ts
var at = (c, key) => c.parsed?.positions ? positionFor(c.parsed.positions, `/${key}`) : null;
var none = [];

// src/core/request/content-rules.ts
var CONTROL = INVISIBLE;
var durationWithinRole = (c) => {
  const { parsed, role, change } = c;
  if (!parsed?.grant || !role) return none;
  const secs = parsed.durationSeconds;
  const where = at(c, "duration");
  if (secs === null) {
    return [
      problem(
        change.path,
        where,
        "E_DURATION_FORMAT",
        `duration ${quote(parsed.grant.duration)} is not a duration. Write it like ${DURATION_EXAMPLES}.`
      )
    ];
  }
  if (secs < 60)
    return [problem(change.path, where, "E_DURATION_TOO_SHORT", "duration must be at least 1m.")];
  if (secs > role.maxDurationSeconds) {
    return [
      problem(
        change.path,
        where,
        "E_DURATION_TOO_LONG",
        `duration ${parsed.grant.duration} is longer than ${role.name} allows (at most ${formatDuration(role.maxDurationSeconds)}). Ask for ${formatDuration(role.maxDurationSeconds)} or less; renew later if you still need it.`
      )
    ];
  }
  return none;
};
var startRule = (mayBePast) => (c) => {
  const { parsed, role, change, input } = c;
  const text = parsed?.grant?.start;
  if (text === void 0 || !role) return none;
  const where = at(c, "start");
  const start = parseTimestamp(text);
  if (!start) {
    return [
      problem(
        change.path,
        where,
        "E_START_FORMAT",
        `start ${quote(text)} is not an RFC 3339 time with an offset. Write it like 2026-11-26T09:00:00Z or 2026-11-26T10:00:00+01:00, or remove it to start when merged.`
      )
    ];
  }
  if (!mayBePast && start.getTime() < input.now.getTime()) {
    return [
      problem(
        change.path,
        where,
        "E_START_IN_PAST",
        `start ${quote(text)} is in the past. Remove it to start when the request is merged, or pick a future time.`
      )
    ];
  }
  if (start.getTime() - input.now.getTime() > role.maxLeadSeconds * 1e3) {
    return [
      problem(
        change.path,
        where,
        "E_START_TOO_FAR",
        `start ${quote(text)} is more than ${formatDuration(role.maxLeadSeconds)} ${mayBePast ? "after the grant landed" : "ahead"}, the most ${role.name} allows. Request closer to when you need the access.`
      )
    ];
  }
  return none;
};
var startInWindow = startRule(false);
var startWithinLeadOfLanding = startRule(true);
var reasonAcceptable = (c) => {
  const { parsed, role, change } = c;
  const reason = parsed?.grant?.reason;
  if (reason === void 0 || !role) return none;
  const where = at(c, "reason");
  if (CONTROL.test(reason)) {
    return [
      problem(
        change.path,
        where,
        "E_REASON_FORMAT",
        "reason must be a single line of visible text, without control or invisible characters (it is recorded in commit trailers). Put the details in the pull request description."
      )
    ];
  }
  const out = [];
  if (reason.trim().length < role.reason.minLength) {
    out.push(
      problem(
        change.path,
        where,
        "E_REASON_TOO_SHORT",
        `reason is ${reason.trim().length} characters; ${role.name} asks for at least ${role.reason.minLength}. Say what you will do and why, e.g. "INC-4821 slow checkout queries need EXPLAIN on the primary".`
      )
    );
  }
  if (role.reason.pattern && !patternMatches(role.reason.pattern, reason)) {
    out.push(
      problem(
        change.path,
        where,
        "E_REASON_PATTERN",
        `reason ${quote(reason)} does not match what ${role.name} requires (${role.reason.hint ?? `the pattern ${role.reason.pattern}`}).`
      )
    );
  }
  return out;
};
var ticketAcceptable = (c) => {
  const { parsed, role, change } = c;
  if (!parsed?.grant || !role) return none;
  const ticket = parsed.grant.ticket;
  const { mode, pattern } = role.ticket;
  if (ticket === void 0) {
    return mode === "required" ? [
      problem(
        change.path,
        null,
        "E_TICKET_REQUIRED",
        `${role.name} requires a ticket. Add a line like \`ticket: INC-4821\`${pattern ? ` (matching ${pattern})` : ""}.`
      )
    ] : none;
  }
  const where = at(c, "ticket");
  if (mode === "forbidden")
    return [
      problem(
        change.path,
        where,
        "E_TICKET_FORBIDDEN",
        `${role.name} does not take a ticket. Remove the ticket line.`
      )
    ];
  if (CONTROL.test(ticket))
    return [
      problem(
        change.path,
        where,
        "E_TICKET_FORMAT",
        "ticket must be a single line without control characters."
      )
    ];
  if (pattern && !patternMatches(pattern, ticket)) {
    return [
      problem(
        change.path,
        where,
        "E_TICKET_PATTERN",
        `ticket ${quote(ticket)} does not match ${pattern}, which ${role.name} requires.`
      )
    ];
  }
  return none;
};
var paramsFitRole = (c) => {
  const { parsed, role, change } = c;
  if (!parsed?.grant || !role || !parsed.positions) return none;
  const params = parsed.grant.params;
  if (!role.params) {
    if (params === void 0) return none;
    return [
      problem(
        change.path,
        at(c, "params"),
        "E_PARAMS_NOT_ALLOWED",
        `${role.name} takes no params. Remove the params block.`
      )
    ];
  }
  return checkSchema(role.params, params ?? {}, change.path, parsed.positions, {
    label: "params",
    pointerBase: "/params"
  }).map((p) => ({ ...p, code: PARAMS_CODE[p.code] }));
};

// src/core/request/file-rules.ts
var regularFile = ({ change }) => isRegularFileMode(change.newMode) ? none : [
  problem(
    change.path,
    null,
    "E_NOT_REGULAR_FILE",
    `Grant files must be regular files; this one is ${change.newMode === "120000" ? "a symbolic link" : change.newMode === "160000" ? "a submodule" : `of mode ${change.newMode}`}. Replace it with a plain YAML file.`
  )
];
var withinSizeCap = ({ change }) => (change.size ?? 0) <= MAX_GRANT_BYTES ? none : [
  problem(
    change.path,
    null,
    "E_FILE_TOO_LARGE",
    `The grant file is ${change.size} bytes; the limit is ${MAX_GRANT_BYTES}. A grant needs only duration, reason and perhaps ticket, start and params.`
  )
];
var utf8 = ({ change }) => change.notUtf8 ? [
  problem(
    change.path,
    null,
    "E_ENCODING",
    "The grant file is not valid UTF-8. Save it as UTF-8 text."
  )
] : none;

// src/core/request/who-rules.ts
var roleExists = ({ change, roleName, role, input }) => {
  if (role) return none;
  const names = [...input.policy.roles.keys()].sort();
  const near = closest(roleName, names);
  return [
    problem(
      change.path,
      null,
      "E_UNKNOWN_ROLE",
      `There is no role ${quote(roleName)} in the policies.${near.length ? ` Did you mean ${near.join(" or ")}?` : ""} ${names.length ? `Roles: ${names.slice(0, 15).join(", ")}${names.length > 15 ? ", \u2026" : ""}.` : "They define no role."}`
    )
  ];
};
var requesterIsAuthor = ({ change, login, roleName, input }) => login === input.author.toLowerCase() ? none : [
  problem(
    change.path,
    null,
    "E_REQUESTER_MISMATCH",
    `This file requests access for ${quote(login)}, but the pull request is by ${quote(input.author)}. You can only request access for yourself: name the file ${suggestedGrantPath(roleName, input.author.toLowerCase())}.`
  )
];
var requesterEligible = ({ change, role, input }) => {
  if (!role) return none;
  const who = expandPrincipals(role.requesters, input.policy.groups);
  const m = membership(input.author, who, input.teams);
  if (m.member) return none;
  if (m.unresolved.length) {
    return [
      unresolved(change.path, `${quote(input.author)} may request ${role.name}`, m.unresolved)
    ];
  }
  return [
    problem(
      change.path,
      null,
      "E_NOT_ELIGIBLE",
      `${quote(input.author)} may not request ${role.name}. Who may: ${role.requesters.join(", ")}. Ask to join one of them, or request a role you are eligible for.`
    )
  ];
};
var revocationAllowed = ({ change, login, role, input }) => {
  const author = input.author.toLowerCase();
  if (author === login) return none;
  if (role) {
    const m = membership(
      author,
      expandPrincipals(role.approvers, input.policy.groups),
      input.teams
    );
    if (m.member) return none;
    if (m.unresolved.length) {
      return [
        unresolved(
          change.path,
          `${quote(input.author)} is an approver of ${role.name}`,
          m.unresolved
        )
      ];
    }
  }
  return [
    problem(
      change.path,
      null,
      "E_REVOKE_NOT_ALLOWED",
      `${quote(input.author)} may not revoke ${login}'s grant: only the requester (${login}) or an approver of ${role?.name ?? "the role"}${role ? ` (${role.approvers.join(", ")})` : ""} may delete it.`
    )
  ];
};
function unresolved(path, question, teams) {
  return problem(
    path,
    null,
    "E_TEAM_UNRESOLVED",
    `Could not tell whether ${question}: the team${teams.length > 1 ? "s" : ""} ${teams.join(", ")} could not be resolved. Membership is never assumed; check the directory (token or --directory file) and run the check again.`
  );
}

// src/core/request/rules.ts
var fileRules = [regularFile, withinSizeCap, utf8];
var requestRules = [roleExists, requesterIsAuthor, requesterEligible];
var contentRules = [
  durationWithinRole,
  startInWindow,
  reasonAcceptable,
  ticketAcceptable,
  paramsFitRole
];
var landedContentRules = [
  durationWithinRole,
  startWithinLeadOfLanding,
  reasonAcceptable,
  ticketAcceptable,
  paramsFitRole
];

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

// src/core/directory.ts
var emptyDirectory = { members: async () => null };
function staticDirectory(teams) {
  const byLower = new Map(
    Object.entries(teams).map(([k, v]) => [k.toLowerCase(), v.map((m) => m.toLowerCase())])
  );
  return { members: async (team) => byLower.get(team.toLowerCase()) ?? null };
}

// src/local/directory.ts
import { readFile } from "node:fs/promises";
var schema = shippedSchema({
  type: "object",
  propertyNames: { pattern: TEAM_PATTERN },
  additionalProperties: { type: "array", items: { type: "string", pattern: LOGIN_PATTERN } }
});
async function fileDirectory(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ConfigError(
      `Cannot read the directory file ${path}: ${err.message}. Check the path given to --directory.`
    );
  }
  const parsed = parseStrictYaml(path, text);
  const { value, positions } = parsed.node ? toValue(parsed.node, schema) : { value: {}, positions: { value: /* @__PURE__ */ new Map(), key: /* @__PURE__ */ new Map() } };
  const problems = [...parsed.problems, ...checkSchema(schema, value, path, positions)];
  if (problems.length)
    throw new ConfigError(`The directory file ${path} is invalid; fix these problems:`, problems);
  return staticDirectory(value);
}

// src/wiring/directory.ts
var DEFAULT_TOKEN_ENV = "GITHUB_TOKEN";
async function directoryFromArgs(ctx, args, seams = {}) {
  const choice = stringArg(args, "directory");
  const tokenEnvArg = stringArg(args, "token-env");
  if (choice !== "github") {
    if (tokenEnvArg !== void 0)
      throw new UsageError(
        "--token-env applies only with --directory github. Add --directory github, or leave --token-env out."
      );
    return choice ? fileDirectory(choice) : emptyDirectory;
  }
  const tokenEnv = tokenEnvArg || DEFAULT_TOKEN_ENV;
  const token = ctx.env[tokenEnv];
  if (!token) {
    throw new ConfigError(
      `--directory github reads team members with the token in the environment variable ${tokenEnv}, which is not set. Set it to a token with the organization permission "Members: read" (e.g. a GitHub App installation token), or name another variable with --token-env NAME.`
    );
  }
  const [{ githubDirectory }, { createGitHubClient }] = await Promise.all([
    import("./directory-PFSCZKII.js"),
    import("./octokit-FJXZ3TL6.js")
  ]);
  const baseUrl = ctx.env.GITHUB_API_URL;
  const client = createGitHubClient({
    token,
    ...baseUrl ? { baseUrl } : {},
    // An injected fetch is a test double: retry delays protect the real API only.
    ...seams.fetch ? { fetch: seams.fetch, noWait: true } : {}
  });
  return githubDirectory(client, { tokenEnv, warn: (m) => ctx.stderr(`grantops: ${m}`) });
}

export {
  parseGrantFile,
  judgeApprovals,
  countApprovals,
  describeIgnored,
  closest,
  roleExists,
  requesterEligible,
  fileRules,
  landedContentRules,
  validateRequest,
  directoryFromArgs
};
