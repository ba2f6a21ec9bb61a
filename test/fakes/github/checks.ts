import { bodyOf, findRepo, requireString } from './access.js';
import { forbidden, json, notFound, validationFailed } from './http.js';
import { checkRun } from './issue-shapes.js';
import type { Annotation, CheckRun } from './repo.js';
import { route, type Context, type Route } from './router.js';

/**
 * Check runs (https://docs.github.com/rest/checks/runs). Only a GitHub App can create them, and
 * a run belongs to the App that made it: that is what lets a ruleset pin a required check to
 * one App (`integration_id`), so a pull request that edits a workflow cannot post it. GitHub
 * takes at most 50 annotations per request and adds each update's annotations to the run's.
 */

const DOCS = {
  create: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
  update: 'https://docs.github.com/rest/checks/runs#update-a-check-run',
};

export const MAX_ANNOTATIONS = 50;

interface Output {
  title?: unknown;
  summary?: unknown;
  text?: unknown;
  annotations?: unknown;
}

function annotationsOf(output: Output | undefined, docs: string): Annotation[] {
  const list = output?.annotations;
  if (list === undefined) return [];
  if (!Array.isArray(list))
    throw validationFailed(docs, [{ resource: 'CheckRun', field: 'annotations', code: 'invalid' }]);
  if (list.length > MAX_ANNOTATIONS) {
    throw validationFailed(docs, [
      {
        resource: 'CheckRun',
        field: 'annotations',
        code: 'custom',
        message: `Only ${MAX_ANNOTATIONS} annotations are allowed per request; ${list.length} were sent.`,
      },
    ]);
  }
  return list.map((a: Record<string, unknown>) => {
    if (
      typeof a.path !== 'string' ||
      typeof a.start_line !== 'number' ||
      typeof a.message !== 'string'
    )
      throw validationFailed(docs, [
        { resource: 'CheckRun', field: 'annotations', code: 'invalid' },
      ]);
    return {
      path: a.path,
      start_line: a.start_line,
      end_line: typeof a.end_line === 'number' ? a.end_line : a.start_line,
      annotation_level: String(a.annotation_level ?? 'failure'),
      message: a.message,
      ...(typeof a.title === 'string' ? { title: a.title } : {}),
    };
  });
}

function applyState(run: CheckRun, body: Record<string, unknown>, now: string): void {
  if (typeof body.status === 'string') run.status = body.status;
  if (typeof body.conclusion === 'string') {
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed' && !run.completedAt) run.completedAt = now;
  if (typeof body.details_url === 'string') run.detailsUrl = body.details_url;
  if (typeof body.external_id === 'string') run.externalId = body.external_id;
  const output = body.output as Output | undefined;
  if (output) {
    if (typeof output.title === 'string') run.title = output.title;
    if (typeof output.summary === 'string') run.summary = output.summary;
    if (typeof output.text === 'string') run.text = output.text;
  }
}

function createCheckRun(ctx: Context) {
  const repo = findRepo(ctx, DOCS.create);
  const app = ctx.actor.app;
  if (!app || !ctx.actor.canWrite)
    throw forbidden('You must authenticate via a GitHub App.', DOCS.create);
  const body = bodyOf(ctx);
  const name = requireString(body, 'name', 'CheckRun', DOCS.create);
  const headSha = requireString(body, 'head_sha', 'CheckRun', DOCS.create);
  if (!/^[0-9a-f]{40}$/.test(headSha) || !repo.git.resolve(headSha)) {
    throw validationFailed(DOCS.create, [
      {
        resource: 'CheckRun',
        field: 'head_sha',
        code: 'custom',
        message: `No commit found for SHA: ${headSha}`,
      },
    ]);
  }
  const output = body.output as Output | undefined;
  const now = ctx.store.timestamp();
  const run: CheckRun = {
    id: ctx.store.id(),
    headSha,
    name,
    status: 'queued',
    conclusion: null,
    app,
    title: null,
    summary: null,
    text: null,
    annotations: annotationsOf(output, DOCS.create),
    externalId: null,
    detailsUrl: null,
    startedAt: typeof body.started_at === 'string' ? body.started_at : now,
    completedAt: null,
  };
  applyState(run, body, now);
  repo.checkRuns.push(run);
  return json(checkRun(ctx.origin, repo, run), 201);
}

function updateCheckRun(ctx: Context) {
  const repo = findRepo(ctx, DOCS.update);
  const run = repo.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id));
  if (!run) throw notFound(DOCS.update);
  if (ctx.actor.app !== run.app || !ctx.actor.canWrite)
    throw forbidden('Resource not accessible by integration', DOCS.update);
  const body = bodyOf(ctx);
  run.annotations.push(...annotationsOf(body.output as Output | undefined, DOCS.update));
  applyState(run, body, ctx.store.timestamp());
  return json(checkRun(ctx.origin, repo, run));
}

export const checkRoutes: Route[] = [
  route('POST', '/repos/{owner}/{repo}/check-runs', DOCS.create, createCheckRun),
  route('PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}', DOCS.update, updateCheckRun),
];
