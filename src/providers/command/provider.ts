import { isAbsolute, resolve } from 'node:path';
import { parseDuration } from '../../core/duration.js';
import { ConfigError, ExternalError } from '../../core/errors.js';
import { quote } from '../../core/problem.js';
import { parseTimestamp } from '../../core/time.js';
import type { Access, Provider } from '../../core/provider.js';
import type { ProviderDeps, ProviderFactory } from '../types.js';
import { runCommand, type RunResult } from './run.js';
import { grant, settings } from './schema.js';

export const DEFAULT_TIMEOUT_SECONDS = 60;
/** How much of a failed command's stderr (its end) or stdout (its start) a message carries. */
const SHOWN = 1000;

export interface CommandSettings {
  argv: string[];
  timeoutMs: number;
  /** Names of variables passed through from grantops' environment (PATH always is). */
  envNames: string[];
  nativeExpiry: boolean;
}

/**
 * The user's own executable for any other system. `<command…> grant|revoke|list` runs with argv
 * only and a minimal environment; the access travels as JSON on stdin, so values from a grant
 * file (params) are data the program reads, never text a shell or grantops interprets.
 * The JSON shapes are in README.md.
 */
export class CommandProvider implements Provider {
  readonly type = 'command';
  readonly nativeExpiry: boolean;

  constructor(
    readonly name: string,
    private readonly s: CommandSettings,
    private readonly deps: Pick<ProviderDeps, 'env' | 'targets' | 'repoDir'>,
  ) {
    this.nativeExpiry = s.nativeExpiry;
  }

  async list(): Promise<Access[]> {
    const stdout = await this.run('list', { provider: this.name, targets: this.deps.targets });
    let data: unknown;
    try {
      data = JSON.parse(stdout);
    } catch {
      throw this.bad(
        'list',
        `printed invalid JSON (expected an array of accesses): ${quote(stdout, SHOWN)}`,
      );
    }
    if (!Array.isArray(data))
      throw this.bad('list', `printed ${quote(stdout, 80)}, not a JSON array of accesses`);
    return data.map((item, i) => this.toAccess(item, i));
  }

  async grant(access: Access): Promise<void> {
    await this.run('grant', accessInput(this.name, access));
  }

  async revoke(access: Access): Promise<void> {
    await this.run('revoke', accessInput(this.name, access));
  }

  private async run(verb: 'grant' | 'revoke' | 'list', input: unknown): Promise<string> {
    const r = await runCommand({
      argv: [...this.program(), verb],
      input: `${JSON.stringify(input)}\n`,
      env: this.env(),
      cwd: this.deps.repoDir ?? process.cwd(),
      timeoutMs: this.s.timeoutMs,
    });
    if (r.code === 0 && !r.timedOut && !r.error) return r.stdout;
    throw this.bad(verb, describeFailure(r, this.s.timeoutMs));
  }

  /** A relative program path is the access repository's (e.g. ./bin/vault-access). */
  private program(): string[] {
    const [first, ...rest] = this.s.argv;
    const program =
      first!.includes('/') && !isAbsolute(first!)
        ? resolve(this.deps.repoDir ?? process.cwd(), first!)
        : first!;
    return [program, ...rest];
  }

  /** Only PATH and the variables named in `env`: secrets the command does not need stay out. */
  private env(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of ['PATH', ...this.s.envNames]) {
      const value = this.deps.env[name];
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  private toAccess(item: unknown, i: number): Access {
    const o = item as Record<string, unknown> | null;
    const text = (k: string) => typeof o?.[k] === 'string' && (o[k] as string) !== '';
    if (
      typeof o !== 'object' ||
      o === null ||
      Array.isArray(o) ||
      !text('role') ||
      !text('login') ||
      !text('identity')
    ) {
      throw this.bad(
        'list',
        `item ${i} must be an object with non-empty strings role, login and identity; got ${quote(JSON.stringify(item) ?? String(item), 120)}`,
      );
    }
    const role = o.role as string;
    let target = this.deps.targets.find((t) => t.role === role)?.target ?? {};
    if (o.target !== undefined) {
      if (typeof o.target !== 'object' || o.target === null || Array.isArray(o.target)) {
        throw this.bad('list', `item ${i}: target must be an object`);
      }
      target = o.target as Record<string, unknown>;
    }
    const access: Access = {
      role,
      login: (o.login as string).toLowerCase(),
      identity: o.identity as string,
      target: { ...target },
    };
    if (o.expires_at !== undefined && o.expires_at !== null) {
      const at = typeof o.expires_at === 'string' ? parseTimestamp(o.expires_at) : null;
      if (!at)
        throw this.bad(
          'list',
          `item ${i}: expires_at must be an RFC 3339 time with offset, e.g. 2026-11-26T11:00:00Z`,
        );
      access.expiresAt = at;
    }
    if (o.params !== undefined && typeof o.params === 'object' && o.params !== null) {
      access.params = o.params as Record<string, unknown>;
    }
    return access;
  }

  private bad(verb: string, what: string): ExternalError {
    return new ExternalError(
      'E_PROVIDER',
      `Provider ${quote(this.name)}: \`${this.s.argv.join(' ')} ${verb}\` ${what}. Fix the command so it keeps the command provider's contract (grantops' README, Providers), then run again.`,
    );
  }
}

/** What grant and revoke read on stdin (README.md documents it; changing it breaks users). */
export function accessInput(provider: string, a: Access) {
  return {
    provider,
    role: a.role,
    login: a.login,
    identity: a.identity,
    target: a.target,
    params: a.params ?? {},
    expires_at: a.expiresAt ? a.expiresAt.toISOString() : null,
  };
}

function describeFailure(r: RunResult, timeoutMs: number): string {
  const stderr = r.stderr.trim();
  const tail = stderr
    ? `; stderr: ${quote(stderr.length > SHOWN ? `…${stderr.slice(-SHOWN)}` : stderr, SHOWN + 10)}`
    : '';
  if (r.timedOut) return `timed out after ${timeoutMs / 1000}s and was stopped${tail}`;
  if (r.error) return `${r.error}${tail}`;
  if (r.signal) return `was killed by ${r.signal}${tail}`;
  return `exited with code ${r.code}${tail}`;
}

/** Reads and checks the settings once, so a bad policy fails before anything runs. */
export function commandSettings(name: string, raw: Record<string, unknown>): CommandSettings {
  const argv = raw.command;
  if (
    !Array.isArray(argv) ||
    argv.length === 0 ||
    !argv.every((a) => typeof a === 'string' && a !== '')
  ) {
    throw new ConfigError(
      `Provider ${quote(name)}: command must be a list such as ["./bin/vault-access"], never a shell string.`,
    );
  }
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (raw.timeout !== undefined) {
    const parsed = typeof raw.timeout === 'string' ? parseDuration(raw.timeout) : null;
    if (!parsed)
      throw new ConfigError(
        `Provider ${quote(name)}: timeout ${quote(String(raw.timeout))} is not a duration. Write it like 30s, 2m or PT1M.`,
      );
    timeoutSeconds = parsed;
  }
  const envNames = Array.isArray(raw.env)
    ? raw.env.filter((e): e is string => typeof e === 'string')
    : [];
  return {
    argv: argv as string[],
    timeoutMs: timeoutSeconds * 1000,
    envNames,
    nativeExpiry: raw.native_expiry === true,
  };
}

export const commandProvider: ProviderFactory = {
  type: 'command',
  settings,
  grant,
  create: (config, deps) =>
    new CommandProvider(config.name, commandSettings(config.name, config.settings), deps),
};
