#!/usr/bin/env node
// Extracts, from GitHub's published OpenAPI description (npm @octokit/openapi), the response
// schemas of exactly the endpoints the fake GitHub in test/fakes/github serves, into the small
// committed fixture test/fixtures/github-openapi.json. test/fakes/github-openapi.test.ts
// validates every response the fake gives against it, so the fake cannot drift from GitHub.
//
// The package is ~385 MB installed, so it is never a dependency: this script `npm pack`s it
// (a ~30 MB download) into a temporary directory, reads one file out of it and deletes it.
//
//   node scripts/github-openapi.mjs            # latest version
//   node scripts/github-openapi.mjs 23.0.2     # a given version
//
// Run it again whenever a route is added to the fake (the test says so when one is missing).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fakeDir = join(root, 'test/fakes/github');
const out = join(root, 'test/fixtures/github-openapi.json');
const SPEC_FILE = 'generated/api.github.com.json';

/** The endpoints the fake declares with `route('METHOD', '/path', …)`. */
function fakeEndpoints() {
  const found = new Set();
  const files = readdirSync(fakeDir, { recursive: true }).filter((f) => String(f).endsWith('.ts'));
  for (const file of files) {
    const text = readFileSync(join(fakeDir, String(file)), 'utf8');
    for (const m of text.matchAll(/\broute\(\s*'([A-Z]+)',\s*'([^']+)'/g))
      found.add(`${m[1]} ${m[2]}`);
  }
  return [...found].sort();
}

/**
 * Reads JSON files out of an npm package without installing it: `npm pack` into a temporary
 * directory, extract only `files`, parse them, delete the directory. The registry's tarball is
 * what npm would install; nothing lands in node_modules or package.json.
 */
export function packageFiles(spec, files) {
  const dir = mkdtempSync(join(tmpdir(), 'grantops-npm-pack-'));
  try {
    process.stderr.write(`npm pack ${spec} …\n`);
    execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack produced no tarball in ${dir}`);
    const wanted = ['package.json', ...files].map((f) => `package/${f}`);
    execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir, ...wanted]);
    const read = (f) => JSON.parse(readFileSync(join(dir, 'package', f), 'utf8'));
    const { name, version } = read('package.json');
    return { name, version, files: Object.fromEntries(files.map((f) => [f, read(f)])) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fetchSpec(version) {
  const pkg = packageFiles(`@octokit/openapi@${version ?? 'latest'}`, [SPEC_FILE]);
  return { version: pkg.version, doc: pkg.files[SPEC_FILE] };
}

// Keywords that only document: dropped to keep the fixture small (and ajv strict).
// `discriminator` only names the property that picks a `oneOf` branch, which validates anyway.
const ANNOTATIONS = new Set([
  'description',
  'discriminator',
  'example',
  'examples',
  'title',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
  'xml',
]);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_ONE = new Set(['items', 'additionalProperties', 'not', 'contains']);

/**
 * Copies a schema without annotations, rewriting component refs to `#/$defs/…`. OpenAPI 3.0's
 * `nullable` means JSON Schema's "or null"; ajv understands it only beside a `type`, so a
 * nullable schema without one (a nullable `oneOf`) becomes `anyOf: [schema, {type: null}]`, and
 * a nullable `enum` lists null among its values.
 */
export function clean(schema, refs) {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (schema.nullable === true && !('type' in schema)) {
    const rest = { ...schema };
    delete rest.nullable;
    return { anyOf: [clean(rest, refs), { type: 'null' }] };
  }
  // Beside an `enum`, ajv also wants null among the values.
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null))
    return clean({ ...schema, enum: [...schema.enum, null] }, refs);
  const outSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (ANNOTATIONS.has(k) || k.startsWith('x-')) continue;
    if (k === '$ref') {
      const name = v.replace('#/components/schemas/', '');
      refs.add(name);
      outSchema.$ref = `#/$defs/${name}`;
    } else if (SCHEMA_MAPS.has(k)) {
      outSchema[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, clean(s, refs)]));
    } else if (SCHEMA_LISTS.has(k)) {
      outSchema[k] = v.map((s) => clean(s, refs));
    } else if (SCHEMA_ONE.has(k)) {
      outSchema[k] = clean(v, refs);
    } else {
      outSchema[k] = v;
    }
  }
  return outSchema;
}

function resolve(doc, obj) {
  let o = obj;
  while (o && o.$ref)
    o = o.$ref
      .split('/')
      .slice(1)
      .reduce((acc, part) => acc[part], doc);
  return o;
}

function extract(doc, endpoints) {
  const refs = new Set(['basic-error']); // every error body GitHub sends has this shape
  const result = {};
  const missing = [];
  for (const endpoint of endpoints) {
    const [method, path] = endpoint.split(' ');
    const op = doc.paths[path]?.[method.toLowerCase()];
    if (!op) {
      missing.push(endpoint);
      continue;
    }
    const responses = {};
    for (const [status, raw] of Object.entries(op.responses)) {
      const r = resolve(doc, raw);
      const schema = r.content?.['application/json']?.schema;
      responses[status] = {
        schema: schema ? clean(schema, refs) : null,
        link: Boolean(r.headers?.Link),
      };
    }
    result[endpoint] = {
      operationId: op.operationId,
      docs: op.externalDocs?.url ?? null,
      responses,
    };
  }
  if (missing.length)
    throw new Error(
      `GitHub's OpenAPI description has no ${missing.join(', ')}: the fake serves an endpoint GitHub does not.`,
    );
  return { endpoints: result, $defs: componentDefs(doc, refs) };
}

/** The component schemas `refs` name, and every one they name in turn, cleaned and sorted. */
export function componentDefs(doc, refs) {
  const defs = {};
  const queue = [...refs];
  while (queue.length) {
    const name = queue.shift();
    if (defs[name]) continue;
    const found = new Set();
    defs[name] = clean(doc.components.schemas[name], found);
    for (const f of found) if (!defs[f]) queue.push(f);
  }
  return Object.fromEntries(
    Object.keys(defs)
      .sort()
      .map((k) => [k, defs[k]]),
  );
}

/** Writes JSON the way the repository's prettier would. */
export async function writeJson(file, value) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(JSON.stringify(value), { ...options, parser: 'json' }));
}

async function main() {
  const { version, doc } = fetchSpec(process.argv[2]);
  const endpoints = fakeEndpoints();
  await writeJson(out, {
    source: {
      package: '@octokit/openapi',
      version,
      file: SPEC_FILE,
      openapi: doc.openapi,
      generatedBy: 'scripts/github-openapi.mjs',
    },
    ...extract(doc, endpoints),
  });
  process.stderr.write(
    `wrote ${out}: ${endpoints.length} endpoints from @octokit/openapi@${version}\n`,
  );
}

// Run as a script; imported (by scripts/webhook-examples.mjs), it only lends its helpers.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
