import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow,
} from '@actions/workflow-parser';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/**
 * The shipped workflows must parse with GitHub's own parser and keep the trust model (DESIGN I5):
 * no pull_request_target, `permissions: {}` at the top and write scopes per job, actions pinned by
 * commit SHA, secrets only in jobs bound to an environment, no caches in privileged jobs, and no
 * `${{ }}` expression interpolated into a shell script.
 */

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

/**
 * Registers the workflow rules for the workflows in `dir`: this repository's own, and those
 * `grantops init` writes into a new access repository, are held to the same tests.
 */
export function describeWorkflowRules(dir: string): void {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
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

  /** Jobs that hold a secret or a write permission: they must run main's code only. */
  const privileged = files.filter((f) => f !== 'check.yml' && f !== 'ci.yml');

  describe.each(privileged)('the privileged workflow %s', (file) => {
    const wf = load(readFileSync(join(dir, file), 'utf8')) as Workflow & {
      concurrency?: { group: string; 'cancel-in-progress': boolean };
    };

    it('never starts from a pull request event, whose code and text the requester controls', () => {
      const events = Object.keys(wf.on);
      expect(events).not.toContain('pull_request');
      expect(events).not.toContain('pull_request_target');
      expect(events).not.toContain('pull_request_review');
      expect(events).not.toContain('issue_comment');
    });

    it('checks out main, never a pull request head, and binds its secrets to the environment', () => {
      for (const job of Object.values(wf.jobs)) {
        expect(job.environment).toBe('access');
        const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
        expect(checkout?.with?.ref).toBe('main');
        expect(JSON.stringify(job)).not.toMatch(/head\.sha|head_sha|head\.ref|head_branch/);
      }
    });

    it('keeps one run going and one pending, so two runs never write at once', () => {
      expect(wf.concurrency?.group).toMatch(/^grantops-/);
      expect(wf.concurrency?.['cancel-in-progress']).toBe(false);
    });

    it("takes its write token from the GitHub App, not from the workflow's own token", () => {
      for (const job of Object.values(wf.jobs)) {
        const app = job.steps.find((s) => s.uses?.startsWith('actions/create-github-app-token@'));
        expect(app?.with?.['private-key']).toBe('${{ secrets.GRANTOPS_APP_PRIVATE_KEY }}');
        for (const step of job.steps.filter((s) => s.with?.command !== undefined))
          expect(step.env?.GRANTOPS_APP_TOKEN).toBe('${{ steps.app.outputs.token }}');
      }
    });

    it("reads teams with the App's token wherever it decides or provisions", () => {
      for (const job of Object.values(wf.jobs))
        for (const step of job.steps.filter((s) =>
          ['merge', 'reconcile', 'expire'].includes(String(s.with?.command)),
        )) {
          // The action's `args`: one flag per line, a value after the first space.
          const args = String(step.with?.args ?? '')
            .split('\n')
            .map((l) => l.trim());
          expect(args).toEqual(
            expect.arrayContaining(['--directory github', '--token-env GRANTOPS_APP_TOKEN']),
          );
        }
    });
  });

  describe('the events that drive a request', () => {
    const on = (file: string) =>
      (load(readFileSync(join(dir, file), 'utf8')) as Workflow).on as Record<
        string,
        { types?: string[]; workflows?: string[] } | null
      >;

    it('checks again when a review is submitted or dismissed', () => {
      expect(on('check.yml').pull_request_review?.types).toEqual(['submitted', 'dismissed']);
    });

    it('decides after every check, on a schedule and by hand', () => {
      const check = load(readFileSync(join(dir, 'check.yml'), 'utf8')) as { name: string };
      const merge = on('merge.yml');
      expect(merge.workflow_run?.workflows).toEqual([check.name]);
      expect(Object.keys(merge)).toEqual(
        expect.arrayContaining(['workflow_run', 'schedule', 'workflow_dispatch']),
      );
    });

    it('reconciles and records expiry on every push to main and on a schedule', () => {
      const wf = load(readFileSync(join(dir, 'reconcile.yml'), 'utf8')) as Workflow;
      expect(Object.keys(wf.on)).toEqual(
        expect.arrayContaining(['push', 'schedule', 'workflow_dispatch']),
      );
      const commands = Object.values(wf.jobs)
        .flatMap((j) => j.steps)
        .filter((s) => s.with?.command !== undefined)
        .map((s) => s.with?.command);
      expect(commands).toEqual(['reconcile', 'expire']);
    });

    if (existsSync(join(dir, 'ci.yml')))
      it('runs the project checks exactly as a contributor does', () => {
        const wf = load(readFileSync(join(dir, 'ci.yml'), 'utf8')) as Workflow;
        const runs = Object.values(wf.jobs).flatMap((j) =>
          j.steps.map((s) => s.run).filter(Boolean),
        );
        expect(runs).toEqual(['bash .ci/run']);
      });
  });
}
