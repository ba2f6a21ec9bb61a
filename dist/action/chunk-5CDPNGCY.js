import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  MAX_POLICY_BYTES,
  OBJECT_ID,
  POLICIES_DIR,
  git,
  gitEnv,
  gitOk,
  isRegularFileMode,
  loadPolicies
} from "./chunk-L2WRRIKU.js";
import {
  ExternalError,
  problem
} from "./chunk-AEA6CW7H.js";

// src/git/blob-stream.ts
import { spawn } from "node:child_process";
var FLUSH_AT = 2048;
var BlobReader = class {
  constructor(repo, maxBytes) {
    this.repo = repo;
    this.maxBytes = maxBytes;
  }
  repo;
  maxBytes;
  child = null;
  queue = [];
  head = 0;
  pendingOids = [];
  flushScheduled = false;
  carry = null;
  /** The blob being received: its header is read, `remaining` content bytes (+1 newline) to go. */
  body = null;
  failure = null;
  stderr = "";
  read(oid) {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.ask({ oid, resolve, reject }));
  }
  /**
   * Reads a batch and sends it to git at once: one promise for the whole batch, not one per
   * blob (the ledger reads tens of thousands).
   */
  readMany(oids) {
    if (this.failure) return Promise.reject(this.failure);
    if (oids.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const out = new Array(oids.length);
      let left = oids.length;
      let failed = false;
      oids.forEach(
        (oid, i) => this.ask({
          oid,
          resolve: (b) => {
            out[i] = b;
            if (--left === 0) resolve(out);
          },
          reject: (e) => {
            if (!failed) reject(e);
            failed = true;
          }
        })
      );
      this.flush();
    });
  }
  ask(req) {
    this.start();
    this.queue.push(req);
    this.pendingOids.push(req.oid);
    if (this.pendingOids.length >= FLUSH_AT) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setTimeout(() => this.flush(), 10);
    }
  }
  /** Ends git's input; resolves when git has exited. */
  async close() {
    const child = this.child;
    if (!child) return;
    this.flush();
    await new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else {
        child.once("close", () => resolve());
        child.stdin.end();
      }
    });
    this.child = null;
  }
  start() {
    if (this.child) return;
    const child = spawn("git", ["cat-file", "--batch"], {
      cwd: this.repo,
      env: gitEnv(),
      stdio: ["pipe", "pipe", "pipe"]
    });
    this.child = child;
    child.stdin.on("error", () => void 0);
    child.stderr.setEncoding("utf8").on("data", (s) => this.stderr += s.slice(0, 2e3));
    child.stdout.on("data", (chunk) => this.receive(chunk));
    child.on(
      "error",
      (e) => this.fail(
        new ExternalError(
          "E_GIT",
          `Could not run git cat-file: ${e.message}. Check that git is installed and on PATH, then run again.`
        )
      )
    );
    child.on("close", (code) => {
      if (this.head < this.queue.length)
        this.fail(
          new ExternalError(
            "E_GIT",
            `git cat-file stopped early (exit ${code}): ${this.stderr.trim()}. Check the repository with git fsck, then run again.`
          )
        );
    });
  }
  /** Sends the ids asked for so far: call it before waiting for one of them. */
  flush() {
    this.flushScheduled = false;
    if (!this.pendingOids.length || !this.child) return;
    this.child.stdin.write(this.pendingOids.join("\n") + "\n");
    this.pendingOids = [];
  }
  fail(e) {
    this.failure = e;
    for (let i = this.head; i < this.queue.length; i++) this.queue[i].reject(e);
    this.queue.length = 0;
    this.head = 0;
  }
  next() {
    const req = this.queue[this.head++];
    if (this.head > 4096) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return req;
  }
  receive(chunk) {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    let pos = 0;
    while (pos < buf.length) {
      if (this.body) {
        const b = this.body;
        const take = Math.min(b.remaining, buf.length - pos);
        if (b.parts) b.parts.push(buf.subarray(pos, pos + take));
        b.remaining -= take;
        pos += take;
        if (b.remaining === 0) {
          this.body = null;
          const bytes = !b.parts ? null : b.parts.length === 1 ? Buffer.from(b.parts[0].subarray(0, b.size)) : Buffer.concat(b.parts).subarray(0, b.size);
          b.req.resolve({ oid: b.req.oid, size: b.size, bytes });
        }
        continue;
      }
      const nl = buf.indexOf(10, pos);
      if (nl < 0) break;
      const header = buf.toString("latin1", pos, nl).split(" ");
      pos = nl + 1;
      const req = this.next();
      if (header[1] === "missing" || header.length < 3) {
        req.resolve({ oid: req.oid, size: null, bytes: null });
        continue;
      }
      const size = Number(header[2]);
      this.body = { req, size, remaining: size + 1, parts: size <= this.maxBytes ? [] : null };
    }
    if (pos < buf.length) this.carry = Buffer.from(buf.subarray(pos));
  }
};

// src/git/objects.ts
async function listTree(repo, rev, prefixes) {
  const out = await gitOk(repo, [
    "ls-tree",
    "-r",
    "-l",
    "-z",
    "--full-tree",
    rev,
    "--",
    ...prefixes
  ]);
  const entries = [];
  for (const line of out.toString("latin1").split("\0")) {
    if (!line) continue;
    const tab = line.indexOf("	");
    const [mode, type, oid, size] = line.slice(0, tab).split(/ +/);
    entries.push({
      mode,
      type,
      oid,
      size: size === "-" ? null : Number(size),
      path: line.slice(tab + 1)
    });
  }
  return entries;
}
async function objectsAt(repo, commit, paths) {
  const batched = paths.filter((p) => !p.includes("\n"));
  const lines = [`${commit}^{commit}`, ...batched.map((p) => `${commit}:${p}`)];
  const out = (await gitOk(
    repo,
    ["cat-file", "--batch-check=%(objectname)"],
    Buffer.from(`${lines.join("\n")}
`, "latin1")
  )).toString("latin1").split("\n");
  const found = (line) => line && OBJECT_ID.test(line) ? line : null;
  if (!found(out[0])) return null;
  const result = /* @__PURE__ */ new Map();
  batched.forEach((p, i) => result.set(p, found(out[i + 1])));
  for (const p of paths) if (!result.has(p)) result.set(p, await objectAt(repo, commit, p));
  return result;
}
async function objectAt(repo, commit, path) {
  const r = await git(repo, [
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `${commit}:${path}`
  ]);
  const id = r.stdout.toString("utf8").trim();
  return r.code === 0 && OBJECT_ID.test(id) ? id : null;
}
async function readBlobs(repo, oids) {
  const unique = [...new Set(oids)];
  const result = /* @__PURE__ */ new Map();
  if (unique.length === 0) return result;
  const out = await gitOk(repo, ["cat-file", "--batch"], unique.join("\n") + "\n");
  let pos = 0;
  for (const oid of unique) {
    const nl = out.indexOf(10, pos);
    const header = out.subarray(pos, nl).toString("latin1").split(" ");
    if (header[1] === "missing") {
      pos = nl + 1;
      continue;
    }
    const size = Number(header[2]);
    result.set(oid, out.subarray(nl + 1, nl + 1 + size));
    pos = nl + 1 + size + 1;
  }
  return result;
}
var UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
function decodeUtf8(bytes) {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

// src/git/policies.ts
var POLICY_FILE = /^policies\/[A-Za-z0-9._-]+\.yaml$/;
async function readPoliciesAt(repo, rev, schemas, opts = {}) {
  return loadPolicySources(await readPolicySources(repo, rev), schemas, opts);
}
async function readPolicySources(repo, rev, reader) {
  const entries = (await listTree(repo, rev, [POLICIES_DIR])).filter(
    (e) => POLICY_FILE.test(e.path)
  );
  const problems = [];
  const readable = entries.filter((e) => {
    if (!isRegularFileMode(e.mode)) {
      problems.push(
        problem(
          e.path,
          null,
          "E_NOT_REGULAR_FILE",
          "Policy files must be regular files, not symlinks or submodules."
        )
      );
      return false;
    }
    if ((e.size ?? 0) > MAX_POLICY_BYTES) {
      problems.push(
        problem(
          e.path,
          null,
          "E_FILE_TOO_LARGE",
          `This policy file is ${e.size} bytes, over the ${MAX_POLICY_BYTES} bytes (1 MiB) grantops reads in one policy file, so none of it was read. Split it into several files under policies/ (they are all merged).`
        )
      );
      return false;
    }
    return true;
  });
  const blobs = reader ?? new BlobReader(repo, MAX_POLICY_BYTES);
  let read;
  try {
    read = await blobs.readMany(readable.map((e) => e.oid));
  } finally {
    if (!reader) await blobs.close();
  }
  const files = readable.flatMap((e, i) => {
    const text = decodeUtf8(read[i].bytes ?? Buffer.alloc(0));
    if (text === null) {
      problems.push(problem(e.path, null, "E_ENCODING", "Policy file is not valid UTF-8."));
      return [];
    }
    return [{ path: e.path, text }];
  });
  return { files, problems, count: entries.length };
}
function loadPolicySources(sources, schemas, opts = {}) {
  const loaded = loadPolicies(sources.files, schemas, opts);
  const loadedProblems = sources.count ? loaded.problems.filter((p) => p.code !== "E_POLICY_MISSING") : loaded.problems;
  return { policy: loaded.policy, problems: [...sources.problems, ...loadedProblems] };
}

export {
  BlobReader,
  listTree,
  objectsAt,
  objectAt,
  readBlobs,
  decodeUtf8,
  POLICY_FILE,
  readPoliciesAt,
  readPolicySources,
  loadPolicySources
};
