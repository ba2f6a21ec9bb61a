import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow,
} from '@actions/workflow-parser';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/policy.js';

/**
 * The shipped workflows must parse with GitHub's own parser and keep the trust model (DESIGN I5):
 * no pull_request_target, `permissions: {}` at the top and write scopes per job, actions pinned by
 * commit SHA, secrets only in jobs bound to an environment, no caches in privileged jobs, and no
 * `${{ }}` expression interpolated into a shell script.
 */
const dir = join(ROOT, '.github/workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  environment?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

describe.each(files)('.github/workflows/%s', (file) => {
  const content = readFileSync(join(dir, file), 'utf8');
  const wf = load(content) as Workflow;

  it("is valid by GitHub's own workflow parser", async () => {
    const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors()).toEqual([]);
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!);
    expect(template.errors ?? []).toEqual([]);
    expect(template.jobs.length).toBeGreaterThan(0);
  });

  it('never runs on pull_request_target and grants no permission at the top', () => {
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    expect(wf.permissions).toEqual({});
  });

  it('pins every action by commit SHA (or uses this repository)', () => {
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps) {
        if (step.uses) expect(step.uses).toMatch(/^(\.\/?|[\w.-]+\/[\w./-]+@[0-9a-f]{40})$/);
      }
    }
  });

  it('interpolates no expression into a shell script', () => {
    for (const job of Object.values(wf.jobs))
      for (const step of job.steps) expect(step.run ?? '').not.toContain('${{');
  });

  it('uses secrets only in jobs bound to an environment, and no cache where it writes or holds secrets', () => {
    for (const job of Object.values(wf.jobs)) {
      const text = JSON.stringify(job);
      const privileged =
        text.includes('secrets.') || Object.values(job.permissions ?? {}).includes('write');
      if (text.includes('secrets.')) expect(job.environment).toBeTruthy();
      if (privileged) {
        expect(text).not.toMatch(/actions\/cache|"cache":/);
      }
    }
  });
});

describe('the pull request check', () => {
  it('holds no secret and no write permission', () => {
    const text = readFileSync(join(dir, 'check.yml'), 'utf8');
    const wf = load(text) as Workflow;
    expect(text).not.toContain('secrets.');
    for (const job of Object.values(wf.jobs))
      expect(Object.values(job.permissions ?? {})).not.toContain('write');
  });
});
