import type { Code } from '../../core/codes.js';
import { ConfigError, ExternalError } from '../../core/errors.js';
import type { ProviderConfig } from '../../core/policy/types.js';
import { problem, quote, type Problem } from '../../core/problem.js';
import type { Access, AccessChanges, ApplyResult, Provider } from '../../core/provider.js';
import type { ProviderDeps, ProviderFactory } from '../types.js';
import { dbRoleOf, missingFor, pairKey, type BatchPlan, type PairState } from './batch.js';
import { nameProblem, openDb, type Db } from './db.js';
import { grant, settings } from './schema.js';
import * as SQL from './sql.js';
import { applyBatch, readPairs } from './transaction.js';

/**
 * Role membership in PostgreSQL (`GRANT <role> TO <login>`). grantops records every membership
 * it manages in `grantops.managed_memberships` in the target database, so it lists and revokes
 * only those, never a membership given by hand. See README.md for behaviour and quirks.
 */
export class PostgresProvider implements Provider {
  readonly type = 'postgres';
  // VALID UNTIL is a password expiry on the whole login, not an end to one membership: it
  // cannot expire this grant, so grantops does not claim native expiry (README.md).
  readonly nativeExpiry = false;
  private dbPromise: Promise<Db> | undefined;

  constructor(
    readonly name: string,
    private readonly open: () => Promise<Db>,
    private readonly targets: ProviderDeps['targets'] = [],
  ) {}

  async list(): Promise<Access[]> {
    const db = await this.db();
    let rows: {
      role: string;
      login: string;
      db_role: string;
      member: string;
      expires_at: Date | null;
    }[];
    try {
      rows = await db.query(SQL.LIST, [this.name]);
    } catch (err) {
      // No table yet: grantops has never granted here. Listing stays read-only (a plan or a
      // dry run changes nothing), and stays one query.
      if (sqlState(err) === '42P01') return [];
      throw this.fail('list', err);
    }
    return rows.map((r) => {
      const access: Access = {
        role: r.role,
        login: r.login,
        identity: r.member,
        target: this.targetOf(r.role, r.db_role),
      };
      if (r.expires_at) access.expiresAt = new Date(r.expires_at);
      return access;
    });
  }

  async grant(access: Access): Promise<void> {
    this.throwIfFailed(await this.apply({ grant: [access], revoke: [] }));
  }

  async revoke(access: Access): Promise<void> {
    this.throwIfFailed(await this.apply({ grant: [], revoke: [access] }));
  }

  /** All changes in one transaction: a constant number of statements, whatever the batch size. */
  async apply(changes: AccessChanges): Promise<ApplyResult> {
    const invalid: ApplyResult['failed'] = [];
    const valid = (a: Access) => {
      const error =
        nameProblem(dbRoleOf(a), 'grant.role') ?? nameProblem(a.identity, 'The database login');
      if (error) invalid.push({ access: a, error });
      return !error;
    };
    const batch = { grant: changes.grant.filter(valid), revoke: changes.revoke.filter(valid) };
    const all = [...batch.grant, ...batch.revoke];
    if (all.length === 0) return { granted: [], revoked: [], unchanged: [], failed: invalid };

    const db = await this.db();
    let plan: BatchPlan;
    try {
      plan = await db.transaction((tx) => applyBatch(tx, this.name, batch));
    } catch (err) {
      throw this.fail('apply', err);
    }
    await this.terminate(db, plan.terminate);
    plan.result.failed.push(...invalid);
    return plan.result;
  }

  async check(accesses: readonly Access[]): Promise<Problem[]> {
    const out: Problem[] = [];
    const at = (a: Access, code: Code, message: string) =>
      out.push(
        problem(
          `grants/${a.role}/${a.login}.yaml`,
          null,
          code,
          `Provider ${quote(this.name)}: ${message}`,
        ),
      );
    const valid = accesses.filter((a) => {
      const error =
        nameProblem(dbRoleOf(a), 'grant.role') ?? nameProblem(a.identity, 'The database login');
      if (error) at(a, 'E_PROVIDER_IDENTITY', error);
      return !error;
    });
    if (valid.length === 0) return out;
    let pairs: Map<string, PairState>;
    try {
      pairs = await readPairs(await this.db(), valid);
    } catch (err) {
      throw this.fail('check', err);
    }
    for (const a of valid) {
      const state = pairs.get(pairKey(dbRoleOf(a), a.identity));
      const missing = missingFor(a, state);
      if (missing)
        at(
          a,
          state?.roleExists ? 'E_PROVIDER_IDENTITY_MISSING' : 'E_PROVIDER_TARGET_MISSING',
          missing,
        );
      else if (!state?.canGrant) {
        at(
          a,
          'E_PROVIDER_CANNOT_GRANT',
          `the connected role may not grant ${quote(dbRoleOf(a))}: it needs superuser, or ADMIN OPTION on that role.`,
        );
      }
    }
    return out;
  }

  async close(): Promise<void> {
    const db = this.dbPromise;
    this.dbPromise = undefined;
    if (db) await (await db).close();
  }

  private db(): Promise<Db> {
    this.dbPromise ??= this.open().catch((err) => {
      this.dbPromise = undefined; // a failed start is retried by the next call
      throw err;
    });
    return this.dbPromise;
  }

  /** The role's grant settings as the policy has them, when they still name this database role. */
  private targetOf(role: string, dbRole: string): Record<string, unknown> {
    const t = this.targets.find((x) => x.role === role && x.target.role === dbRole);
    return t ? { ...t.target } : { role: dbRole };
  }

  /**
   * After commit, so a session that reconnects finds the membership already gone. The revoke
   * stands even if this fails; the error says so, as the sessions may still be open.
   */
  private async terminate(db: Db, members: string[]): Promise<void> {
    if (members.length === 0) return;
    let rows: { member: string; ended: boolean }[];
    try {
      rows = await db.query(SQL.TERMINATE, [members]);
    } catch (err) {
      throw this.fail(
        `ending the sessions of ${members.map((m) => quote(m)).join(', ')} (the revoke itself was done)`,
        err,
      );
    }
    const stuck = rows.filter((r) => !r.ended).map((r) => quote(r.member));
    if (stuck.length > 0) {
      throw new ExternalError(
        'E_PROVIDER',
        `Provider ${quote(this.name)}: revoked, but sessions of ${[...new Set(stuck)].join(', ')} did not end within 5 s. The role is revoked; end those sessions by hand with pg_terminate_backend if they must stop now.`,
      );
    }
  }

  private throwIfFailed(result: ApplyResult): void {
    const [first] = result.failed;
    if (first)
      throw new ExternalError('E_PROVIDER', `Provider ${quote(this.name)}: ${first.error}`);
  }

  private fail(what: string, err: unknown): Error {
    if (err instanceof ExternalError || err instanceof ConfigError) return err;
    const e = err as { message?: string };
    const state = sqlState(err);
    return new ExternalError(
      'E_PROVIDER',
      `Provider ${quote(this.name)} (postgres): ${what} failed: ${e.message ?? String(err)}${state ? ` (SQLSTATE ${state})` : ''}. Check the server, the connection URL and the privileges grantops' database role needs (the postgres provider's README), then run again.`,
    );
  }
}

function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Builds a postgres provider on a given database (tests, the demo's shared PGlite). */
export function createPostgresProvider(
  config: ProviderConfig,
  deps: Pick<ProviderDeps, 'targets'>,
  db: Db,
): PostgresProvider {
  return new PostgresProvider(config.name, async () => db, deps.targets);
}

export const postgresProvider: ProviderFactory = {
  type: 'postgres',
  settings,
  grant,
  create(config, deps) {
    const variable = config.settings.connection_env as string;
    const url = deps.env[variable];
    if (!url) {
      throw new ConfigError(
        `Provider ${quote(config.name)} reads its connection URL from the environment variable ${variable}, which is not set. Set it to postgres://user:password@host:5432/db (or pglite:///path for the embedded database).`,
      );
    }
    return new PostgresProvider(config.name, () => openDb(url, variable), deps.targets);
  },
};
