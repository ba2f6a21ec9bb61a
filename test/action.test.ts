import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionArgv } from '../src/action-inputs.js';
import { AccessRepo } from './helpers/access-repo.js';
import { ROOT } from './helpers/policy.js';

describe('action.yml', () => {
  it("is a valid action by GitHub's own parser, running the bundled dist/index.js on node24", () => {
    const content = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    const parsed = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors()).toEqual([]);
    const action = convertActionTemplate(parsed.context, parsed.value!);
    expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/index.js' });
    expect(existsSync(join(ROOT, 'dist/index.js'))).toBe(true);
    expect(action.inputs?.map((i) => i.id).sort()).toEqual(['args', 'command', 'format']);
  });
});

describe('action inputs', () => {
  const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('takes base, head and author from the pull_request payload, never from github.actor', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grantops-event-'));
    const event = join(dir, 'event.json');
    writeFileSync(
      event,
      JSON.stringify({
        action: 'synchronize',
        sender: { login: 'mallory' },
        pull_request: {
          number: 7,
          user: { login: 'alice' },
          base: { sha: 'b'.repeat(40) },
          head: { sha: 'h'.repeat(40) },
        },
      }),
    );
    const argv = actionArgv(inputs({ command: 'validate', format: 'json' }), {
      GITHUB_EVENT_PATH: event,
      GITHUB_ACTOR: 'mallory',
    });
    expect(argv).toEqual([
      'validate',
      '--format',
      'json',
      '--base',
      'b'.repeat(40),
      '--head',
      'h'.repeat(40),
      '--author',
      'alice',
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes extra flags one per line and requires a command', () => {
    expect(
      actionArgv(inputs({ command: 'codeowners', args: '--check\n\n --ref main \n' }), {}),
    ).toEqual(['codeowners', '--check', '--ref main', '--format', 'text']);
    expect(() => actionArgv(inputs({}), {})).toThrow(/`command` is required/);
  });
});

describe('the bundled action', () => {
  let repo: AccessRepo;
  beforeEach(() => (repo = new AccessRepo()));
  afterEach(() => repo.cleanup());

  const runAction = (env: Record<string, string>) =>
    spawnSync(process.execPath, [join(ROOT, 'dist/index.js')], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });

  it('runs a command from its inputs and fails the step when the command fails', () => {
    const missing = runAction({ INPUT_COMMAND: 'codeowners', INPUT_ARGS: '--check' });
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('CODEOWNERS is missing');
    expect(runAction({ INPUT_COMMAND: 'codeowners' }).status).toBe(0);
    expect(runAction({ INPUT_COMMAND: 'codeowners', INPUT_ARGS: '--check' }).status).toBe(0);
  });

  it('validates a pull request from the event payload', () => {
    const base = repo.git('rev-parse', 'HEAD');
    repo
      .branch('req')
      .write(
        'grants/orders-db-read/alice.yaml',
        'duration: 12h\nreason: INC-4821 slow checkout queries\n',
      );
    const head = repo.commit('request');
    const event = join(repo.dir, '..', `${repo.dir.split('/').pop()}-event.json`);
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: { user: { login: 'alice' }, base: { sha: base }, head: { sha: head } },
      }),
    );
    const r = runAction({
      INPUT_COMMAND: 'validate',
      INPUT_FORMAT: 'json',
      GITHUB_EVENT_PATH: event,
    });
    expect(r.status).toBe(1);
    const decision = JSON.parse(r.stdout.slice(0, r.stdout.lastIndexOf('}') + 1));
    expect(decision.grants[0]).toMatchObject({ requester: 'alice', role: 'orders-db-read' });
    expect(decision.problems.map((p: { code: string }) => p.code)).toContain('E_DURATION_TOO_LONG');
  });
});
