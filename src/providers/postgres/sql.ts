/**
 * Every statement the postgres provider runs. Values are always bound parameters; the only
 * text built at run time is GRANT/REVOKE with quoted identifiers (see provider.ts).
 */

/** A fixed advisory-lock key ("grantops" in ASCII): concurrent grantops runs apply one at a time. */
const LOCK_KEY = '7454127193498914931';

/**
 * Takes the lock, then looks for grantops' table. The lock is taken in the FROM subquery so it
 * is held before the catalog is probed: a run that waited sees the table another run created.
 */
export const LOCK_AND_PROBE = `
SELECT to_regnamespace('grantops') IS NOT NULL AS has_schema,
       to_regclass('grantops.managed_memberships') IS NOT NULL AS has_table
FROM (SELECT pg_catalog.pg_advisory_xact_lock(${LOCK_KEY})) AS locked`;

export const CREATE_SCHEMA = `CREATE SCHEMA IF NOT EXISTS grantops;`;

export const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS grantops.managed_memberships (
  provider    text NOT NULL,
  role        text NOT NULL,
  login       text NOT NULL,
  db_role     text NOT NULL,
  member      text NOT NULL,
  expires_at  timestamptz,
  granted_at  timestamptz NOT NULL DEFAULT now(),
  preexisting boolean NOT NULL,
  PRIMARY KEY (provider, role, login, db_role, member)
);
CREATE INDEX IF NOT EXISTS managed_memberships_pair ON grantops.managed_memberships (db_role, member);
COMMENT ON TABLE grantops.managed_memberships IS
  'Role memberships grantops manages. preexisting: the membership was given by hand before grantops granted it, so revoking the grant leaves it in place.';`;

/**
 * The one query behind list(): recorded memberships that are really in effect now. A membership
 * removed by hand drops out, so reconcile sees it missing and grants it again.
 */
export const LIST = `
SELECT m.role, m.login, m.db_role, m.member, m.expires_at
FROM grantops.managed_memberships AS m
WHERE m.provider = $1
  AND EXISTS (
    SELECT 1
    FROM pg_catalog.pg_auth_members AS am
    JOIN pg_catalog.pg_roles AS r ON r.oid = am.roleid
    JOIN pg_catalog.pg_roles AS u ON u.oid = am.member
    WHERE r.rolname = m.db_role AND u.rolname = m.member)
ORDER BY m.role, m.login, m.db_role, m.member`;

/**
 * For each (database role, member) pair: do both exist, is the membership there, and may the
 * connected role grant it. Before PostgreSQL 16, CREATEROLE could grant any non-superuser role;
 * since 16 it takes ADMIN OPTION on the role (which CREATEROLE users get on roles they create).
 */
export const PAIRS = `
SELECT p.db_role, p.member,
       r.oid IS NOT NULL AS role_exists,
       u.oid IS NOT NULL AS member_exists,
       EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members AS am
               WHERE am.roleid = r.oid AND am.member = u.oid) AS in_effect,
       coalesce(me.rolsuper
                OR pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER WITH ADMIN OPTION')
                OR (current_setting('server_version_num')::int < 160000
                    AND me.rolcreaterole AND NOT r.rolsuper), false) AS can_grant
FROM unnest($1::text[], $2::text[]) AS p(db_role, member)
LEFT JOIN pg_catalog.pg_roles AS r ON r.rolname = p.db_role
LEFT JOIN pg_catalog.pg_roles AS u ON u.rolname = p.member
LEFT JOIN pg_catalog.pg_roles AS me ON me.rolname = current_user`;

/** grantops' records of the given pairs, by every provider sharing this database. */
export const RECORDS = `
SELECT provider, role, login, db_role, member, expires_at, preexisting
FROM grantops.managed_memberships
WHERE (db_role, member) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;

export const DELETE_RECORDS = `
DELETE FROM grantops.managed_memberships AS m
USING unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
      AS d(provider, role, login, db_role, member)
WHERE (m.provider, m.role, m.login, m.db_role, m.member)
    = (d.provider, d.role, d.login, d.db_role, d.member)`;

export const UPSERT_RECORDS = `
INSERT INTO grantops.managed_memberships AS m
       (provider, role, login, db_role, member, expires_at, preexisting)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                     $6::timestamptz[], $7::boolean[])
ON CONFLICT (provider, role, login, db_role, member)
DO UPDATE SET expires_at = EXCLUDED.expires_at, preexisting = EXCLUDED.preexisting`;

/**
 * Ends every session of the given users on the whole server (all databases), waiting up to 5 s
 * for each to go. Needs superuser or membership in pg_signal_backend, and cannot end a
 * superuser's sessions unless grantops is one. Never ends grantops' own session.
 */
export const TERMINATE = `
SELECT a.usename AS member, pg_catalog.pg_terminate_backend(a.pid, 5000) AS ended
FROM pg_catalog.pg_stat_activity AS a
WHERE a.usename = ANY($1::text[]) AND a.pid <> pg_catalog.pg_backend_pid()`;
