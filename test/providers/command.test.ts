import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ExternalError } from '../../src/core/errors.js';
import type { ProviderConfig } from '../../src/core/policy/types.js';
import { commandProvider } from '../../src/providers/command/provider.js';
import type { Access, Provider } from '../../src/core/provider.js';
import { providerContract } from './contract.js';

/** The command provider runs real executables: the example programs in test/fixtures/commands. */
const fixtures = resolve('test/fixtures/commands');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'grantops-cmd-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const config = (settings: Record<string, unknown>): ProviderConfig => ({
  name: 'vault',
  type: 'command',
  settings: { type: 'command', ...settings },
  origin: { file: 'policies/vault.yaml', at: null },
});
const make = (
  settings: Record<string, unknown>,
  env: Record<string, string> = {},
  repoDir?: string,
) =>
  commandProvider.create(config(settings), {
    env: { PATH: process.env.PATH!, ...env },
    targets: [{ role: 'vault-read', target: { path: 'secret/orders' } }],
    ...(repoDir ? { repoDir } : {}),
  }) as Provider;
const access: Access = {
  role: 'vault-read',
  login: 'alice',
  identity: 'alice@acme.example',
  target: { path: 'secret/orders' },
  expiresAt: new Date('2030-01-01T10:00:00Z'),
  params: { schema: 'orders' },
};

providerContract('command (a JSON-file example program)', async () => {
  const state = join(tempDir(), 'state.json');
  writeFileSync(state, JSON.stringify({ hand: [], managed: [] }));
  const read = () =>
    JSON.parse(readFileSync(state, 'utf8')) as { hand: Access[]; managed: Access[] };
  const bob = {
    role: 'vault-read',
    login: 'bob',
    identity: 'bob@acme.example',
    target: access.target,
  };
  return {
    provider: make(
      { command: [join(fixtures, 'json-state.mjs')], env: ['ACCESS_STATE'] },
      { ACCESS_STATE: state },
    ),
    access,
    grantByHand: async () => writeFileSync(state, JSON.stringify({ ...read(), hand: [bob] })),
    handGrantExists: async () => read().hand.some((h) => h.login === 'bob'),
    accessInEffect: async () => read().managed.some((m) => m.login === access.login),
  };
});

describe('command provider', () => {
  const recorder = (extra: Record<string, unknown> = {}, env: Record<string, string> = {}) => {
    const log = join(tempDir(), 'calls.jsonl');
    const provider = make(
      {
        command: [join(fixtures, 'record-call.mjs'), '--flag', '$(exit 9)'],
        env: ['CALL_LOG', 'VAULT_ADDR'],
        ...extra,
      },
      { CALL_LOG: log, SECRET_TOKEN: 'do-not-leak', ...env },
    );
    const calls = () =>
      readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as {
              argv: string[];
              env: Record<string, string>;
              stdin: string;
              cwd: string;
            },
        );
    return { provider, calls, dir: join(log, '..') };
  };

  it('passes argv as given plus the verb, and the access as JSON on stdin', async () => {
    const { provider, calls } = recorder();
    await provider.grant(access);
    await provider.revoke(access);
    const [grant, revoke] = calls();
    expect(grant!.argv).toEqual(['--flag', '$(exit 9)', 'grant']);
    expect(revoke!.argv.at(-1)).toBe('revoke');
    expect(JSON.parse(grant!.stdin)).toEqual({
      provider: 'vault',
      role: 'vault-read',
      login: 'alice',
      identity: 'alice@acme.example',
      target: { path: 'secret/orders' },
      params: { schema: 'orders' },
      expires_at: '2030-01-01T10:00:00.000Z',
    });
  });

  it('hands hostile params over as data: nothing is run by a shell', async () => {
    const { provider, calls, dir } = recorder();
    const hostile = {
      a: `$(touch ${join(dir, 'pwned')})`,
      b: `\`touch ${join(dir, 'pwned2')}\``,
      c: `x; touch ${join(dir, 'pwned3')} && echo '|' > /dev/null "quoted" \\ \n newline`,
    };
    await provider.grant({ ...access, params: hostile });
    expect(JSON.parse(calls()[0]!.stdin).params).toEqual(hostile);
    for (const f of ['pwned', 'pwned2', 'pwned3']) expect(existsSync(join(dir, f))).toBe(false);
  });

  it('passes only PATH and the variables named in env', async () => {
    const { provider, calls } = recorder({}, { VAULT_ADDR: 'https://vault.example' });
    await provider.list();
    expect(calls()[0]!.env).toEqual({
      PATH: process.env.PATH,
      CALL_LOG: expect.any(String),
      VAULT_ADDR: 'https://vault.example',
    });
  });

  it('runs a relative program from the access repository', async () => {
    const repo = tempDir();
    const log = join(repo, 'calls.jsonl');
    writeFileSync(join(repo, 'tool.mjs'), readFileSync(join(fixtures, 'record-call.mjs')), {
      mode: 0o755,
    });
    const provider = make({ command: ['./tool.mjs'], env: ['CALL_LOG'] }, { CALL_LOG: log }, repo);
    expect(await provider.list()).toEqual([]);
    expect(JSON.parse(readFileSync(log, 'utf8')).cwd).toBe(repo);
  });

  it('surfaces the exit code and the end of stderr, truncated', async () => {
    const provider = make({ command: [join(fixtures, 'fail.mjs')] });
    const err = await provider.grant(access).then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(ExternalError);
    expect(err!.message).toMatch(
      /fail\.mjs grant` exited with code 3; stderr: ".*vault: permission denied for path secret\/orders/,
    );
    expect(err!.message.length).toBeLessThan(1400);
  });

  it('stops a command that runs too long, and everything it started', async () => {
    const pidFile = join(tempDir(), 'child.pid');
    const provider = make(
      { command: [join(fixtures, 'hang.mjs')], timeout: '1s', env: ['CHILD_PID'] },
      { CHILD_PID: pidFile },
    );
    const started = performance.now();
    await expect(provider.revoke(access)).rejects.toThrow(
      /hang\.mjs revoke` timed out after 1s and was stopped/,
    );
    expect(performance.now() - started).toBeLessThan(5000);
    const child = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(child), { timeout: 3000 }).toBe(false);
  });

  it('reports output that is not JSON, or not a list of accesses', async () => {
    await expect(make({ command: [join(fixtures, 'bad-json.mjs')] }).list()).rejects.toThrow(
      /printed invalid JSON \(expected an array of accesses\): "Listing access/,
    );
    const notAccess = make({
      command: [process.execPath, '-e', 'process.stdout.write(JSON.stringify([{ role: 1 }]))'],
    });
    await expect(notAccess.list()).rejects.toThrow(
      /item 0 must be an object with non-empty strings role, login and identity/,
    );
  });

  it('fills a listed access target from the policy and reads expires_at', async () => {
    const item = {
      role: 'vault-read',
      login: 'Alice',
      identity: 'alice@acme.example',
      expires_at: '2030-01-01T10:00:00Z',
    };
    const script = `process.stdout.write(${JSON.stringify(JSON.stringify([item]))})`;
    const listed = await make({ command: [process.execPath, '-e', script] }).list();
    expect(listed).toEqual([
      {
        role: 'vault-read',
        login: 'alice',
        identity: 'alice@acme.example',
        target: { path: 'secret/orders' },
        expiresAt: new Date('2030-01-01T10:00:00Z'),
      },
    ]);
  });

  it('says when the program cannot be started', async () => {
    await expect(make({ command: ['/nonexistent/grantops-tool'] }).list()).rejects.toThrow(
      /could not be started: ENOENT/,
    );
  });

  it('refuses bad settings before running anything', () => {
    expect(() => make({ command: 'vault-access grant' })).toThrow(ConfigError);
    expect(() => make({ command: ['x'], timeout: 'soon' })).toThrow(
      /timeout "soon" is not a duration/,
    );
  });

  it('claims native expiry only when the policy says the command does it', () => {
    expect(make({ command: ['x'] }).nativeExpiry).toBe(false);
    expect(make({ command: ['x'], native_expiry: true }).nativeExpiry).toBe(true);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
