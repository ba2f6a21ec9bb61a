import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  expireCommand
} from "./chunk-MFQSCBQC.js";
import {
  reconcileCommand
} from "./chunk-H4QBTHHS.js";
import {
  requestCommand
} from "./chunk-I4TGZTVC.js";
import {
  approveCommand
} from "./chunk-YXORKTTE.js";
import {
  mergeCommand
} from "./chunk-ZYPSBA4K.js";
import {
  auditCommand
} from "./chunk-OEY72LEB.js";
import {
  createPostgresProvider,
  ident,
  openDb,
  postgresProvider
} from "./chunk-UW5DH4SH.js";
import {
  runCli
} from "./chunk-6A2B54D3.js";
import {
  codeownersCommand
} from "./chunk-2FVERKME.js";
import {
  initCommand
} from "./chunk-C2Z5D7JC.js";
import {
  statusCommand
} from "./chunk-Q36TELAT.js";
import {
  git
} from "./chunk-L2WRRIKU.js";
import {
  ConfigError,
  ExternalError,
  UsageError
} from "./chunk-AEA6CW7H.js";

// src/commands/demo.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join3 } from "node:path";

// src/demo/database.ts
var DBA_SETUP = [
  "CREATE ROLE orders_read NOLOGIN;",
  "CREATE ROLE alice LOGIN;",
  "CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL, total numeric NOT NULL);",
  "INSERT INTO orders VALUES (1, 'espresso machine', 249), (2, 'grinder', 129), (3, 'beans', 18);",
  "GRANT SELECT ON orders TO orders_read;"
];
var READ_ORDERS = "SELECT count(*)::int AS n FROM orders";
var INSUFFICIENT_PRIVILEGE = "42501";
async function readOrdersAs(db, login) {
  const rollback = new Error("rollback");
  let result;
  await db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL ROLE ${ident(login)}`);
    try {
      const [row] = await tx.query(READ_ORDERS);
      result = { allowed: true, count: Number(row?.n) };
    } catch (err) {
      const e = err;
      if (e.code !== INSUFFICIENT_PRIVILEGE) throw err;
      result = { allowed: false, sqlstate: e.code, message: e.message ?? String(err) };
    }
    throw rollback;
  }).catch((err) => {
    if (err !== rollback) throw err;
  });
  return result;
}
async function isMemberOf(db, login, role) {
  const [row] = await db.query(
    "SELECT pg_catalog.pg_has_role($1, $2, 'MEMBER') AS member",
    [login, role]
  );
  return row?.member === true;
}

// src/demo/pglite-process.ts
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
var CHILD_SOURCE = `
const { pglite, dir, setup } = JSON.parse(process.argv[1]);
const failure = (e) => ({ message: String((e && e.message) || e), code: e && e.code });
process.on('disconnect', () => process.exit(0)); // the demo is gone: so is its database
(async () => {
  let db;
  try {
    const { PGlite } = require(pglite);
    db = await PGlite.create(dir, { relaxedDurability: true });
    await db.exec(setup);
  } catch (e) {
    process.send({ ready: false, error: failure(e) });
    if (db) await db.close().catch(() => {});
    process.disconnect();
    return;
  }
  process.send({ ready: true });
  process.on('message', async (m) => {
    if (m.op === 'close') {
      await db.close().catch(() => {});
      process.disconnect();
      return;
    }
    try {
      const rows = m.op === 'exec' ? (await db.exec(m.sql), []) : (await db.query(m.sql, m.params)).rows;
      process.send({ id: m.id, rows });
    } catch (e) {
      process.send({ id: m.id, error: failure(e) });
    }
  });
})();
`;
var PgliteError = class extends Error {
  code;
  constructor(e) {
    super(e.message);
    this.code = e.code;
  }
};
function startPglite(dir, setup) {
  const pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const child = spawn(
    process.execPath,
    ["-e", CHILD_SOURCE, JSON.stringify({ pglite, dir, setup })],
    {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced"
      // rows keep their Dates and BigInts
    }
  );
  let stderr = "";
  child.stderr.on("data", (b) => stderr = (stderr + b.toString("utf8")).slice(-2e3));
  const pending = /* @__PURE__ */ new Map();
  let nextId = 0;
  let isReady = false;
  let gone = null;
  const exited = new Promise((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise((resolve, reject) => {
    child.on("message", (m) => {
      if ("ready" in m) {
        isReady = m.ready;
        if (m.ready) resolve();
        else reject(new PgliteError(m.error ?? { message: "PGlite did not start" }));
        return;
      }
      const waiter = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) waiter?.reject(new PgliteError(m.error));
      else waiter?.resolve(m.rows ?? []);
    });
    const end = (why) => {
      gone = why;
      reject(why);
      for (const w of pending.values()) w.reject(why);
      pending.clear();
    };
    child.once("error", (e) => end(e));
    child.once(
      "exit",
      (code, signal) => end(
        new Error(
          `the PGlite process ended (${signal ?? `exit ${code}`})${stderr.trim() ? `: ${stderr.trim()}` : ""}`
        )
      )
    );
  });
  ready.catch(() => {
  });
  const call = async (op, sql, params) => {
    await ready;
    return new Promise((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, op, sql, params: params ? [...params] : void 0 });
    });
  };
  const direct = {
    query: async (sql, params) => await call("query", sql, params),
    exec: async (sql) => {
      await call("exec", sql);
    }
  };
  let queue = Promise.resolve();
  const serial = (fn) => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {
    });
    return run;
  };
  const db = {
    kind: "pglite",
    query: (sql, params) => serial(() => direct.query(sql, params)),
    exec: (sql) => serial(() => direct.exec(sql)),
    transaction: (fn) => serial(async () => {
      await direct.exec("BEGIN");
      try {
        const out = await fn(direct);
        await direct.exec("COMMIT");
        return out;
      } catch (err) {
        await direct.exec("ROLLBACK").catch(() => {
        });
        throw err;
      }
    }),
    close: async () => {
    }
  };
  return {
    ready,
    db,
    async stop() {
      if (gone) return;
      if (isReady) {
        await queue;
        child.send({ op: "close" });
        const late = setTimeout(() => child.kill(), 1e4);
        await exited;
        clearTimeout(late);
      } else {
        child.kill();
        await exited;
      }
    }
  };
}

// src/demo/embedded-database.ts
function embeddedDatabase(dir, shownDir) {
  const url = `pglite://${dir.split("/").map(encodeURIComponent).join("/")}`;
  const pglite = startPglite(dir, DBA_SETUP.join("\n"));
  let starting = true;
  const ready = pglite.ready.then(
    () => void (starting = false),
    (err) => {
      starting = false;
      throw new ExternalError(
        "E_DEMO_DATABASE",
        `The embedded PostgreSQL (PGlite) did not start in ${shownDir}: ${err.message}. Set DATABASE_URL to use a PostgreSQL server instead.`
      );
    }
  );
  ready.catch(() => {
  });
  return {
    label: "an embedded PostgreSQL (PGlite)",
    url,
    shownUrl: `pglite://${shownDir}`,
    keptIn: dir,
    factories: { postgres: sharedPostgres(url, pglite.db) },
    ready,
    isStarting: () => starting,
    readOrders: (login) => readOrdersAs(pglite.db, login),
    isMember: (login, role) => isMemberOf(pglite.db, login, role),
    close: () => pglite.stop()
  };
}
function sharedPostgres(url, db) {
  return {
    ...postgresProvider,
    create: (config, deps) => deps.env[config.settings.connection_env] === url ? createPostgresProvider(config, deps, db) : postgresProvider.create(config, deps)
  };
}

// src/demo/server-database.ts
import { randomBytes } from "node:crypto";
var ROLES = [
  ["orders_read", "NOLOGIN"],
  ["alice", "LOGIN"]
];
function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
function serverDatabase(serverUrl) {
  if (!URL.canParse(serverUrl) || !/^postgres(ql)?:$/.test(new URL(serverUrl).protocol))
    throw new ConfigError(
      "DATABASE_URL must be a PostgreSQL URL like postgres://user:password@localhost:5432/postgres; unset it to use the embedded database."
    );
  const name = `grantops_demo_${randomBytes(4).toString("hex")}`;
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const made = { database: false, roles: [] };
  let db;
  let starting = true;
  const prepare = async () => {
    await onServer(serverUrl, async (server) => {
      await server.exec(`CREATE DATABASE ${ident(name)}`);
      made.database = true;
      for (const [role, options] of ROLES) {
        const [exists] = await server.query(
          "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1",
          [role]
        );
        if (exists) continue;
        await server.exec(`CREATE ROLE ${ident(role)} ${options}`);
        made.roles.push(role);
      }
      if (await isMemberOf(server, "alice", "orders_read"))
        throw new ConfigError(
          `alice is already a member of orders_read on the server of DATABASE_URL (${redact(serverUrl)}), so the demo could not show grantops granting and revoking it. Use a throwaway server, or unset DATABASE_URL for the embedded database.`
        );
    });
    db = await openDb(url, "DATABASE_URL");
    await db.exec(DBA_SETUP.filter((s) => !s.startsWith("CREATE ROLE")).join("\n"));
  };
  const ready = prepare().then(
    () => void (starting = false),
    (err) => {
      starting = false;
      if (err instanceof ConfigError) throw err;
      throw new ExternalError(
        "E_DEMO_DATABASE",
        `The demo could not prepare the PostgreSQL server of DATABASE_URL (${redact(serverUrl)}): ${err.message}. Its user must be able to create databases and roles; unset DATABASE_URL to use the embedded database.`
      );
    }
  );
  ready.catch(() => {
  });
  const opened = () => {
    if (!db) throw new Error("the demo database is not ready");
    return db;
  };
  return {
    label: `the PostgreSQL server of DATABASE_URL, in a throwaway database ${name}`,
    url,
    shownUrl: redact(url),
    keptIn: null,
    // the throwaway database is dropped even with --keep: the server is not ours
    factories: {},
    ready,
    isStarting: () => starting,
    readOrders: (login) => readOrdersAs(opened(), login),
    isMember: (login, role) => isMemberOf(opened(), login, role),
    async close() {
      await ready.catch(() => {
      });
      await db?.close();
      if (!made.database) return;
      await onServer(serverUrl, async (server) => {
        if (!made.roles.includes("orders_read") && await isMemberOf(server, "alice", "orders_read"))
          await server.exec("REVOKE orders_read FROM alice");
        await server.exec(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
        for (const role of made.roles.reverse())
          await server.exec(`DROP ROLE IF EXISTS ${ident(role)}`);
      });
    }
  };
}
async function onServer(url, fn) {
  const server = await openDb(url, "DATABASE_URL");
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

// src/demo/open-database.ts
function openDemoDatabase(work, env) {
  const serverUrl = env.DATABASE_URL;
  return serverUrl ? serverDatabase(serverUrl) : embeddedDatabase(`${work}/db`, "$WORK/db");
}

// src/demo/session.ts
import { join } from "node:path";
var StoryFailure = class extends Error {
};
var Interrupted = class extends Error {
};
var Session = class {
  constructor(opts) {
    this.opts = opts;
    this.repo = join(opts.work, "access");
  }
  opts;
  repo;
  /** The step running now, for a failure to name. */
  current = "starting";
  steps = 0;
  /** A path or text as shown: the throwaway folder is `$WORK`. */
  shown(text) {
    return text.replaceAll(this.opts.work, "$WORK");
  }
  step(title) {
    this.steps += 1;
    this.current = `${this.steps}. ${title}`;
    this.opts.print(`
== ${this.current}`);
  }
  /** A note on what happened and why. */
  say(...lines) {
    this.opts.print(lines.map((l) => `# ${l}`).join("\n"));
  }
  /** Lines shown as they are (SQL, a file's lines). */
  show(text) {
    this.opts.print(this.shown(text));
  }
  /**
   * Runs `grantops ARGV` in the repository (or `cwd`), shows the line and its output, and checks
   * its exit code. `quiet` runs it without showing anything: a check of what was shown.
   */
  async grantops(argv, expect) {
    this.checkInterrupted();
    const chunks = [];
    const collect = (s) => chunks.push(s.endsWith("\n") ? s : `${s}
`);
    const cwd = expect.cwd ?? this.repo;
    if (!expect.quiet)
      this.opts.print(`$ ${shellLine(["grantops", ...argv.map((a) => this.shown(a))])}`);
    const code = await runCli(argv, {
      stdout: collect,
      stderr: collect,
      env: this.opts.env,
      cwd,
      commands: this.opts.commands
    });
    const output = this.shown(chunks.join("").trimEnd());
    if (!expect.quiet) {
      if (output) this.opts.print(output);
      if (code !== 0) this.opts.print(`(exit ${code})`);
    }
    if (code !== expect.exit)
      throw new StoryFailure(
        `\`grantops ${argv[0]}\` exited with ${code}, where the story expects ${expect.exit}.${expect.quiet && output ? `
${output}` : ""}`
      );
    return { code, output };
  }
  /** git in the repository; `shown` is the line to show for it, if any. Fails on a non-zero exit. */
  async git(args, opts = {}) {
    this.checkInterrupted();
    if (opts.shown) this.opts.print(`$ ${opts.shown}`);
    const r = await git(this.repo, args, void 0, opts.env);
    const out = r.stdout.toString("utf8").trimEnd();
    if (r.code !== 0)
      throw new StoryFailure(
        `git ${args.join(" ")} failed: ${r.stderr.trim() || `exit ${r.code}`}`
      );
    if (opts.print && out) this.opts.print(this.shown(out));
    return out;
  }
  /** Whether `ref` exists in the repository. */
  async hasRef(ref) {
    return (await git(this.repo, ["show-ref", "--verify", "--quiet", ref])).code === 0;
  }
  /** Waits for `promise`, or stops as soon as the demo is interrupted. */
  async until(promise) {
    this.checkInterrupted();
    const signal = this.opts.signal;
    let onAbort = () => {
    };
    const aborted = new Promise((_, reject) => {
      onAbort = () => reject(new Interrupted("interrupted"));
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([promise, aborted]);
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }
  checkInterrupted() {
    if (this.opts.signal.aborted) throw new Interrupted("interrupted");
  }
};
function shellLine(words) {
  return words.map(
    (w) => /^[\w@%+=:,./$-]+$/.test(w) ? w : /^[^"$`\\!]*$/.test(w) ? `"${w}"` : `'${w.replaceAll("'", `'\\''`)}'`
  ).join(" ");
}

// src/demo/commands.ts
function storyCommands(factories) {
  return {
    init: initCommand,
    codeowners: codeownersCommand,
    request: requestCommand,
    approve: approveCommand,
    merge: mergeCommand,
    reconcile: reconcileCommand({ factories }),
    expire: expireCommand,
    status: statusCommand,
    audit: auditCommand
  };
}

// src/demo/repository.ts
import { readFile, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";
var ACTION_REF = `grantops/grantops@${"0".repeat(40)}`;
var ADMIN = { name: "sam", email: "sam@users.noreply.github.com" };
var PEOPLE = [
  ["oncall", "alice"],
  ["dba", "carol"]
];
async function setUpRepository(s, now) {
  s.step("An access repository, as `grantops init` makes it");
  await s.grantops(["init", "access", "--org", "acme", "--action-ref", ACTION_REF], {
    exit: 0,
    cwd: join2(s.repo, "..")
  });
  s.show("$ cd access");
  s.say(
    "Its example policy has one role, orders-db-read: read-only SQL on the orders database, for",
    "at most 8h, requested by the group oncall, approved by one person of the group dba.",
    "An admin puts people in those groups (policies/access.yaml) and commits:"
  );
  const file = join2(s.repo, "policies/access.yaml");
  let after = await readFile(file, "utf8");
  const edited = [];
  for (const [group, login] of PEOPLE) {
    const line = new RegExp(`^( *${group}: \\[)(.*)\\]$`, "m");
    if (!line.test(after))
      throw new StoryFailure(
        `policies/access.yaml from grantops init has no one-line group ${group} for ${login} to join.`
      );
    after = after.replace(line, (_, head, list) => {
      edited.push(`    ${head.trim()}${list}, ${login}]`);
      return `${head}${list}, ${login}]`;
    });
  }
  await writeFile(file, after);
  s.show(edited.join("\n"));
  const admin = {
    GIT_AUTHOR_NAME: ADMIN.name,
    GIT_AUTHOR_EMAIL: ADMIN.email,
    GIT_COMMITTER_NAME: ADMIN.name,
    GIT_COMMITTER_EMAIL: ADMIN.email,
    GIT_AUTHOR_DATE: now,
    GIT_COMMITTER_DATE: now
  };
  const commit = (message) => s.git(["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", message], {
    env: admin
  });
  await s.git(["add", "-A"], { shown: 'git add -A && git commit -m "Access policies for acme"' });
  await commit("Access policies for acme");
  s.say("CODEOWNERS routes each role folder to its approvers: regenerate it from the policies.");
  await s.grantops(["codeowners"], { exit: 0 });
  const owners = await readFile(join2(s.repo, ".github/CODEOWNERS"), "utf8");
  if (!/^\/grants\/orders-db-read\/ .*@carol\b/m.test(owners))
    throw new StoryFailure(
      ".github/CODEOWNERS does not make carol an owner of grants/orders-db-read/."
    );
  await s.git(["add", "-A"], { shown: 'git commit -am "CODEOWNERS from the policies"' });
  await commit("CODEOWNERS from the policies");
}

// src/demo/story.ts
var at = (hhmm) => `2026-11-25T${hhmm}:00Z`;
var T = {
  setup: at("08:00"),
  mistake: at("09:00"),
  request: at("09:01"),
  selfApproval: at("09:02"),
  early: at("09:03"),
  approval: at("09:05"),
  merge: at("09:10"),
  grant: at("09:15"),
  expires: at("11:10"),
  // the merge + 2h
  later: at("11:30")
};
var ROLE = "orders-db-read";
var REQUEST = `request/${ROLE}/alice`;
var GRANT_PATH = `grants/${ROLE}/alice.yaml`;
var REASON = "INC-4821 slow checkout queries need EXPLAIN";
function intro(work) {
  return [
    "grantops demo: one access request, from asking to audit, offline and in a throwaway folder.",
    "Every command runs as shown, in this process; --now moves the story's clock.",
    `WORK=${work}`
  ].join("\n");
}
function ending(end) {
  const done = `Every step behaved as told (${end.seconds.toFixed(1)} s)`;
  if (end.kept === void 0) return `
${done}; the throwaway folder is removed.`;
  return [
    `
${done}. Kept: the repository ${end.repo}${end.kept ? ` and its database ${end.kept}` : ""}. Explore it:`,
    `  cd ${end.repo}`,
    "  git log --stat main                         # every change, with its trailers",
    "  grantops status                             # in force now: nothing, the grant ended",
    `  grantops audit --at ${at("10:00")}    # who had access at 10:00`
  ].join("\n");
}
async function tellStory(s, db, hooks) {
  await setUpRepository(s, T.setup);
  showDatabase(s, db);
  await request(s);
  await approveAndMerge(s);
  await provision(s, db, hooks);
  await expireAndAudit(s);
}
function showDatabase(s, db) {
  s.step("The orders database, as a DBA set it up");
  s.say(
    `Here: ${db.label}, starting in the background.`,
    "grantops never creates roles or logins: it puts people into roles like orders_read, and",
    "takes them out again."
  );
  s.show(DBA_SETUP.map((sql) => `sql> ${sql}`).join("\n"));
  s.say("The policy's provider orders-db reads its connection from ORDERS_DB_URL:");
  s.show(`$ export ORDERS_DB_URL=${db.shownUrl}`);
}
async function request(s) {
  s.step("alice asks for 12 hours");
  const ask = (duration, now, exit) => s.grantops(
    ["request", ROLE, "--for", duration, "--reason", REASON, "--as", "alice", "--now", now],
    { exit }
  );
  const refused = await ask("12h", T.mistake, 1);
  if (!refused.output.includes("E_DURATION_TOO_LONG") || !refused.output.includes("8h"))
    throw new StoryFailure(
      "the refusal does not name the problem (E_DURATION_TOO_LONG) and the 8h limit."
    );
  if (await s.hasRef(`refs/heads/${REQUEST}`))
    throw new StoryFailure(`the refused request wrote the branch ${REQUEST}.`);
  s.say("Refused before anything is written: the role allows 8h at most, and the message says so.");
  s.step("alice asks again, for 2 hours");
  await ask("2h", T.request, 0);
  const author = await s.git(["log", "-1", "--format=%an <%ae>", `refs/heads/${REQUEST}`]);
  if (author !== "alice <alice@users.noreply.github.com>")
    throw new StoryFailure(`the request's commit is by ${author}, not alice.`);
  s.say(
    `The request is the branch ${REQUEST}: one commit by alice adding ${GRANT_PATH}.`,
    "On GitHub it is a pull request; here, the local forge keeps it in git."
  );
}
async function approveAndMerge(s) {
  s.step("alice approves her own request");
  await s.grantops(["approve", REQUEST, "--as", "alice", "--now", T.selfApproval], { exit: 1 });
  if (await s.git(["for-each-ref", "refs/grantops/approvals/"]))
    throw new StoryFailure("alice's approval of her own request was recorded.");
  s.say("Not recorded: nobody approves their own access.");
  const main = await s.git(["rev-parse", "main"]);
  const early = await s.grantops(["merge", REQUEST, "--now", T.early], { exit: 1 });
  if (!early.output.includes("E_APPROVALS_MISSING"))
    throw new StoryFailure("merge did not say that an approval is missing (E_APPROVALS_MISSING).");
  if (await s.git(["rev-parse", "main"]) !== main) throw new StoryFailure("main moved.");
  s.say("merge decides with main's policies: one approval from dba is missing, so nothing lands.");
  s.step("carol, of the group dba, approves");
  await s.grantops(["approve", REQUEST, "--as", "carol", "--now", T.approval], { exit: 0 });
  const approval = await s.git(["rev-parse", `refs/grantops/approvals/${REQUEST}/carol`]);
  if (approval !== await s.git(["rev-parse", `refs/heads/${REQUEST}`]))
    throw new StoryFailure("carol's approval is not bound to the request's head commit.");
  s.say("Her approval is bound to the commit she saw: a later commit would make it stale.");
  s.step("merge lands it on main, with the audit trailers");
  await s.grantops(["merge", REQUEST, "--now", T.merge], { exit: 0 });
  const message = await s.git(["log", "-1", "--format=%B", "main"]);
  const expected = [
    "Grant-Action: granted",
    `Grant-Path: ${GRANT_PATH}`,
    "Grant-Requester: alice",
    `Grant-Starts: ${T.merge}`,
    `Grant-Expires: ${T.expires}`,
    "Approved-by: carol"
  ];
  const missing = expected.filter((line) => !message.split("\n").includes(line));
  if (missing.length)
    throw new StoryFailure(`the merge commit on main lacks the trailers ${missing.join("; ")}.`);
  if (!await s.git(["ls-tree", "--name-only", "main", "--", GRANT_PATH]))
    throw new StoryFailure(`${GRANT_PATH} is not on main after the merge.`);
  await s.git(["log", "-1", "main"], { shown: "git log -1", print: true });
  s.say(
    "One squash commit on main, by alice; its trailers are the audit record, and git log alone",
    "answers who had what, when, why and who approved. The 2h window opens at the merge."
  );
}
async function provision(s, db, hooks) {
  s.step("reconcile grants the role in PostgreSQL");
  if (db.isStarting()) hooks.waiting(db.label);
  await s.until(db.ready);
  await readOrders(s, db, false);
  s.say("Before reconcile, alice cannot read the orders.");
  await s.grantops(["reconcile", "--now", T.grant], { exit: 0 });
  if (!await db.isMember("alice", "orders_read"))
    throw new StoryFailure("alice is not a member of orders_read after reconcile.");
  await readOrders(s, db, true);
  s.say("Now she can: reconcile made her a member of orders_read until the window ends.");
  s.step(`Time passes: at ${T.later.slice(11, 16)} the window has ended, and reconcile revokes`);
  await s.grantops(["reconcile", "--now", T.later], { exit: 0 });
  if (await db.isMember("alice", "orders_read"))
    throw new StoryFailure("alice is still a member of orders_read after the window ended.");
  await readOrders(s, db, false);
  s.say(
    "No merge and no person needed: every scheduled reconcile takes away what git no longer backs."
  );
}
async function readOrders(s, db, allowed) {
  s.checkInterrupted();
  s.show("sql> SET ROLE alice; SELECT count(*) FROM orders;");
  const r = await db.readOrders("alice");
  if (r.allowed) s.show(` count
-------
${String(r.count).padStart(6)}
(1 row)`);
  else s.show(`ERROR:  ${r.message}`);
  if (r.allowed !== allowed)
    throw new StoryFailure(
      r.allowed ? "alice could read the orders without access." : `alice could not read the orders after reconcile granted her access: ${r.message}`
    );
  if (r.allowed && r.count !== 3) throw new StoryFailure(`alice read ${r.count} orders, not 3.`);
  if (!r.allowed && r.sqlstate !== INSUFFICIENT_PRIVILEGE)
    throw new StoryFailure(`the query failed with SQLSTATE ${r.sqlstate}, not permission denied.`);
}
async function expireAndAudit(s) {
  s.step("expire records the end on main");
  await s.grantops(["expire", "--now", T.later], { exit: 0 });
  const message = await s.git(["log", "-1", "--format=%B", "main"]);
  if (!message.split("\n").includes("Grant-Action: expired"))
    throw new StoryFailure("the last commit on main is not the expiry (Grant-Action: expired).");
  if (await s.git(["ls-tree", "--name-only", "main", "--", GRANT_PATH]))
    throw new StoryFailure(`${GRANT_PATH} is still on main after expire.`);
  await s.git(["log", "--oneline", "main"], { shown: "git log --oneline", print: true });
  s.say("A revert deleting the grant file, with trailers: the end of access is in git too.");
  s.step("audit: the timeline, from git history alone");
  await s.grantops(["audit", "--now", T.later], { exit: 0 });
  const json = await s.grantops(["audit", "--now", T.later, "--format", "json"], {
    exit: 0,
    quiet: true
  });
  const parsed = JSON.parse(json.output);
  const events = Array.isArray(parsed) ? parsed : [];
  const seen = events.map((e) => `${e.event} ${e.requester} approved by ${e.approvers.join(",")}`);
  if (seen.join("; ") !== "granted alice approved by carol; expired alice approved by carol")
    throw new StoryFailure(
      `audit shows ${seen.join("; ") || "no events"}, not the grant and its expiry.`
    );
  s.say("And as Markdown, for a report or an issue, with a Mermaid chart of the windows:");
  const chart = await s.grantops(["audit", "--now", T.later, "--format", "markdown"], { exit: 0 });
  if (!chart.output.includes("```mermaid"))
    throw new StoryFailure("audit --format markdown has no Mermaid chart.");
}

// src/commands/demo.ts
var GIT_LOCATION = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_COMMON_DIR",
  "GIT_NAMESPACE"
];
function demoCommand(seams = {}) {
  return {
    name: "demo",
    summary: "Watch one access request go through its whole life, offline, in a throwaway repository.",
    usage: "grantops demo [--keep]",
    formats: ["text"],
    options: {
      keep: {
        type: "boolean",
        help: "Keep the repository (and the embedded database) and say how to explore it."
      }
    },
    async run(ctx, args) {
      for (const flag of ["repo", "now"])
        if (args.values[flag] !== void 0)
          throw new UsageError(
            `grantops demo makes its own repository and tells its story on its own clock: --${flag} does not apply. Run grantops demo without it.`
          );
      if (args.positionals.length)
        throw new UsageError(
          "grantops demo takes no arguments: run grantops demo, or grantops demo --keep to look around afterwards."
        );
      const redirect = GIT_LOCATION.filter((name) => process.env[name] !== void 0);
      if (redirect.length)
        throw new UsageError(
          `${redirect.join(", ")} ${redirect.length > 1 ? "are" : "is"} set (in a git hook?): git would work in that repository, not the demo's own. Run grantops demo without ${redirect.length > 1 ? "them" : "it"}.`
        );
      const keep = args.values.keep === true;
      const terminal = seams.terminal ?? process.stderr.isTTY === true;
      const started = performance.now();
      const work = mkdtempSync(join3(seams.tmpdir ?? tmpdir(), "grantops-demo-"));
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      seams.signal?.addEventListener("abort", onSignal);
      const removeOnExit = () => rmSync(work, { recursive: true, force: true });
      if (!keep) process.once("exit", removeOnExit);
      let db;
      let session;
      try {
        ctx.stdout(intro(work));
        db = (seams.database ?? openDemoDatabase)(work, ctx.env);
        session = new Session({
          work,
          print: ctx.stdout,
          commands: storyCommands(db.factories),
          env: { ORDERS_DB_URL: db.url },
          signal: stop.signal
        });
        await tellStory(session, db, {
          waiting: (what) => terminal && ctx.stderr(`\u2026 waiting for ${what} to be ready`)
        });
      } catch (err) {
        if (err instanceof Interrupted || stop.signal.aborted) {
          ctx.stderr("grantops demo: interrupted; what it made is removed.");
          return 130;
        }
        if (err instanceof StoryFailure) {
          ctx.stderr(
            `grantops demo: step ${session?.current ?? "setup"} did not behave as the story says: ${err.message}`
          );
          return 1;
        }
        throw err;
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        seams.signal?.removeEventListener("abort", onSignal);
        process.off("exit", removeOnExit);
        await db?.close().catch((e) => ctx.stderr(`grantops demo: ${e.message}`));
        if (!keep || stop.signal.aborted) rmSync(work, { recursive: true, force: true });
      }
      const seconds = (performance.now() - started) / 1e3;
      ctx.stdout(ending({ seconds, repo: session.repo, kept: keep ? db.keptIn : void 0 }));
      return 0;
    }
  };
}

export {
  demoCommand
};
