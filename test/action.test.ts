import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionRequest } from '../src/action-inputs.js';
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
    expect(content).toMatch(/^outputs:\n {2}valid:\n[\s\S]*^ {2}approved:\n[\s\S]*^ {2}result:\n/m);
  });
});

describe('action inputs', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'grantops-event-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';
  const event = (payload: unknown) => {
    const file = join(dir, 'event.json');
    writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload));
    return file;
  };

  it('takes base, head and author from the pull_request payload, never from github.actor', () => {
    const path = event({
      action: 'synchronize',
      sender: { login: 'mallory' },
      pull_request: {
        number: 7,
        user: { login: 'alice' },
        base: { sha: 'b'.repeat(40) },
        head: { sha: 'h'.repeat(40) },
      },
    });
    const r = actionRequest(inputs({ command: 'validate', format: 'json' }), {
      GITHUB_EVENT_PATH: path,
      GITHUB_ACTOR: 'mallory',
    });
    expect(r).toEqual({
      command: 'validate',
      show: 'json',
      argv: [
        'validate',
        '--format',
        'json',
        '--base',
        'b'.repeat(40),
        '--head',
        'h'.repeat(40),
        '--author',
        'alice',
      ],
    });
  });

  it('reads `args` one flag per line, a flag and its value split at the first space', () => {
    expect(
      actionRequest(inputs({ command: 'codeowners', args: '--check\n\n --ref main \n' }), {}).argv,
    ).toEqual(['codeowners', '--check', '--ref', 'main', '--format', 'json']);
    expect(
      actionRequest(inputs({ command: 'audit', args: '--role=db read\n--user  alice bob' }), {})
        .argv,
    ).toEqual(['audit', '--role=db read', '--user', 'alice bob', '--format', 'json']);
  });

  it('refuses a missing command, an unknown format and --format in args, as usage errors', () => {
    expect(() => actionRequest(inputs({}), {})).toThrow(/`command` is required/);
    expect(() => actionRequest(inputs({ command: 'status', format: 'yaml' }), {})).toThrow(
      /`format` is "yaml"; use text or json/,
    );
    expect(() => actionRequest(inputs({ command: 'status', args: '--format csv' }), {})).toThrow(
      /with the action input `format`/,
    );
  });

  it('refuses an event payload it cannot read, naming it, as a configuration error', () => {
    for (const payload of ['{not json', { pull_request: { user: {} } }]) {
      const run = () =>
        actionRequest(inputs({ command: 'validate' }), { GITHUB_EVENT_PATH: event(payload) });
      expect(run).toThrow(expect.objectContaining({ code: 'E_ACTION_EVENT', exitCode: 2 }));
    }
    // An event that is not about a pull request leaves validate to its own flags.
    const push = event({ ref: 'refs/heads/main' });
    expect(
      actionRequest(inputs({ command: 'validate' }), { GITHUB_EVENT_PATH: push }).argv,
    ).toEqual(['validate', '--format', 'json']);
  });
});

/** A run of the bundled action as the runner starts it: inputs, event, summary and output files. */
interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter`, the value, the delimiter. */
function readOutputs(file: string): Record<string, string> {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const outputs: Record<string, string> = {};
  for (const m of text.matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm))
    outputs[m[1]!] = m[3]!;
  return outputs;
}

describe('the bundled action', () => {
  let repo: AccessRepo;
  let runner: string;
  beforeEach(() => {
    repo = new AccessRepo();
    runner = mkdtempSync(join(tmpdir(), 'grantops-runner-'));
  });
  afterEach(() => {
    repo.cleanup();
    rmSync(runner, { recursive: true, force: true });
  });

  const runAction = (env: Record<string, string>, cwd = repo.dir): ActionRun => {
    const summary = join(runner, 'summary.md');
    const output = join(runner, 'output');
    writeFileSync(summary, '');
    writeFileSync(output, '');
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/index.js')], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        ...env,
      },
      encoding: 'utf8',
    });
    return {
      status: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      summary: readFileSync(summary, 'utf8'),
      outputs: readOutputs(output),
    };
  };

  const requestBy = (login: string, file: string, content: string) => {
    const base = repo.git('rev-parse', 'HEAD');
    repo.branch('req').write(file, content);
    const head = repo.commit('request');
    const path = join(runner, 'event.json');
    writeFileSync(
      path,
      JSON.stringify({
        pull_request: { user: { login }, base: { sha: base }, head: { sha: head } },
      }),
    );
    return path;
  };

  it('validates a pull request from the event payload: summary, outputs, a failed step', () => {
    const event = requestBy(
      'alice',
      'grants/orders-db-read/alice.yaml',
      'duration: 12h\nreason: INC-4821 slow checkout queries\n',
    );
    const r = runAction({ INPUT_COMMAND: 'validate', GITHUB_EVENT_PATH: event });
    expect(r.status).toBe(1);
    expect(r.outputs.valid).toBe('false');
    expect(r.outputs.approved).toBe('');
    const result = JSON.parse(r.outputs.result!);
    expect(result.grants[0]).toMatchObject({ requester: 'alice', role: 'orders-db-read' });
    expect(result.problems.map((p: { code: string }) => p.code)).toContain('E_DURATION_TOO_LONG');
    expect(r.summary).toContain('## ✗ Not a valid access request');
    expect(r.summary).toMatch(
      /\| added \| grants\/orders-db-read\/alice\.yaml \| orders-db-read \| alice \| 12h \|/,
    );
    expect(r.summary).toMatch(
      /\| grants\/orders-db-read\/alice\.yaml \| \d+ \| `E_DURATION_TOO_LONG` \|/,
    );
    // The log shows the same view; the step fails with what to do, and no stack trace.
    expect(r.stdout).toContain('## ✗ Not a valid access request');
    expect(r.stdout).toMatch(
      /^::error::This is not a valid access request \(E_DURATION_TOO_LONG\)\. The job summary lists what to fix\.$/m,
    );
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a valid request passes the step, with valid=true and the JSON result on the log', () => {
    const event = requestBy(
      'alice',
      'grants/orders-db-read/alice.yaml',
      'duration: 2h\nreason: INC-4821 slow checkout queries\n',
    );
    const r = runAction({
      INPUT_COMMAND: 'validate',
      INPUT_FORMAT: 'json',
      GITHUB_EVENT_PATH: event,
    });
    expect(r.status).toBe(0);
    expect(r.outputs).toMatchObject({ valid: 'true', approved: '' });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(r.outputs.result!));
    expect(r.summary).toContain('## ✓ Valid access request');
    expect(r.stdout).not.toContain('::error::');
  });

  it('reports another command by its JSON result, and fails the step when the command fails', () => {
    const missing = runAction({ INPUT_COMMAND: 'codeowners', INPUT_ARGS: '--check' });
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.outputs.result!)).toEqual({
      path: '.github/CODEOWNERS',
      up_to_date: false,
    });
    expect(missing.outputs.valid).toBeUndefined();
    expect(missing.summary).toContain('## ✗ grantops codeowners (exit 1)');
    expect(missing.summary).toContain('"up_to_date": false');
    expect(missing.stdout).toMatch(/^::error::grantops codeowners failed \(exit 1\)/m);
    expect(runAction({ INPUT_COMMAND: 'codeowners' }).status).toBe(0);
    const ok = runAction({ INPUT_COMMAND: 'codeowners', INPUT_ARGS: '--check' });
    expect(ok.status).toBe(0);
    expect(ok.summary).toContain('## ✓ grantops codeowners (exit 0)');
  });

  it('ends usage and configuration errors in a failed step with the message, no stack trace', () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{}, 'E_USAGE', /The action input `command` is required/],
      [{ INPUT_COMMAND: 'vaildate' }, 'E_USAGE', /Unknown command "vaildate"/],
      [{ INPUT_COMMAND: 'status', INPUT_ARGS: '--bogus' }, 'E_USAGE', /Unknown option '--bogus'/],
      [{ INPUT_COMMAND: 'status', INPUT_FORMAT: 'yaml' }, 'E_USAGE', /`format` is "yaml"/],
      [
        { INPUT_COMMAND: 'validate', GITHUB_EVENT_PATH: join(runner, 'absent.json') },
        'E_ACTION_EVENT',
        /Could not read the event payload/,
      ],
    ];
    for (const [env, code, message] of cases) {
      const r = runAction(env);
      expect(r.status, code).toBe(1);
      const failure = r.stdout.split('\n').find((l) => l.startsWith('::error::'));
      expect(failure, JSON.stringify(env)).toMatch(new RegExp(`^::error::${code}: `));
      expect(failure).toMatch(message);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at |unexpected error/);
    }
    // Invalid policies: the problems are in the message and the summary.
    repo.write('policies/broken.yaml', 'roles: [').commit('Break the policies');
    const broken = runAction({ INPUT_COMMAND: 'codeowners', INPUT_ARGS: '--check' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^::error::E_POLICY_INVALID: The policies at \w+ are invalid/m);
    expect(broken.stdout).toContain('policies/broken.yaml:1');
    expect(broken.summary).toContain('## ✗ grantops codeowners: `E_POLICY_INVALID`');
    expect(broken.summary).toMatch(/\| policies\/broken\.yaml \| 1 \| `E_YAML_SYNTAX` \|/);
    expect(JSON.parse(broken.outputs.result!).error.code).toBe('E_POLICY_INVALID');
    // Not a repository at all.
    const plain = mkdtempSync(join(tmpdir(), 'grantops-plain-'));
    try {
      const r = runAction({ INPUT_COMMAND: 'status' }, plain);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^::error::E_NOT_A_GIT_REPO: ".*" is not a git repository/m);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('starts and does nothing for help: the usage, no outputs, no summary', () => {
    const r = runAction({ INPUT_COMMAND: 'help' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: grantops <command> [options]');
    expect(r.outputs).toEqual({});
    expect(r.summary).toBe('');
  });
});
