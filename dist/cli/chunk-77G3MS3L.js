#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  FORGE_OPTION,
  forgeKind,
  gitRepository,
  isAncestor
} from "./chunk-MBHDA3L7.js";
import {
  identityFor
} from "./chunk-SYGJAFQC.js";
import {
  readChanges,
  resolveTeams
} from "./chunk-CF25Z6GK.js";
import {
  policiesAt
} from "./chunk-UYZCFKXI.js";
import {
  LEDGER_OPTIONS,
  judgeLandingProof,
  ledgerFromArgs,
  readVerdicts,
  refusedOutright,
  rejectionMessage,
  rememberVerdicts,
  verdictSeal
} from "./chunk-ROH4RORL.js";
import {
  LatestVersions
} from "./chunk-W3OPTJO3.js";
import {
  rolesOf,
  windowState
} from "./chunk-5GSE7XHR.js";
import {
  directoryFromArgs
} from "./chunk-V4LXNA3V.js";
import {
  iso
} from "./chunk-R64KUAPR.js";
import {
  printable
} from "./chunk-CKX4GWUA.js";
import {
  GRANTS_DIR,
  git,
  gitOk,
  providerSchemas,
  splitZ,
  tryResolveCommit
} from "./chunk-FZ7HWEFT.js";
import {
  ConfigError,
  ExternalError,
  GrantopsError,
  problem
} from "./chunk-P6HFGWWX.js";
import {
  quote
} from "./chunk-LUMG572G.js";

// src/core/apply-plan.ts
async function applyPlan(plan, providers) {
  const outcome = {
    granted: 0,
    revoked: 0,
    errors: [],
    failed: /* @__PURE__ */ new Set()
  };
  const byProvider = /* @__PURE__ */ new Map();
  const entry = (p) => byProvider.get(p) ?? byProvider.set(p, { grant: [], revoke: [] }).get(p);
  for (const i of plan.grant) entry(i.provider).grant.push(i);
  for (const i of plan.revoke) entry(i.provider).revoke.push(i);
  for (const [name, items] of byProvider) {
    const provider = providers.get(name);
    if (!provider || "unavailable" in provider) {
      for (const i of [...items.revoke, ...items.grant]) outcome.failed.add(i);
      outcome.errors.push(error(name, null, `Provider ${name} is not available; nothing applied.`));
      continue;
    }
    const done = await applyTo(name, provider, items);
    outcome.granted += done.granted;
    outcome.revoked += done.revoked;
    outcome.errors.push(...done.errors);
    for (const i of done.failed) outcome.failed.add(i);
  }
  return outcome;
}
async function applyTo(name, provider, items) {
  const errors = [];
  const failed = [];
  const fail = (i, err) => errors.push(error(name, i, describeError(err)));
  if (provider.apply) {
    const changes = {
      grant: items.grant.map((i) => i.access),
      revoke: items.revoke.map((i) => i.access)
    };
    const itemOf = new Map([...items.grant, ...items.revoke].map((i) => [i.access, i]));
    try {
      const r = await provider.apply(changes);
      for (const f of r.failed) {
        const i = itemOf.get(f.access) ?? null;
        if (i) failed.push(i);
        fail(i, new Error(f.error));
      }
      const asked = new Set(changes.grant);
      return {
        // A grant found already in place counts as granted: the person has the access now.
        granted: r.granted.length + r.unchanged.filter((u) => asked.has(u)).length,
        revoked: r.revoked.length,
        errors,
        failed
      };
    } catch (err) {
      fail(null, err);
      return { granted: 0, revoked: 0, errors, failed: [...items.revoke, ...items.grant] };
    }
  }
  let granted = 0;
  let revoked = 0;
  for (const i of items.revoke) {
    try {
      await provider.revoke(i.access);
      revoked += 1;
    } catch (err) {
      failed.push(i);
      fail(i, err);
    }
  }
  for (const i of items.grant) {
    try {
      await provider.grant(i.access);
      granted += 1;
    } catch (err) {
      failed.push(i);
      fail(i, err);
    }
  }
  return { granted, revoked, errors, failed };
}
function error(provider, i, message) {
  return {
    provider,
    role: i?.access.role ?? null,
    requester: i?.access.login ?? null,
    code: "E_PROVIDER_APPLY",
    message
  };
}
function describeError(err) {
  return err instanceof GrantopsError ? err.describe() : String(err?.message ?? err);
}

// src/core/plan.ts
var accessKey = (a) => `${a.role}\0${a.login}\0${a.identity}\0${canonical(a.target)}`;
var grantKey = (a) => `${a.role}/${a.login}`;
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}
function planReconcile(input) {
  const plan = { grant: [], revoke: [], unchanged: 0, errors: [] };
  const byProvider = /* @__PURE__ */ new Map();
  for (const d of input.desired) {
    const list = byProvider.get(d.provider) ?? [];
    list.push(d);
    byProvider.set(d.provider, list);
  }
  const seen = /* @__PURE__ */ new Set();
  for (const state of input.actual) {
    seen.add(state.provider);
    const wanted = byProvider.get(state.provider) ?? [];
    if ("error" in state) {
      plan.errors.push({
        provider: state.provider,
        role: null,
        requester: null,
        code: "E_PROVIDER_STATE",
        message: state.error
      });
      for (const d of wanted) {
        plan.errors.push({
          provider: state.provider,
          role: d.access.role,
          requester: d.access.login,
          code: "E_NOT_PLANNED",
          message: `${d.path} cannot be provisioned until ${state.provider} can be read.`
        });
      }
      continue;
    }
    const have = new Map(state.accesses.map((a) => [accessKey(a), a]));
    const want = new Map(wanted.map((d) => [accessKey(d.access), d]));
    const current = new Map(wanted.map((d) => [grantKey(d.access), d.access]));
    for (const [key, d] of want) {
      if (have.has(key)) {
        plan.unchanged += 1;
        continue;
      }
      if (input.refuseGrants) continue;
      plan.grant.push({
        provider: state.provider,
        access: d.access,
        path: d.path,
        commit: d.commit,
        why: `window open until ${d.access.expiresAt ? iso(d.access.expiresAt) : "?"}`
      });
    }
    for (const [key, a] of have) {
      if (want.has(key)) continue;
      const now = current.get(grantKey(a));
      const why = now ? superseded(a, now) : input.ended.get(grantKey(a)) ?? "no grant for it on the branch";
      plan.revoke.push({ provider: state.provider, access: a, path: null, commit: null, why });
    }
  }
  for (const [provider, wanted] of byProvider) {
    if (seen.has(provider)) continue;
    for (const d of wanted) {
      plan.errors.push({
        provider,
        role: d.access.role,
        requester: d.access.login,
        code: "E_PROVIDER_MISSING",
        message: `No state was read from provider ${provider}, so ${d.path} cannot be provisioned.`
      });
    }
  }
  if (input.refuseGrants) {
    plan.errors.push({ provider: null, role: null, requester: null, ...input.refuseGrants });
  }
  plan.grant.sort(byItem);
  plan.revoke.sort(byItem);
  return plan;
}
function superseded(old, now) {
  if (old.identity !== now.identity)
    return `superseded: the grant now gives identity ${JSON.stringify(now.identity)}, not ${JSON.stringify(old.identity)}`;
  return `superseded: the grant now gives target ${canonical(now.target)}, not ${canonical(old.target)}`;
}
function byItem(a, b) {
  const x = a.access;
  const y = b.access;
  return cmp(a.provider, b.provider) || cmp(x.role, y.role) || cmp(x.login, y.login) || cmp(x.identity, y.identity) || cmp(canonical(x.target), canonical(y.target));
}
var cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;

// src/core/provisioning.ts
var keyOf = (role, login) => `${role}/${login}`;
var ProvisioningLedger = class {
  files = new LatestVersions();
  endedAt = /* @__PURE__ */ new Map();
  everLanded = /* @__PURE__ */ new Set();
  apply(c) {
    for (const change of c.changes) {
      const previous = this.files.record(c, change.path, change.landing);
      if (!change.landing) {
        if (previous) {
          const l = previous.version;
          this.endedAt.set(keyOf(l.role, l.requester), this.endOf(l, c.committedAt));
        }
        continue;
      }
      this.everLanded.add(keyOf(change.landing.role, change.landing.requester));
    }
  }
  /** Why a grant whose file was deleted at `at` ended there. */
  endOf(previous, at) {
    const w = previous.window;
    if (w && w.expiresAt.getTime() <= at.getTime()) return `expired at ${iso(w.expiresAt)}`;
    return `revoked at ${iso(at)} (file deleted)`;
  }
  /**
   * The view at `now` under main's policies (I5): a grant is active only when its landing was
   * valid and approved (judged once, at landing, by `checkLanding`: the verdict `status` and
   * `audit` show too), its window contains `now`, and its role still exists. An unapproved
   * landing is never provisioned and raises an alarm for as long as its file is on the branch.
   */
  view(now, policy) {
    const out = {
      active: [],
      ended: new Map(this.endedAt),
      landed: new Set(this.everLanded),
      alarms: []
    };
    for (const v of this.files.values()) {
      const l = v.version;
      const key = keyOf(l.role, l.requester);
      if (l.state === "unapproved") {
        const rejected = l.problems.find((p) => p.code === "E_LANDING_REJECTED");
        const why = l.problems.find((p) => p.code === "E_UNAPPROVED_LANDING");
        out.alarms.push({
          path: l.path,
          commit: v.commit,
          code: rejected ? "E_LANDING_REJECTED" : "E_UNAPPROVED_LANDING",
          message: rejected?.message ?? `${l.path} landed in ${v.commit.slice(0, 10)} and grants nothing. ${why?.message ?? ""}`.trim()
        });
        out.ended.set(
          key,
          rejected ? "its landing was refused by the forge" : "its landing was not approved"
        );
        continue;
      }
      if (l.state !== "valid" || !l.window || !l.grant) {
        out.ended.set(
          key,
          `its file is invalid (${l.problems.map((p) => p.code).join(", ") || "unreadable"})`
        );
        continue;
      }
      const state = windowState(l.window, now);
      if (state === "expired") {
        out.ended.set(key, `expired at ${iso(l.window.expiresAt)}`);
        continue;
      }
      if (state === "scheduled") {
        out.ended.set(key, `scheduled to start at ${iso(l.window.startsAt)}`);
        continue;
      }
      if (!policy.roles.has(l.role)) {
        out.ended.set(key, `role ${l.role} no longer exists in the policies`);
        continue;
      }
      out.active.push({
        role: l.role,
        login: l.requester,
        path: l.path,
        commit: v.commit,
        landedAt: v.landedAt,
        window: l.window,
        grant: l.grant
      });
    }
    out.active.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    return out;
  }
};

// src/core/provisioner.ts
var Provisioner = class _Provisioner {
  constructor(input, view, rewritten) {
    this.input = input;
    this.view = view;
    this.rewritten = rewritten;
  }
  input;
  view;
  rewritten;
  /** Reads the branch's history once, and checks it still holds the commit last acted on. */
  static async read(input) {
    const { ledger, now } = input;
    const folded = new ProvisioningLedger();
    const [history, policy, reconciled] = await Promise.allSettled([
      ledger.history((c) => folded.apply(c)),
      input.policy,
      input.reconciled
    ]);
    for (const r of [policy, history, reconciled]) if (r.status === "rejected") throw r.reason;
    const read = {
      ledger,
      now,
      policy: policy.value,
      reconciled: reconciled.value
    };
    const rewritten = read.reconciled !== null && read.reconciled !== ledger.commit && !await ledger.descendsFrom(read.reconciled).catch(() => false);
    return new _Provisioner(read, folded.view(now, read.policy), rewritten);
  }
  /**
   * The providers some role uses, each with its roles' targets and the people grantops may have
   * given access there. A provider no role uses is never contacted (docs/decisions.md).
   */
  scopes() {
    const { policy } = this.input;
    return [...policy.providers.values()].flatMap((config) => {
      const roles = [...policy.roles.values()].filter((r) => r.provider === config.name);
      if (roles.length === 0) return [];
      const names = new Set(roles.map((r) => r.name));
      const managed = new Set(
        [...this.view.landed].filter((k) => names.has(k.slice(0, k.indexOf("/"))))
      );
      return [{ config, targets: roles.map((r) => ({ role: r.name, target: r.grant })), managed }];
    });
  }
  /** The landings a grant would be provisioned from now: what the forge is asked about. */
  landingsToCheck() {
    return this.view.active.map((g) => ({ commit: g.commit, path: g.path, landedAt: g.landedAt }));
  }
  /**
   * Lists every provider and plans the changes; changes nothing. `checks` is the forge's word on
   * the landings (`landingsToCheck`): a refused one is never provisioned and raises an alarm; one
   * that could not be checked grants nothing now, and access it already backs is left alone.
   */
  async plan(providers, checks) {
    const { ledger } = this.input;
    const mayHoldBack = this.desired(this.held(void 0)).errors;
    const early = /* @__PURE__ */ new Map();
    for (const { config } of this.scopes()) {
      if (mayHoldBack.has(config.name)) continue;
      const listing = listOf(providers.get(config.name));
      listing.catch(() => void 0);
      early.set(config.name, listing);
    }
    const held = this.held(await checks);
    const desired = this.desired(held);
    const states = await Promise.all(
      this.scopes().map(
        ({ config: { name } }) => stateOf(name, providers.get(name), early.get(name), desired.errors.get(name))
      )
    );
    const actual = states.map((s) => s.state);
    const configErrors = states.some((s) => s.configError);
    const plan = planReconcile({
      desired: desired.grants,
      actual,
      ended: held.ended,
      ...this.rewritten ? { refuseGrants: this.refusal() } : {}
    });
    plan.revoke = plan.revoke.filter(
      (i) => !held.waiting.has(`${i.access.role}/${i.access.login}`)
    );
    plan.errors.push(...held.errors);
    return {
      ref: ledger.ref,
      commit: ledger.commit,
      plan,
      alarms: [...this.view.alarms, ...held.alarms],
      configErrors,
      trusted: !this.rewritten
    };
  }
  /** Applies exactly the plan's items, revocations first, provider by provider. */
  apply(plan, providers) {
    return applyPlan(plan, providers);
  }
  /**
   * The access each active grant stands for. A grant whose identity cannot be worked out (a bad
   * `users` override) holds back its whole provider, as a missing secret would: revoking there
   * could take away the very access that grant backs.
   */
  desired(held) {
    const { policy } = this.input;
    const grants = [];
    const errors = /* @__PURE__ */ new Map();
    for (const g of this.view.active) {
      if (held.commits.has(g.commit)) continue;
      const role = policy.roles.get(g.role);
      const config = policy.providers.get(role.provider);
      let identity;
      try {
        identity = identityFor(config, g.login);
      } catch (err) {
        if (!errors.has(config.name)) errors.set(config.name, describeError(err));
        continue;
      }
      grants.push({
        provider: config.name,
        path: g.path,
        commit: g.commit,
        access: {
          role: g.role,
          login: g.login,
          identity,
          target: role.grant,
          expiresAt: g.window.expiresAt,
          ...g.grant.params ? { params: g.grant.params } : {}
        }
      });
    }
    return { grants, errors };
  }
  /** The active grants the forge refused or could not vouch for, and what the plan says of them. */
  held(checks) {
    const held = {
      commits: /* @__PURE__ */ new Set(),
      ended: new Map(this.view.ended),
      waiting: /* @__PURE__ */ new Set(),
      alarms: [],
      errors: []
    };
    if (!checks) return held;
    for (const g of this.view.active) {
      const key = `${g.role}/${g.login}`;
      const verdict = checks.refused.get(g.commit);
      const why = checks.unchecked.get(g.commit);
      if (verdict) {
        held.commits.add(g.commit);
        held.ended.set(key, "its landing was refused by the forge");
        held.alarms.push({
          path: g.path,
          commit: g.commit,
          code: "E_LANDING_REJECTED",
          message: rejectionMessage(g.path, verdict)
        });
      } else if (why !== void 0) {
        held.commits.add(g.commit);
        held.waiting.add(key);
        held.errors.push({
          provider: null,
          role: g.role,
          requester: g.login,
          code: "E_LANDING_UNVERIFIED",
          message: `${g.path} (landed in ${g.commit.slice(0, 10)}) is not granted until the forge confirms how it landed: ${why}`
        });
      }
    }
    return held;
  }
  refusal() {
    const { ledger, reconciled } = this.input;
    return {
      code: "E_HISTORY_REWRITTEN",
      message: `${ledger.ref} (${ledger.commit.slice(0, 10)}) does not descend from ${reconciled.slice(0, 10)}, the commit reconcile last acted on: the branch history was rewritten. Nothing is granted until an admin has checked the branch and reset the marker (git update-ref -d refs/grantops/reconciled); revocations continue.`
    };
  }
};
async function listOf(slot) {
  if (!slot || "unavailable" in slot) return [];
  return slot.list();
}
async function stateOf(name, slot, listing, unmapped) {
  const failed = (error2, configError) => ({
    state: { provider: name, error: error2 },
    configError
  });
  if (unmapped !== void 0) return failed(unmapped, true);
  if (!slot) return failed(`Provider ${name} was not set up, so it was not read.`, false);
  if ("unavailable" in slot) return failed(slot.unavailable, slot.configError);
  try {
    return {
      state: { provider: name, accesses: await (listing ?? slot.list()) },
      configError: false
    };
  } catch (err) {
    return failed(describeError(err), err instanceof ConfigError);
  }
}

// src/git/marker.ts
var RECONCILED_REF = "refs/grantops/reconciled";
async function readMarker(repo) {
  return tryResolveCommit(repo, RECONCILED_REF);
}
async function writeMarker(repo, commit) {
  await gitOk(repo, ["update-ref", "-m", "grantops reconcile", RECONCILED_REF, commit]);
}

// src/providers/registry.ts
function lazy(type, load) {
  return {
    type,
    ...providerSchemas[type],
    create: async (config, deps) => (await load()).create(config, deps)
  };
}
var providerFactories = {
  postgres: lazy("postgres", async () => (await import("./provider-ZU4F3S6H.js")).postgresProvider),
  command: lazy("command", async () => (await import("./provider-BIK44F42.js")).commandProvider),
  // Team membership through the GitHub API.
  "github-team": lazy(
    "github-team",
    async () => (await import("./provider-42B257E2.js")).githubTeamProvider
  ),
  // Account assignments of permission sets in AWS IAM Identity Center.
  "aws-identity-center": lazy(
    "aws-identity-center",
    async () => (await import("./provider-MORMK3SI.js")).awsIdentityCenterProvider
  )
};
async function createProvider(config, deps, factories = providerFactories) {
  const factory = Object.hasOwn(factories, config.type) ? factories[config.type] : void 0;
  if (!factory) {
    const known = Object.keys(factories).sort().join(", ");
    const message = `Provider ${quote(config.name)} has unknown type ${quote(config.type)}. Known types: ${known}. Set its type to one of them.`;
    const where = problem(config.origin.file, config.origin.at, "E_PROVIDER_TYPE", message);
    throw new ConfigError(message, [where]);
  }
  return factory.create(config, deps);
}
async function buildProviders(scopes, deps, factories = providerFactories) {
  const out = /* @__PURE__ */ new Map();
  for (const { config, targets, managed } of scopes) {
    try {
      out.set(config.name, await createProvider(config, { ...deps, targets, managed }, factories));
    } catch (err) {
      out.set(config.name, {
        unavailable: describeError(err),
        configError: err instanceof ConfigError
      });
    }
  }
  return out;
}
async function closeProviders(providers) {
  await Promise.all(
    [...providers.values()].map(
      (p) => "unavailable" in p ? void 0 : p.close?.().catch(() => void 0)
    )
  );
}

// src/render/plan.ts
var lines = (text) => text.split("\n").filter(Boolean);
function renderPlan(r) {
  const { plan, applied } = r;
  const out = [r.title];
  const people = /* @__PURE__ */ new Map();
  const person = (i) => `${i.provider}\0${i.access.role}\0${i.access.login}`;
  for (const i of [...plan.grant, ...plan.revoke])
    people.set(person(i), (people.get(person(i)) ?? 0) + 1);
  const row = (sign, verb, i) => {
    const a = i.access;
    const as = a.identity !== a.login ? ` (as ${printable(a.identity)})` : "";
    const target = (people.get(person(i)) ?? 0) > 1 ? ` ${printable(canonical(a.target))}` : "";
    const failed = applied?.failed.has(i) ? "  \u2717 FAILED, see errors" : "";
    return `  ${sign} ${verb.padEnd(6)} ${printable(a.role)} for ${printable(a.login)}${as}${target} at ${printable(i.provider)}: ${printable(i.why, 400)}${failed}`;
  };
  for (const g of plan.grant) out.push(row("+", "grant", g));
  for (const x of plan.revoke) out.push(row("-", "revoke", x));
  const errors = allErrors(r);
  if (!plan.grant.length && !plan.revoke.length) {
    out.push(plan.errors.length ? "  nothing planned (see errors)" : "  nothing to change");
  }
  out.push(`  ${plan.unchanged} unchanged`);
  if (applied) out.push(`applied: ${applied.granted} granted, ${applied.revoked} revoked`);
  if (errors.length) {
    out.push("", `${errors.length} error${errors.length > 1 ? "s" : ""}:`);
    for (const e of errors) {
      const [first = "", ...more] = lines(e.message);
      out.push(`  ${e.code}${e.provider ? ` (${printable(e.provider)})` : ""}: ${first}`);
      for (const m of more) out.push(`    ${m}`);
    }
  }
  if (r.alarms.length) {
    const n = r.alarms.length;
    out.push("", `ALARM: ${n} grant${n > 1 ? "s" : ""} on the branch will not be provisioned:`);
    for (const a of r.alarms) out.push(`  ${a.code}: ${lines(a.message).join(" ")}`);
  }
  return out.join("\n");
}
function planJson(r) {
  const { plan, applied } = r;
  return JSON.stringify(
    {
      ref: r.ref,
      commit: r.commit,
      grant: plan.grant.map(itemJson),
      revoke: plan.revoke.map(itemJson),
      unchanged: plan.unchanged,
      errors: allErrors(r),
      alarms: r.alarms,
      ...applied ? { applied: { granted: applied.granted, revoked: applied.revoked } } : {}
    },
    null,
    2
  );
}
function itemJson(i) {
  const a = i.access;
  return {
    provider: i.provider,
    role: a.role,
    requester: a.login,
    identity: a.identity,
    target: a.target,
    path: i.path,
    commit: i.commit,
    expires_at: a.expiresAt ? iso(a.expiresAt) : null,
    why: i.why
  };
}
function allErrors(r) {
  return [...r.plan.errors, ...r.applied?.errors ?? []];
}

// src/core/hand-merged.ts
function handMergedVerdict(landing, merge) {
  const parents = merge.parents.map((p) => p.slice(0, 10)).join(" and ");
  return refusedOutright(
    landing.commit,
    landing.path,
    `${landing.path} reads as landed in ${landing.commit.slice(0, 10)} only because the merge ${merge.merge.slice(0, 10)} on the branch sets it by hand: git's merge of its parents ${parents} holds another version (a later change to the file, such as its revocation, made on the merged side and dropped by the merge). Such a merge rewrites the branch's record (I6). Delete the file again (or land its change through a request grantops merges), and have an admin check who pushed that merge.`
  );
}

// src/core/landing-checks.ts
var AT_ONCE = 4;
async function checkLandings(landings, judgedBefore, source) {
  const todo = /* @__PURE__ */ new Map();
  for (const l of landings)
    if (!judgedBefore.has(l.commit) && !todo.has(l.commit)) todo.set(l.commit, l);
  const judged = [];
  const refused = /* @__PURE__ */ new Map();
  const unchecked = /* @__PURE__ */ new Map();
  const queue = [...todo.values()];
  const worker = async () => {
    for (let l = queue.shift(); l; l = queue.shift()) {
      let verdict;
      try {
        const [proof, facts] = await Promise.all([source.proof(l.commit), source.facts(l.commit)]);
        const paths = facts.changes.map((c) => c.path);
        const [landed, atHead] = proof ? await Promise.all([
          source.objectsAt(l.commit, paths),
          source.objectsAt(proof.head, paths)
        ]) : [/* @__PURE__ */ new Map(), /* @__PURE__ */ new Map()];
        verdict = judgeLandingProof({
          commit: l.commit,
          landedAt: l.landedAt,
          proof,
          merger: source.merger,
          ...facts,
          files: paths.map((path) => ({
            path,
            landed: landed.get(path) ?? null,
            atHead: atHead.get(path) ?? null
          }))
        });
      } catch (err) {
        if (!(err instanceof GrantopsError)) throw err;
        unchecked.set(l.commit, describeError(err));
        continue;
      }
      judged.push(verdict);
      if (verdict.passed) continue;
      if (verdict.final) refused.set(l.commit, verdict);
      else
        unchecked.set(
          l.commit,
          `a team its role names could not be resolved, so its approvals cannot be counted yet (${verdict.problems.map((p) => p.code).join(", ")}); run with --directory github (or a directory file) that can read the team`
        );
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, queue.length) }, worker));
  judged.sort((a, b) => a.commit < b.commit ? -1 : a.commit > b.commit ? 1 : 0);
  return { judged, refused, unchecked };
}

// src/git/hand-merges.ts
async function handMadeMerges(repo, tip, since) {
  const listed = (await gitOk(repo, [
    "rev-list",
    "--first-parent",
    "--merges",
    "--parents",
    "--end-of-options",
    tip,
    `^${since}`
  ])).toString("utf8").split("\n").filter(Boolean);
  const out = [];
  for (const line of listed) {
    const [merge, ...parents] = line.split(" ");
    const auto = parents.length === 2 ? (await git(repo, ["merge-tree", "--write-tree", "--no-messages", ...parents])).stdout.toString("utf8").split("\n", 1)[0].trim() : "";
    const paths = splitZ(
      await gitOk(repo, [
        ...auto ? ["diff-tree", "-r", "--name-only", "-z", "--no-renames", auto, `${merge}^{tree}`] : ["ls-tree", "-r", "--name-only", "-z", merge],
        "--",
        GRANTS_DIR
      ])
    ).filter(Boolean);
    if (paths.length) out.push({ merge, parents, paths });
  }
  return out;
}
async function oldestOnChain(repo, commits) {
  if (commits.length === 1) return commits[0];
  const out = await gitOk(repo, ["merge-base", "--octopus", "--end-of-options", ...commits]);
  return out.toString("utf8").trim();
}

// src/wiring/landing-authority.ts
async function openLandingAuthority(ctx, args, seams) {
  if (forgeKind(ctx, args) !== "github") return null;
  const git2 = gitRepository(ctx.repo);
  const [
    { githubSessionFromEnv },
    { GitHubForge },
    { landingAlarm, raiseAlarms },
    errors,
    { rewritesSince }
  ] = await Promise.all([
    import("./from-env-RMTWD3SP.js"),
    import("./forge-SRVUJOTR.js"),
    import("./alarm-BBOBP7RW.js"),
    import("./errors-AMKOPUBJ.js"),
    import("./branch-rewrites-PKFHC7AC.js")
  ]);
  const session = await githubSessionFromEnv({ env: ctx.env, git: git2, ...seams });
  const merger = session.botLogin;
  if (!merger) {
    throw new ConfigError(
      "On GitHub, plan and reconcile ask GitHub who merged each grant, and only grantops' App may: set GRANTOPS_APP_SLUG to the App's slug (the app-slug output of actions/create-github-app-token), so grantops knows its own account (<slug>[bot])."
    );
  }
  const secret = sealingSecret(ctx.env);
  const forge = new GitHubForge({ ...session, git: git2, botLogin: merger });
  const seal = verdictSeal(secret, {
    repository: `${session.repo.owner}/${session.repo.repo}`,
    branch: forge.base
  });
  const directory = await directoryFromArgs(ctx, args, seams);
  const judge = (landings, judged) => checkLandings(landings, judged, {
    merger,
    proof: (commit) => forge.verifyLanding(commit),
    async facts(commit) {
      const base = await git2.firstParent(commit);
      if (!base) {
        throw new ExternalError(
          "E_GIT_REF",
          `${commit.slice(0, 10)} is the first commit of the branch: no request can have landed it.`
        );
      }
      const [policy, changes] = await Promise.all([
        policiesAt(ctx.repo, base),
        readChanges(ctx.repo, base, commit)
      ]);
      return {
        base,
        changes,
        policy,
        teams: await resolveTeams(policy, rolesOf(changes), directory)
      };
    },
    async objectsAt(commit, paths) {
      const here = await git2.objectsAt(commit, paths);
      if (here) return here;
      await git2.fetchCommits(session.source, [commit]);
      const fetched = await git2.objectsAt(commit, paths);
      if (!fetched)
        throw new ExternalError(
          "E_GIT_FETCH",
          `${commit.slice(0, 12)} is still missing after it was fetched. Run again; if it stays missing, check that the token can read the repository.`
        );
      return fetched;
    }
  });
  const rewrittenSince = async (landings) => {
    const out = /* @__PURE__ */ new Map();
    if (landings.length === 0) return out;
    const since = new Date(Math.min(...landings.map((l) => l.landedAt.getTime())));
    let latest;
    try {
      [latest] = await rewritesSince(session.octokit, session.repo, forge.base, since);
    } catch (e) {
      const err = errors.githubError(e, {
        doing: `reading who rewrote ${forge.base} (the repository activity log)`,
        tokenEnv: "GRANTOPS_APP_TOKEN"
      });
      for (const l of landings) out.set(l.commit, describeError(err));
      return out;
    }
    if (!latest) return out;
    const what = latest.kind === "force_push" ? "force-pushed" : "deleted (and pushed again)";
    for (const l of landings) {
      if (l.landedAt > latest.at) continue;
      out.set(
        l.commit,
        `${forge.base} was ${what} by ${latest.actor ?? "an unknown account"} at ${iso(latest.at)}, after this landed: a rewrite can drop a later change to the file (its revocation, say) from the branch's record (I6), so nothing is granted for landings older than it; access already given stays until its window ends. An admin checks the branch (GitHub's activity log shows the push); the grantee can ask again through a request grantops merges`
      );
    }
    return out;
  };
  return {
    seal,
    async check(landings, judged, tip) {
      const [checks, dropped, rewritten] = await Promise.all([
        judge(landings, judged),
        handMerged(ctx.repo, landings, tip),
        rewrittenSince(landings)
      ]);
      const refused = new Map(checks.refused);
      for (const v of dropped) if (!refused.has(v.commit)) refused.set(v.commit, v);
      const unchecked = new Map(checks.unchecked);
      for (const [commit, why] of rewritten) if (!unchecked.has(commit)) unchecked.set(commit, why);
      return { ...checks, refused, unchecked };
    },
    remember: (verdicts, at, known) => rememberVerdicts(ctx.repo, verdicts, at, seal, known),
    async raise(alarms) {
      const refused = alarms.filter((a) => a.code === "E_LANDING_REJECTED");
      try {
        const raised = await raiseAlarms(
          session.octokit,
          session.repo,
          refused.map(landingAlarm),
          merger
        );
        return { errors: [], opened: raised.filter((r) => r.created).map((r) => r.issue) };
      } catch (e) {
        const err = e instanceof GrantopsError ? e : errors.githubError(e, {
          doing: "opening the alarm issue of a refused landing",
          tokenEnv: "GRANTOPS_APP_TOKEN"
        });
        return {
          errors: [
            { provider: null, role: null, requester: null, code: err.code, message: err.message }
          ],
          opened: []
        };
      }
    }
  };
}
var MIN_SECRET = 32;
function sealingSecret(env) {
  const given = (name) => {
    const value = env[name];
    return value && value.trim() ? { name, value } : null;
  };
  const secret = given("GRANTOPS_VERDICT_KEY") ?? given("GRANTOPS_APP_PRIVATE_KEY");
  if (!secret) {
    throw new ConfigError(
      "On GitHub, reconcile remembers GitHub's verdict on each landing in refs/grantops/verdicts, sealed with a secret that only the reconcile job holds, so a verdict pushed by anyone else is never trusted: pass the App's private key as GRANTOPS_APP_PRIVATE_KEY (secrets.GRANTOPS_APP_PRIVATE_KEY of the access environment), or a secret of your own as GRANTOPS_VERDICT_KEY."
    );
  }
  const length = secret.value.trim().length;
  if (length < MIN_SECRET) {
    throw new ConfigError(
      secret.name === "GRANTOPS_VERDICT_KEY" ? `GRANTOPS_VERDICT_KEY has ${length} characters: a key that short could be guessed, and whoever guesses it can seal a verdict that a landing passed. Set it to a random secret of at least ${MIN_SECRET} characters (e.g. openssl rand -hex 32) kept in the access environment, or leave it unset to seal with the App's private key.` : `GRANTOPS_APP_PRIVATE_KEY has ${length} characters, so it is not the App's private key (a PEM key has over a thousand), and a key that short could be guessed by whoever wants to seal a verdict that a landing passed. Pass secrets.GRANTOPS_APP_PRIVATE_KEY of the access environment, or set GRANTOPS_VERDICT_KEY to a random secret of at least ${MIN_SECRET} characters.`
    );
  }
  return secret.value;
}
async function handMerged(repo, landings, tip) {
  if (landings.length === 0) return [];
  const since = await oldestOnChain(repo, [...new Set(landings.map((l) => l.commit))]);
  const merges = await handMadeMerges(repo, tip, since);
  const out = /* @__PURE__ */ new Map();
  for (const merge of merges) {
    for (const l of landings) {
      if (out.has(l.commit) || !merge.paths.includes(l.path)) continue;
      if (await isAncestor(repo, l.commit, merge.merge))
        out.set(l.commit, handMergedVerdict(l, merge));
    }
  }
  return [...out.values()];
}

// src/commands/reconcile.ts
function reconcileCommand(seams = {}) {
  return {
    name: "reconcile",
    summary: "Grant what the branch says is in effect now and revoke what it no longer backs, at every provider.",
    usage: "grantops reconcile [--ref REF] [--directory github|FILE] [--forge github|local] [--dry-run]",
    formats: ["text", "json"],
    options: {
      ...LEDGER_OPTIONS,
      ...FORGE_OPTION,
      "dry-run": {
        type: "boolean",
        help: "Print the plan a real run would apply, and change nothing."
      }
    },
    run: (ctx, args) => provision(ctx, args, seams, args.values["dry-run"] === true ? "dry-run" : "apply")
  };
}
async function provision(ctx, args, seams, mode) {
  const reconciled = readMarker(ctx.repo);
  reconciled.catch(() => void 0);
  const authorityP = openLandingAuthority(ctx, args, seams);
  const rememberedP = authorityP.then((a) => readVerdicts(ctx.repo, a?.seal));
  const [authority, remembered, ledger] = await Promise.all([
    authorityP,
    rememberedP,
    ledgerFromArgs(
      ctx,
      args,
      seams,
      rememberedP.then((r) => r.refused)
    )
  ]);
  const now = ctx.clock.now();
  const provisioner = await Provisioner.read({
    ledger,
    policy: policiesAt(ctx.repo, ledger.commit),
    now,
    reconciled
  });
  const checks = authority?.check(provisioner.landingsToCheck(), remembered.judged, ledger.commit);
  const remembering = authority && checks && mode === "apply" ? checks.then((c) => authority.remember(c.judged, now, remembered)) : void 0;
  checks?.catch(() => void 0);
  remembering?.catch(() => void 0);
  const providers = await buildProviders(
    provisioner.scopes(),
    {
      env: ctx.env,
      log: ctx.stderr,
      repoDir: ctx.repo,
      ...seams.fetch ? { fetch: seams.fetch } : {}
    },
    { ...providerFactories, ...seams.factories }
  );
  let report;
  let configErrors;
  try {
    const p = await provisioner.plan(providers, checks);
    configErrors = p.configErrors;
    const what = mode === "plan" ? "plan for" : mode === "dry-run" ? "dry run: would reconcile" : "reconciled";
    const title = `${what} ${printable(p.ref, 100)} at ${p.commit.slice(0, 10)}, ${iso(now)}`;
    report = { title, ref: p.ref, commit: p.commit, plan: p.plan, alarms: p.alarms };
    if (mode === "apply") {
      report.applied = await provisioner.apply(p.plan, providers);
      if (p.trusted && await reconciled !== p.commit) await writeMarker(ctx.repo, p.commit);
      if (authority) {
        const raised = await authority.raise(p.alarms);
        for (const n of raised.opened) ctx.stderr(`grantops: opened alarm issue #${n}`);
        report.applied.errors.push(...raised.errors);
      }
    }
  } finally {
    await Promise.all([closeProviders(providers), remembering?.catch(() => void 0)]);
  }
  await remembering;
  ctx.stdout(ctx.format === "json" ? planJson(report) : renderPlan(report));
  if (configErrors) return 2;
  const errors = report.plan.errors.length + (report.applied?.errors.length ?? 0);
  return errors || report.alarms.length ? 1 : 0;
}

export {
  reconcileCommand,
  provision
};
