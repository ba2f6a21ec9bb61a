import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  parseTimestamp
} from "./chunk-ZKAXKIEA.js";
import {
  grant,
  settings
} from "./chunk-RPORFTNC.js";
import {
  parseDuration
} from "./chunk-FQZU7CBE.js";
import "./chunk-HEZKBJE2.js";
import {
  ConfigError,
  ExternalError
} from "./chunk-AEA6CW7H.js";
import {
  quote
} from "./chunk-KLQUP7ME.js";
import "./chunk-LU25FTH7.js";

// src/providers/command/provider.ts
import { isAbsolute, resolve } from "node:path";

// src/providers/command/run.ts
import { spawn } from "node:child_process";
var KILL_GRACE_MS = 2e3;
function runCommand(opts) {
  const max = opts.maxOutputBytes ?? 16 * 1024 * 1024;
  return new Promise((resolve2) => {
    const [program, ...args] = opts.argv;
    const child = spawn(program, args, {
      shell: false,
      cwd: opts.cwd,
      env: opts.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
      windowsHide: true
    });
    const out = [];
    const err = [];
    let size = 0;
    let timedOut = false;
    let error = null;
    let done = false;
    const timers = [];
    const killGroup = (signal) => {
      if (child.pid === void 0) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
      }
    };
    const stop = () => {
      killGroup("SIGTERM");
      timers.push(setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS));
      timers.push(setTimeout(() => finish(null, "SIGKILL"), KILL_GRACE_MS + 1e3));
    };
    const collect = (into) => (chunk) => {
      size += chunk.length;
      if (size > max) {
        if (!error) {
          error = `printed more than ${max} bytes of output`;
          stop();
        }
        return;
      }
      into.push(chunk);
    };
    const finish = (code, signal) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve2({
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        timedOut,
        error
      });
    };
    child.stdout.on("data", collect(out));
    child.stderr.on("data", collect(err));
    child.on("error", (e) => {
      error = `could not be started: ${e.code ?? e.message}`;
      finish(null, null);
    });
    child.on("close", (code, signal) => finish(code, signal));
    timers.push(
      setTimeout(() => {
        timedOut = true;
        stop();
      }, opts.timeoutMs)
    );
    child.stdin.on("error", () => {
    });
    child.stdin.end(opts.input);
  });
}

// src/providers/command/provider.ts
var DEFAULT_TIMEOUT_SECONDS = 60;
var SHOWN = 1e3;
var CommandProvider = class {
  constructor(name, s, deps) {
    this.name = name;
    this.s = s;
    this.deps = deps;
    this.nativeExpiry = s.nativeExpiry;
  }
  name;
  s;
  deps;
  type = "command";
  nativeExpiry;
  async list() {
    const stdout = await this.run("list", { provider: this.name, targets: this.deps.targets });
    let data;
    try {
      data = JSON.parse(stdout);
    } catch {
      throw this.bad(
        "list",
        `printed invalid JSON (expected an array of accesses): ${quote(stdout, SHOWN)}`
      );
    }
    if (!Array.isArray(data))
      throw this.bad("list", `printed ${quote(stdout, 80)}, not a JSON array of accesses`);
    return data.map((item, i) => this.toAccess(item, i));
  }
  async grant(access) {
    await this.run("grant", accessInput(this.name, access));
  }
  async revoke(access) {
    await this.run("revoke", accessInput(this.name, access));
  }
  async run(verb, input) {
    const r = await runCommand({
      argv: [...this.program(), verb],
      input: `${JSON.stringify(input)}
`,
      env: this.env(),
      cwd: this.deps.repoDir ?? process.cwd(),
      timeoutMs: this.s.timeoutMs
    });
    if (r.code === 0 && !r.timedOut && !r.error) return r.stdout;
    throw this.bad(verb, describeFailure(r, this.s.timeoutMs));
  }
  /** A relative program path is the access repository's (e.g. ./bin/vault-access). */
  program() {
    const [first, ...rest] = this.s.argv;
    const program = first.includes("/") && !isAbsolute(first) ? resolve(this.deps.repoDir ?? process.cwd(), first) : first;
    return [program, ...rest];
  }
  /** Only PATH and the variables named in `env`: secrets the command does not need stay out. */
  env() {
    const out = {};
    for (const name of ["PATH", ...this.s.envNames]) {
      const value = this.deps.env[name];
      if (value !== void 0) out[name] = value;
    }
    return out;
  }
  toAccess(item, i) {
    const o = item;
    const text = (k) => typeof o?.[k] === "string" && o[k] !== "";
    if (typeof o !== "object" || o === null || Array.isArray(o) || !text("role") || !text("login") || !text("identity")) {
      throw this.bad(
        "list",
        `item ${i} must be an object with non-empty strings role, login and identity; got ${quote(JSON.stringify(item) ?? String(item), 120)}`
      );
    }
    const role = o.role;
    let target = this.deps.targets.find((t) => t.role === role)?.target ?? {};
    if (o.target !== void 0) {
      if (typeof o.target !== "object" || o.target === null || Array.isArray(o.target)) {
        throw this.bad("list", `item ${i}: target must be an object`);
      }
      target = o.target;
    }
    const access = {
      role,
      login: o.login.toLowerCase(),
      identity: o.identity,
      target: { ...target }
    };
    if (o.expires_at !== void 0 && o.expires_at !== null) {
      const at = typeof o.expires_at === "string" ? parseTimestamp(o.expires_at) : null;
      if (!at)
        throw this.bad(
          "list",
          `item ${i}: expires_at must be an RFC 3339 time with offset, e.g. 2026-11-26T11:00:00Z`
        );
      access.expiresAt = at;
    }
    if (o.params !== void 0 && typeof o.params === "object" && o.params !== null) {
      access.params = o.params;
    }
    return access;
  }
  bad(verb, what) {
    return new ExternalError(
      "E_PROVIDER",
      `Provider ${quote(this.name)}: \`${this.s.argv.join(" ")} ${verb}\` ${what}. Fix the command so it keeps the command provider's contract (grantops' README, Providers), then run again.`
    );
  }
};
function accessInput(provider, a) {
  return {
    provider,
    role: a.role,
    login: a.login,
    identity: a.identity,
    target: a.target,
    params: a.params ?? {},
    expires_at: a.expiresAt ? a.expiresAt.toISOString() : null
  };
}
function describeFailure(r, timeoutMs) {
  const stderr = r.stderr.trim();
  const tail = stderr ? `; stderr: ${quote(stderr.length > SHOWN ? `\u2026${stderr.slice(-SHOWN)}` : stderr, SHOWN + 10)}` : "";
  if (r.timedOut) return `timed out after ${timeoutMs / 1e3}s and was stopped${tail}`;
  if (r.error) return `${r.error}${tail}`;
  if (r.signal) return `was killed by ${r.signal}${tail}`;
  return `exited with code ${r.code}${tail}`;
}
function commandSettings(name, raw) {
  const argv = raw.command;
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === "string" && a !== "")) {
    throw new ConfigError(
      `Provider ${quote(name)}: command must be a list such as ["./bin/vault-access"], never a shell string.`
    );
  }
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (raw.timeout !== void 0) {
    const parsed = typeof raw.timeout === "string" ? parseDuration(raw.timeout) : null;
    if (!parsed)
      throw new ConfigError(
        `Provider ${quote(name)}: timeout ${quote(String(raw.timeout))} is not a duration. Write it like 30s, 2m or PT1M.`
      );
    timeoutSeconds = parsed;
  }
  const envNames = Array.isArray(raw.env) ? raw.env.filter((e) => typeof e === "string") : [];
  return {
    argv,
    timeoutMs: timeoutSeconds * 1e3,
    envNames,
    nativeExpiry: raw.native_expiry === true
  };
}
var commandProvider = {
  type: "command",
  settings,
  grant,
  create: (config, deps) => new CommandProvider(config.name, commandSettings(config.name, config.settings), deps)
};
export {
  CommandProvider,
  DEFAULT_TIMEOUT_SECONDS,
  accessInput,
  commandProvider,
  commandSettings
};
