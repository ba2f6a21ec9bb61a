/**
 * Generates a synthetic access repository with `git fast-import`: policies for many roles, a long
 * first-parent history of requests (direct and squash commits, and --no-ff merges of requester
 * branches made hours after the branch commit), renewals, expiry reverts, revocations and policy
 * changes. Output is cached in `.bench/<key>/` by its parameters, so a second run is instant.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bumped whenever the shape of generated history changes, so stale caches are not reused. */
const GENERATOR_VERSION = 2;

/** A small deterministic PRNG (mulberry32): the same parameters always give the same repo. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w) => String(n).padStart(w, '0');
export const roleName = (i) => `r${pad(i, 3)}`;
export const loginName = (i) => `u${pad(i, 5)}`;
const ROLES_PER_FILE = 50;
const MAX_HOURS = [2, 4, 8, 12, 24];

function rolesFile(fileIndex, roles, epoch) {
  const lines = [
    '# yaml-language-server: $schema=../schemas/policy.schema.json',
    'providers:',
    `  p${fileIndex}:`,
    '    type: command',
    `    command: ['./bin/access-${fileIndex}']`,
    '',
    'roles:',
  ];
  for (
    let r = fileIndex * ROLES_PER_FILE;
    r < Math.min(roles, (fileIndex + 1) * ROLES_PER_FILE);
    r++
  ) {
    // Policy changes move max_duration around, so windows depend on the policy at landing.
    const max = MAX_HOURS[(r + epoch) % MAX_HOURS.length];
    lines.push(
      `  ${roleName(r)}:`,
      `    description: Synthetic role ${r} (policy epoch ${epoch})`,
      `    provider: p${fileIndex}`,
      `    grant: { target: ${roleName(r)} }`,
      `    max_duration: ${max}h`,
      '    requesters: [engineers]',
      '    approvers: [approvers]',
      '    approvals: 1',
    );
  }
  return lines.join('\n') + '\n';
}

function peopleFile(logins) {
  const engineers = Array.from({ length: logins }, (_, i) => loginName(i));
  return [
    '# yaml-language-server: $schema=../schemas/policy.schema.json',
    "admins: ['@bench/security']",
    'groups:',
    `  engineers: [${engineers.join(', ')}]`,
    '  approvers: [ann, bob, cyd]',
    '',
  ].join('\n');
}

function grantText(n, hours, start) {
  return (
    `duration: ${hours}h\nreason: INC-${n} synthetic investigation of slow queries on the primary\nticket: INC-${n}\n` +
    (start ? `start: ${start}\n` : '')
  );
}

function trailerBlock(action, role, login, reason, pr) {
  const t = [
    `Grant-Action: ${action}`,
    `Grant-Path: grants/${role}/${login}.yaml`,
    `Grant-Role: ${role}`,
    `Grant-Requester: ${login}`,
  ];
  if (reason) t.push(`Reason: ${reason}`);
  if (action === 'granted' || action === 'renewed') t.push('Approved-by: ann');
  if (pr) t.push(`Pull-Request: #${pr}`);
  return t.join('\n');
}

/** fast-import commands for the whole history, in chunks; returns what the benchmarks need to know. */
function* history(p) {
  let out = [];
  let size = 0;
  const write = (s) => {
    out.push(s);
    size += s.length;
  };
  const chunk = function* () {
    if (size < 1 << 20) return;
    yield out.join('');
    out = [];
    size = 0;
  };
  const rand = rng(p.seed);
  const enc = (s) => Buffer.byteLength(s);
  let t = Date.UTC(2021, 0, 4) / 1000;
  let mark = 0;
  let commits = 0;
  let pr = 0;
  const present = []; // keys "role/login"
  const index = new Map(); // key → position in present
  const remove = (key) => {
    const i = index.get(key);
    const last = present.pop();
    if (last !== key) {
      present[i] = last;
      index.set(last, i);
    }
    index.delete(key);
  };
  const ident = (who, ts) => `${who} <${who}@bench.example> ${ts} +0000`;
  const data = (s) => `data ${enc(s)}\n${s}\n`;
  const inline = (path, text) => `M 100644 inline ${path}\n${data(text)}`;
  const commit = (ref, who, ts, msg, ops, extra = '') => {
    mark++;
    commits++;
    write(
      `commit ${ref}\nmark :${mark}\n${`author ${ident(who, ts)}\ncommitter ${ident(who, ts)}\n`}${data(msg)}${extra}${ops}`,
    );
    return mark;
  };
  let epoch = 0;
  const files = Math.ceil(p.roles / ROLES_PER_FILE);
  // The epoch each roles file was last written in: a role's maximum is MAX_HOURS[(r + that) % 5].
  const fileEpoch = new Array(files).fill(0);
  const maxHours = (r) =>
    MAX_HOURS[(r + fileEpoch[Math.floor(r / ROLES_PER_FILE)]) % MAX_HOURS.length];
  let ops = inline('policies/people.yaml', peopleFile(p.logins));
  for (let f = 0; f < files; f++)
    ops += inline(`policies/roles-${pad(f, 2)}.yaml`, rolesFile(f, p.roles, epoch));
  ops += inline('README.md', 'Synthetic access repository for grantops benchmarks.\n');
  let mainMark = commit('refs/heads/main', 'admin', t, 'Access repository: policies\n', ops);
  const policyEvery = Math.max(1, Math.floor(p.commits / p.policyChanges));
  while (commits < p.commits) {
    yield* chunk();
    t += 60 + Math.floor(rand() * 1800);
    if (commits % policyEvery === 0) {
      epoch++;
      const f = epoch % files;
      fileEpoch[f] = epoch;
      mainMark = commit(
        'refs/heads/main',
        'admin',
        t,
        `Policy change ${epoch}\n`,
        inline(`policies/roles-${pad(f, 2)}.yaml`, rolesFile(f, p.roles, epoch)),
      );
      continue;
    }
    const fill = present.length < p.grants;
    const x = rand();
    if (!fill && x < 0.45) {
      // Expiry revert or revocation: a direct commit deleting the file.
      const key = present[Math.floor(rand() * present.length)];
      remove(key);
      const [role, login] = key.split('/');
      const action = rand() < 0.8 ? 'expired' : 'revoked';
      pr++;
      const msg = `Revert grant ${role} for ${login}\n\n${trailerBlock(action, role, login, action === 'revoked' ? 'done early' : null, pr)}\n`;
      mainMark = commit('refs/heads/main', 'grantops', t, msg, `D grants/${role}/${login}.yaml\n`);
      continue;
    }
    let key;
    let action = 'granted';
    if (!fill && x < 0.6) {
      key = present[Math.floor(rand() * present.length)];
      action = 'renewed';
    } else {
      do
        key = `${roleName(Math.floor(rand() * p.roles))}/${loginName(Math.floor(rand() * p.logins))}`;
      while (index.has(key));
      index.set(key, present.length);
      present.push(key);
    }
    const [role, login] = key.split('/');
    pr++;
    // Requests pass validate: a duration within the role's maximum when it lands.
    const hours = 1 + Math.floor(rand() * maxHours(Number(role.slice(1))));
    const start =
      rand() < 0.05 ? new Date((t + 86400) * 1000).toISOString().replace(/\.000Z$/, 'Z') : null;
    const text = grantText(pr, hours, start);
    const path = `grants/${role}/${login}.yaml`;
    const subject = `Grant ${role} to ${login} for ${hours}h (#${pr})`;
    const trailers = trailerBlock(
      action,
      role,
      login,
      `INC-${pr} synthetic investigation of slow queries on the primary`,
      pr,
    );
    if (rand() < p.mergeShare && commits + 2 <= p.commits) {
      // The requester's branch commit, then grantops' --no-ff merge hours later.
      const branch = commit(
        'refs/heads/request',
        login,
        t - 3 * 3600,
        `Request ${role} for ${hours}h\n`,
        inline(path, text),
        `from :${mainMark}\n`,
      );
      mainMark = commit(
        'refs/heads/main',
        'grantops',
        t,
        `${subject}\n\n${trailers}\n`,
        inline(path, text),
        `from :${mainMark}\nmerge :${branch}\n`,
      );
    } else {
      mainMark = commit(
        'refs/heads/main',
        'grantops',
        t,
        `${subject}\n\n${trailers}\n`,
        inline(path, text),
        `from :${mainMark}\n`,
      );
    }
  }
  // A pending request against the final main: what `validate` is measured on.
  const reqLogin = loginName(p.logins - 1);
  const reqRole = roleName(0);
  const reqPath = `grants/${reqRole}/${reqLogin}.yaml`;
  write(
    `commit refs/heads/bench-request\nmark :${++mark}\nauthor ${ident(reqLogin, t + 60)}\ncommitter ${ident(reqLogin, t + 60)}\n${data(`Request ${reqRole}\n`)}from :${mainMark}\n` +
      inline(reqPath, grantText(999999, 1, null)),
  );
  write('done\n');
  yield out.join('');
  return { lastTime: t, requestLogin: reqLogin, requestPath: reqPath };
}

export function repoKey(p) {
  return createHash('sha256')
    .update(JSON.stringify({ v: GENERATOR_VERSION, ...p }))
    .digest('hex')
    .slice(0, 12);
}

/**
 * Returns the path of a generated repository for these parameters, generating it when absent.
 * p: { commits, grants, roles, logins, mergeShare, policyChanges, seed }
 */
export async function ensureRepo(root, p, log) {
  const dir = join(root, `repo-${p.commits}c-${p.grants}g-${repoKey(p)}`);
  const doneFile = join(dir, '.bench-ready.json');
  if (existsSync(doneFile)) return { dir, ...JSON.parse(readFileSync(doneFile, 'utf8')) };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const run = (args) => {
    const r = spawnSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.toString();
  };
  run(['init', '-q', '-b', 'main']);
  log(`generating ${p.commits} commits, ${p.grants} grants, ${p.roles} roles in ${dir} …`);
  const started = performance.now();
  const child = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const closed = new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)),
    ),
  );
  // Written with backpressure: the history never sits in memory whole.
  const gen = history(p);
  let info;
  for (;;) {
    const next = gen.next();
    if (next.done) {
      info = next.value;
      break;
    }
    if (!child.stdin.write(next.value)) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  await closed;
  // Packed as a real repository would be (gc); no work tree is needed: grantops reads refs.
  run(['gc', '-q', '--prune=now']);
  const meta = { ...info, generatedIn: Math.round(performance.now() - started) };
  writeFileSync(doneFile, JSON.stringify(meta));
  return { dir, ...meta };
}
