#!/usr/bin/env node
// Extracts the few real GitHub event payloads the tests use, from @octokit/webhooks-examples
// (GitHub's own example deliveries), into test/fixtures/webhooks/<event>.<action>.json, and the
// schemas of those events from @octokit/openapi-webhooks (GitHub's published description of
// webhook payloads) into test/fixtures/webhooks/schemas.json, recording both versions.
// test/fakes/webhook-examples.test.ts validates every payload against its schema.
//
// Neither package is a dependency: like scripts/github-openapi.mjs, this `npm pack`s each into
// a temporary directory, reads the one file it needs and deletes the rest.
//
//   node scripts/webhook-examples.mjs                  # the versions pinned below
//   node scripts/webhook-examples.mjs 7.6.1 12.1.0     # examples, then schemas
//
// `schedule` is not a webhook (Actions makes it up, with only the cron line), so it has no
// example and no schema: its fixture is written here by hand.

import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clean, componentDefs, packageFiles, writeJson } from './github-openapi.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test/fixtures/webhooks');
const EXAMPLES = {
  name: '@octokit/webhooks-examples',
  version: '7.6.1',
  file: 'api.github.com/index.json',
};
const SCHEMAS = {
  name: '@octokit/openapi-webhooks',
  version: '12.1.0',
  file: 'generated/api.github.com.json',
};

/** The payloads the tests use: event, action, which example (GitHub's order), the webhook key. */
const WANTED = [
  { event: 'pull_request', action: 'opened', index: 1, webhook: 'pull-request-opened' },
  { event: 'pull_request', action: 'synchronize', index: 0, webhook: 'pull-request-synchronize' },
  {
    event: 'pull_request_review',
    action: 'submitted',
    index: 1,
    webhook: 'pull-request-review-submitted',
  },
  {
    event: 'pull_request_review',
    action: 'dismissed',
    index: 0,
    webhook: 'pull-request-review-dismissed',
  },
  { event: 'workflow_run', action: 'completed', index: 1, webhook: 'workflow-run-completed' },
  { event: 'push', action: null, index: 1, webhook: 'push' },
  { event: 'workflow_dispatch', action: null, index: 0, webhook: 'workflow-dispatch' },
];

/**
 * The examples were recorded before GitHub added `has_discussions` to repositories, which its
 * description now requires. It is added (false) to each repository object lacking it, and the
 * edit is recorded in schemas.json; nothing else in a payload is changed. The examples picked
 * (`index`) are the ones that need no other edit.
 */
function addHasDiscussions(payload, path = '', edits = []) {
  if (Array.isArray(payload))
    payload.forEach((v, i) => addHasDiscussions(v, `${path}/${i}`, edits));
  else if (payload && typeof payload === 'object') {
    const repository = 'full_name' in payload && 'owner' in payload && 'private' in payload;
    if (repository && !('has_discussions' in payload)) {
      payload.has_discussions = false;
      edits.push(`${path}/has_discussions`);
    }
    for (const [k, v] of Object.entries(payload)) addHasDiscussions(v, `${path}/${k}`, edits);
  }
  return edits;
}

const fileOf = (w) => `${w.event}${w.action ? `.${w.action}` : ''}.json`;

function pickExamples(events) {
  return WANTED.map((w) => {
    const event = events.find((e) => e.name === w.event);
    const examples = (event?.examples ?? []).filter((x) => (x.action ?? null) === w.action);
    const payload = examples[w.index];
    if (!payload)
      throw new Error(`${EXAMPLES.name} has no example ${w.index} of ${w.event} ${w.action ?? ''}`);
    const copy = structuredClone(payload);
    return { ...w, payload: copy, edits: addHasDiscussions(copy) };
  });
}

/** Each webhook's request body schema, with every component it names. */
function schemasOf(doc) {
  const refs = new Set();
  const webhooks = {};
  for (const w of WANTED) {
    const schema =
      doc.webhooks[w.webhook]?.post?.requestBody?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${SCHEMAS.name} describes no webhook ${w.webhook}`);
    webhooks[w.webhook] = clean(schema, refs);
  }
  const $defs = componentDefs(doc, refs);
  return { webhooks, $defs, openapi: doc.openapi };
}

const [examplesVersion = EXAMPLES.version, schemasVersion = SCHEMAS.version] =
  process.argv.slice(2);
const examples = packageFiles(`${EXAMPLES.name}@${examplesVersion}`, [EXAMPLES.file]);
const schemas = packageFiles(`${SCHEMAS.name}@${schemasVersion}`, [SCHEMAS.file]);
const picked = pickExamples(examples.files[EXAMPLES.file]);
const described = schemasOf(schemas.files[SCHEMAS.file]);

mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (f.endsWith('.json')) rmSync(join(outDir, f));
for (const p of picked) await writeJson(join(outDir, fileOf(p)), p.payload);
await writeJson(join(outDir, 'schedule.json'), { schedule: '*/10 * * * *' });
await writeJson(join(outDir, 'schemas.json'), {
  source: {
    examples: { package: EXAMPLES.name, version: examples.version, file: EXAMPLES.file },
    schemas: {
      package: SCHEMAS.name,
      version: schemas.version,
      file: SCHEMAS.file,
      openapi: described.openapi,
    },
    generatedBy: 'scripts/webhook-examples.mjs',
  },
  payloads: Object.fromEntries(picked.map((p) => [fileOf(p), p.webhook])),
  edits: Object.fromEntries(picked.filter((p) => p.edits.length).map((p) => [fileOf(p), p.edits])),
  webhooks: described.webhooks,
  $defs: described.$defs,
});
process.stderr.write(
  `wrote ${picked.length + 1} payloads and their schemas to ${outDir} (${EXAMPLES.name}@${examples.version}, ${SCHEMAS.name}@${schemas.version})\n`,
);
