import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  BlobReader,
  decodeUtf8
} from "./chunk-5CDPNGCY.js";
import {
  MAX_GRANT_BYTES,
  expandPrincipals,
  gitOk,
  isRegularFileMode,
  splitZ
} from "./chunk-L2WRRIKU.js";

// src/git/diff.ts
var STATUS = {
  A: "added",
  M: "modified",
  D: "deleted",
  T: "type-changed"
};
var ZERO = /^0+$/;
async function readChanges(repo, base, head, reader) {
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
    const blobs = reader ?? new BlobReader(repo, MAX_GRANT_BYTES);
    try {
      const read = await blobs.readMany(wanted.map((c) => c.oid));
      wanted.forEach((c, i) => {
        const b = read[i];
        c.size = b.size;
        if (b.size === null || b.size > MAX_GRANT_BYTES || !b.bytes) return;
        const text = decodeUtf8(b.bytes);
        if (text === null) c.notUtf8 = true;
        else c.text = text;
      });
    } finally {
      if (!reader) await blobs.close();
    }
  }
  return changes.map(({ oid: _oid, ...c }) => c);
}
async function changedOnBase(repo, base, head, paths) {
  if (paths.length === 0) return [];
  return splitZ(
    await gitOk(repo, [
      "diff",
      "--name-only",
      "-z",
      "--no-renames",
      "--no-ext-diff",
      `${head}...${base}`,
      "--",
      ...paths.map((p) => `:(literal)${p}`)
    ])
  );
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
  readChanges,
  changedOnBase,
  resolveTeams
};
