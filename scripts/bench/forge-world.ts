import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedCall } from '../../test/fakes/github/index.js';
import { accessWorld, APP_SLUG, type AccessWorld } from '../../test/fakes/github/world.js';
import { serveFake, type FakeServer, type TimedCall } from './forge-http.js';

/**
 * The forge figures' access repository: the fake GitHub's acme/access (test/fakes/github,
 * `accessWorld()`) with a postgres provider and its roles, served over HTTP, and the built action
 * run against it as a workflow step runs it: a whole process in a fresh checkout, with the
 * App's token in its environment.
 */

export const DB_ENV = 'GRANTOPS_BENCH_FORGE_DB_URL';
export const DB_ROLE = 'gbench_forge_read';
/** The database login of GitHub login `login`, as the policy's provider maps it. */
export const dbLogin = (login: string) => `gbench_forge_${login}`;

const TIME = '/usr/bin/time';
const REASON = 'INC-4821 slow checkout queries';
export const grantYaml = (duration: string) => `duration: ${duration}\nreason: ${REASON}\n`;

/** The access repository's policies: db-read and `extraRoles` more roles, all one DBA's approval. */
function policies(extraRoles: number, bench: number): Record<string, string> {
  const role = (name: string) => `  ${name}:
    description: Read-only SQL
    provider: db
    grant: { role: ${DB_ROLE} }
    max_duration: 8h
    requesters: [oncall${bench ? ', bench' : ''}]
    approvers: [dba]
    approvals: 1
`;
  const benchLogins = Array.from({ length: bench }, (_, i) => benchLogin(i));
  return {
    'policies/people.yaml': `admins: ['@acme/security']
groups:
  oncall: [alice, bob, mallory]
${bench ? `  bench: [${benchLogins.join(', ')}]\n` : ''}  dba: [carol, dave]
`,
    'policies/roles.yaml': `providers:
  db:
    type: postgres
    connection_env: ${DB_ENV}
    login: '${dbLogin('{login}')}'
roles:
${['db-read', ...extraRoleNames(extraRoles)].map(role).join('')}`,
    'grants/.gitkeep': '',
  };
}

export const extraRoleNames = (n: number) =>
  Array.from({ length: n }, (_, i) => `r${String(i + 1).padStart(2, '0')}`);
export const benchLogin = (i: number) => `b${String(i + 1).padStart(3, '0')}`;

/** One run of the action: exit code, wall time of the whole process, its JSON result. */
export interface Step {
  code: number;
  ms: number;
  /** CPU time of the process and its git children (NaN without /usr/bin/time). */
  cpuMs: number;
  /** performance.now() when the process was started: the server's timeline runs on this clock. */
  started: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- merge's, expire's and reconcile's results
  out: any;
  stderr: string;
  /** The API calls it made, as the fake recorded them, and as the server timed them. */
  calls: RecordedCall[];
  timeline: TimedCall[];
}

/** The fake GitHub's acme/access, served over HTTP, and the action run against it. */
export class ForgeWorld {
  readonly w: AccessWorld;
  private readonly dirs: string[] = [];

  private constructor(
    readonly action: string,
    private readonly server: FakeServer,
    w: AccessWorld,
    private readonly gitRoot: string,
  ) {
    this.w = w;
  }

  static async open(action: string, extraRoles = 0, bench = 0): Promise<ForgeWorld> {
    const w = accessWorld({ files: policies(extraRoles, bench) });
    const server = await serveFake(w.gh);
    // The forge fetches from `${GITHUB_SERVER_URL}/acme/access.git`: here, the fake's bare repository.
    const gitRoot = mkdtempSync(join(tmpdir(), 'grantops-bench-forge-'));
    mkdirSync(join(gitRoot, 'acme'));
    symlinkSync(w.repo.git.dir, join(gitRoot, 'acme', 'access.git'));
    return new ForgeWorld(action, server, w, gitRoot);
  }

  /** The fake's clock now (it moves one second per reading). */
  now(offsetHours = 0): string {
    const t = Date.parse(this.w.gh.store.timestamp()) + offsetHours * 3600_000;
    return new Date(t).toISOString().replace('.000Z', 'Z');
  }

  /**
   * `command` run by the action in a fresh clone of main (actions/checkout with fetch-depth 0:
   * not grantops' time, so done before the clock starts), with the environment of the
   * workflows' jobs and nothing of this process's own GitHub or runner variables.
   */
  async step(
    command: string,
    args: string[],
    extraEnv: Record<string, string> = {},
  ): Promise<Step> {
    const dir = mkdtempSync(join(tmpdir(), 'grantops-bench-checkout-'));
    this.dirs.push(dir);
    execFileSync('git', ['clone', '--quiet', '--branch', 'main', this.w.repo.git.dir, dir], {
      stdio: 'ignore',
    });
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !/^(GITHUB_|INPUT_|GRANTOPS_|RUNNER_|ACTIONS_)/.test(k),
      ),
    );
    const env = {
      ...inherited,
      GITHUB_REPOSITORY: 'acme/access',
      GITHUB_API_URL: this.server.url,
      GITHUB_SERVER_URL: this.gitRoot,
      GRANTOPS_APP_TOKEN: this.w.appToken,
      GRANTOPS_APP_SLUG: APP_SLUG,
      INPUT_COMMAND: command,
      INPUT_ARGS: args.join('\n'),
      INPUT_FORMAT: 'json',
      ...extraEnv,
    };
    this.w.gh.clearCalls();
    const from = this.server.timeline.length;
    // CPU time (user + system) of the process and the git processes it waited for, which a
    // busy machine does not inflate as it does the wall time.
    const cpuFile = join(dir, '.bench-cpu');
    const argv = existsSync(TIME)
      ? [TIME, '-f', '%U %S', '-o', cpuFile, process.execPath, this.action]
      : [process.execPath, this.action];
    const started = performance.now();
    const { code, stdout, stderr } = await new Promise<{
      code: number;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), { cwd: dir, env });
      let out = '';
      let err = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c ?? -1, stdout: out, stderr: err }));
    });
    const ms = performance.now() - started;
    const cpuMs = existsSync(cpuFile)
      ? readFileSync(cpuFile, 'utf8')
          .trim()
          .split('\n')
          .at(-1)!
          .split(' ')
          .reduce((sum, x) => sum + Number(x) * 1000, 0)
      : NaN;
    // A failed step also prints the runner's `::error::` command after the JSON.
    const json = stdout
      .split('\n')
      .filter((l) => !l.startsWith('::'))
      .join('\n');
    let out: Step['out'];
    try {
      out = JSON.parse(json);
    } catch {
      throw new Error(`grantops ${command} printed no JSON (exit ${code}):\n${stdout}\n${stderr}`);
    }
    if (out?.error) throw new Error(`grantops ${command} failed (exit ${code}):\n${stderr}`);
    return {
      code,
      ms,
      cpuMs,
      started,
      out,
      stderr,
      calls: [...this.w.gh.calls],
      timeline: this.server.timeline.slice(from),
    };
  }

  /** `login` opens a pull request from `branch`, pushed already. */
  async openPull(login: string, branch: string): Promise<number> {
    const { data } = await this.w.client(login).rest.pulls.create({
      owner: 'acme',
      repo: 'access',
      title: `Request by ${login}`,
      head: branch,
      base: 'main',
    });
    return data.number;
  }

  async close(): Promise<void> {
    await this.server.close();
    for (const dir of [...this.dirs, this.gitRoot]) rmSync(dir, { recursive: true, force: true });
    this.w.cleanup();
  }
}
