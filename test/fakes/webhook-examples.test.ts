import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The event payloads tests feed grantops are GitHub's own example deliveries
 * (@octokit/webhooks-examples), extracted by scripts/webhook-examples.mjs with the schemas GitHub
 * publishes for them (@octokit/openapi-webhooks): each is checked against its schema here, so
 * an edited fixture cannot drift from what GitHub sends.
 */

const DIR = new URL('../fixtures/webhooks/', import.meta.url);
const REGENERATE = 'run `node scripts/webhook-examples.mjs` and commit test/fixtures/webhooks/';

interface Schemas {
  source: {
    examples: { package: string; version: string };
    schemas: { package: string; version: string };
  };
  payloads: Record<string, string>;
  /** Paths the script added to a payload, per file. */
  edits: Record<string, string[]>;
  webhooks: Record<string, object>;
  $defs: Record<string, object>;
}

const schemas = JSON.parse(readFileSync(new URL('schemas.json', DIR), 'utf8')) as Schemas;
const read = (file: string) =>
  JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, unknown>;

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
// The description is OpenAPI 3.1, that is JSON Schema 2020-12; it puts `properties` beside no
// `type` in places, which strict mode would only warn about.
const ajv = addFormats(new Ajv2020({ allErrors: true, strictTypes: false, strictTuples: false }));
const validators = new Map<string, ValidateFunction>();

function problemsOf(webhook: string, payload: unknown): string[] {
  let validate = validators.get(webhook);
  if (!validate) {
    validate = ajv.compile({ ...schemas.webhooks[webhook], $defs: schemas.$defs });
    validators.set(webhook, validate);
  }
  return validate(payload)
    ? []
    : (validate.errors ?? []).map((e) => `${webhook}: ${e.instancePath || '(body)'} ${e.message}`);
}

describe('event payloads from GitHub’s own examples', () => {
  it(`come from ${schemas.source.examples.package}@${schemas.source.examples.version}, checked by ${schemas.source.schemas.package}@${schemas.source.schemas.version}`, () => {
    expect(schemas.source.examples.version).toBe('7.6.1');
    expect(schemas.source.schemas.version).toBe('12.1.0');
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'schemas.json');
    expect(files.sort(), REGENERATE).toEqual(
      [...Object.keys(schemas.payloads), 'schedule.json'].sort(),
    );
  });

  it.each(Object.entries(schemas.payloads))(
    '%s is a %s delivery as GitHub describes it',
    (file, webhook) => {
      expect(problemsOf(webhook, read(file))).toEqual([]);
    },
  );

  it('carry what grantops reads from them', () => {
    const opened = read('pull_request.opened.json') as {
      action: string;
      pull_request: { user: { login: string }; head: { sha: string }; base: { ref: string } };
    };
    expect(opened.action).toBe('opened');
    expect(opened.pull_request.user.login).toMatch(/^[A-Za-z0-9-]+$/);
    expect(opened.pull_request.head.sha).toMatch(/^[0-9a-f]{40}$/);
    const review = read('pull_request_review.submitted.json') as {
      review: { commit_id: string; state: string };
    };
    expect(review.review.commit_id).toMatch(/^[0-9a-f]{40}$/);
    const run = read('workflow_run.completed.json') as {
      workflow_run: { conclusion: string; pull_requests: unknown[] };
    };
    expect(run.workflow_run.conclusion).toBeTruthy();
    expect(Array.isArray(run.workflow_run.pull_requests)).toBe(true);
    expect(read('schedule.json')).toEqual({ schedule: '*/10 * * * *' });
  });

  it('the check fails a payload GitHub would not send', () => {
    const opened = read('pull_request.opened.json') as { pull_request: Record<string, unknown> };
    expect(
      problemsOf('pull-request-opened', { ...opened, action: 'closed' }).length,
    ).toBeGreaterThan(0);
    const noAuthor = { ...opened, pull_request: { ...opened.pull_request, user: { login: 42 } } };
    expect(problemsOf('pull-request-opened', noAuthor).join('\n')).toMatch(/user/);
    expect(problemsOf('push', {})).toContain("push: (body) must have required property 'ref'");
  });
});
