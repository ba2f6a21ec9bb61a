import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { ident } from '../../src/providers/postgres/db.js';

/** The real PostgreSQL server started by test/setup/postgres.ts. */
export const serverUrl = (): string => inject('pgUrl');
export const uid = () => randomBytes(4).toString('hex');

/** A fresh database and an admin connection to it; dropped (with the test's roles) at the end. */
export async function sandbox() {
  const id = uid();
  const dbName = `grantops_t_${id}`;
  const roles: string[] = [];
  const server = new pg.Client({ connectionString: serverUrl() });
  await server.connect();
  await server.query(`CREATE DATABASE ${ident(dbName)}`);
  const u = new URL(serverUrl());
  u.pathname = `/${dbName}`;
  const url = u.toString();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const sql = async (text: string, params?: unknown[]) => (await admin.query(text, params)).rows;
  return {
    id,
    dbName,
    url,
    sql,
    urlAs: (user: string) => Object.assign(new URL(url), { username: user }).toString(),
    /** Creates a role named `<base>_<id>` (or exactly `exact`), quoted, and drops it at the end. */
    async role(base: string, options = '', exact?: string) {
      const name = exact ?? `${base}_${id}`;
      await sql(`CREATE ROLE ${ident(name)} ${options}`);
      roles.push(name);
      return name;
    },
    member: async (role: string, member: string) =>
      (await sql('SELECT pg_has_role($1, $2, $3) AS m', [member, role, 'MEMBER']))[0]!.m as boolean,
    async done() {
      await admin.end();
      await server.query(`DROP DATABASE IF EXISTS ${ident(dbName)} WITH (FORCE)`);
      for (const r of roles.reverse()) await server.query(`DROP ROLE IF EXISTS ${ident(r)}`);
      await server.end();
    },
  };
}
export type Sandbox = Awaited<ReturnType<typeof sandbox>>;
