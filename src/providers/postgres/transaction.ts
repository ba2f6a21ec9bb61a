import { ExternalError } from '../../core/errors.js';
import { quote } from '../../core/problem.js';
import type { Access, AccessChanges } from '../../core/provider.js';
import {
  dbRoleOf,
  pairKey,
  planBatch,
  type BatchPlan,
  type PairState,
  type RecordRow,
} from './batch.js';
import { ident, type Queryable } from './db.js';
import * as SQL from './sql.js';

/**
 * The body of one apply transaction. It runs a fixed number of statements whatever the batch
 * size: lock and probe, create grantops' table on first use, read the pairs and their records,
 * GRANT/REVOKE in one round trip, write the records, read back what changed.
 */
export async function applyBatch(
  tx: Queryable,
  provider: string,
  batch: AccessChanges,
): Promise<BatchPlan> {
  const all = [...batch.grant, ...batch.revoke];
  const [probe] = await tx.query<{ has_schema: boolean; has_table: boolean }>(SQL.LOCK_AND_PROBE);
  // CREATE SCHEMA checks the CREATE privilege even when the schema exists, so it runs only when
  // missing: a DBA may create the schema and table beforehand and grant less.
  if (!probe?.has_table)
    await tx.exec((probe?.has_schema ? '' : SQL.CREATE_SCHEMA) + SQL.CREATE_TABLE);
  const pairs = await readPairs(tx, all);
  const records = await tx.query<RecordRow>(
    SQL.RECORDS,
    columns(all, dbRoleOf, (a) => a.identity),
  );
  const plan = planBatch(provider, batch, pairs, records);
  await writePlan(tx, plan);
  await verify(tx, plan);
  return plan;
}

export async function readPairs(
  q: Queryable,
  accesses: readonly Access[],
): Promise<Map<string, PairState>> {
  const rows = await q.query<{
    db_role: string;
    member: string;
    role_exists: boolean;
    member_exists: boolean;
    in_effect: boolean;
    can_grant: boolean;
  }>(
    SQL.PAIRS,
    columns(accesses, dbRoleOf, (a) => a.identity),
  );
  return new Map(
    rows.map((r) => [
      pairKey(r.db_role, r.member),
      {
        roleExists: r.role_exists,
        memberExists: r.member_exists,
        inEffect: r.in_effect,
        canGrant: r.can_grant,
      },
    ]),
  );
}

/** GRANT/REVOKE in one round trip (identifiers quoted), then the records in two statements. */
async function writePlan(tx: Queryable, p: BatchPlan): Promise<void> {
  const ddl = [
    ...p.revokePairs.map((x) => `REVOKE ${ident(x.dbRole)} FROM ${ident(x.member)};`),
    ...p.grantPairs.map((x) => `GRANT ${ident(x.dbRole)} TO ${ident(x.member)};`),
  ];
  if (ddl.length > 0) await tx.exec(ddl.join('\n'));
  const keyColumns = (rows: RecordRow[]) =>
    columns(
      rows,
      (r) => r.provider,
      (r) => r.role,
      (r) => r.login,
      (r) => r.db_role,
      (r) => r.member,
    );
  if (p.deletes.length > 0) await tx.query(SQL.DELETE_RECORDS, keyColumns(p.deletes));
  if (p.upserts.length > 0) {
    await tx.query(SQL.UPSERT_RECORDS, [
      ...keyColumns(p.upserts),
      ...columns(
        p.upserts,
        (r) => r.expires_at,
        (r) => r.preexisting,
      ),
    ]);
  }
}

/**
 * Reads back the memberships the batch changed. On PostgreSQL 16+ a REVOKE only removes the
 * membership granted by the same grantor: if another role granted it, REVOKE warns and does
 * nothing. That must fail (and roll back) rather than drop the record of access still given.
 */
async function verify(tx: Queryable, p: BatchPlan): Promise<void> {
  const touched = [
    ...p.grantPairs.map((x) => ({ ...x, want: true })),
    ...p.revokePairs.map((x) => ({ ...x, want: false })),
  ];
  if (touched.length === 0) return;
  const rows = await tx.query<{ db_role: string; member: string; in_effect: boolean }>(
    SQL.PAIRS,
    columns(
      touched,
      (x) => x.dbRole,
      (x) => x.member,
    ),
  );
  const now = new Map(rows.map((r) => [pairKey(r.db_role, r.member), r.in_effect]));
  const wrong = touched.filter((x) => now.get(pairKey(x.dbRole, x.member)) !== x.want);
  if (wrong.length > 0) {
    const list = wrong
      .map(
        (x) =>
          `${x.want ? 'GRANT' : 'REVOKE'} ${quote(x.dbRole)} ${x.want ? 'TO' : 'FROM'} ${quote(x.member)}`,
      )
      .join(', ');
    throw new ExternalError(
      'E_PROVIDER',
      `${list} did not take effect; nothing was changed. Since PostgreSQL 16 each grantor's grant of a membership is separate and REVOKE removes only grantops' own: another role granted it too (see pg_auth_members.grantor). Have that role revoke it (REVOKE ... GRANTED BY), then reconcile again.`,
    );
  }
}

/** Parallel arrays, one per getter: how a batch travels as bound parameters (unnest). */
export function columns<T>(items: readonly T[], ...getters: ((x: T) => unknown)[]): unknown[][] {
  return getters.map((g) => items.map(g));
}
