#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  MAX_POLICY_BYTES,
  POLICIES_DIR,
  gitOk,
  isRegularFileMode,
  loadPolicies
} from "./chunk-JZNY5N4S.js";
import {
  problem
} from "./chunk-3UBAAKNO.js";

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
async function readPolicySources(repo, rev) {
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
  const blobs = await readBlobs(
    repo,
    readable.map((e) => e.oid)
  );
  const files = readable.flatMap((e) => {
    const text = decodeUtf8(blobs.get(e.oid) ?? Buffer.alloc(0));
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
  readBlobs,
  decodeUtf8,
  POLICY_FILE,
  readPoliciesAt,
  readPolicySources,
  loadPolicySources
};
