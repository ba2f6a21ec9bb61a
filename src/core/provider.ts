import type { Problem } from './problem.js';

/**
 * One piece of access at one provider: a role's grant settings given to one person.
 * `role` and `login` say which grant (grants/<role>/<login>.yaml) it belongs to, so the
 * provider can report back what it manages in the same terms.
 */
export interface Access {
  /** The grantops role name. */
  role: string;
  /** The grantee's GitHub login, lower case. */
  login: string;
  /** The grantee at the provider (database role, AWS user name, …), from the login template. */
  identity: string;
  /** The role's `grant` settings, checked against the provider's grant schema. */
  target: Record<string, unknown>;
  /** When the grant ends; providers with native expiry are told it. */
  expiresAt?: Date;
  /** The request's `params`, already validated against the role's params schema. */
  params?: Record<string, unknown>;
}

/**
 * The provider port: two verbs and a listing, like every access system grantops drives.
 * `grant` and `revoke` are idempotent; `list` returns only access grantops manages there.
 * Optional members are capabilities a provider may have.
 */
export interface Provider {
  readonly name: string;
  readonly type: string;
  list(): Promise<Access[]>;
  grant(access: Access): Promise<void>;
  revoke(access: Access): Promise<void>;
  /** True when the target system itself ends access at `expiresAt`. */
  readonly nativeExpiry?: boolean;
  /** Checks settings and identities against the target without changing it. */
  check?(accesses: readonly Access[]): Promise<Problem[]>;
  /** Releases connections. */
  close?(): Promise<void>;
  /**
   * Applies many changes to this one target at once, all or nothing where the target has
   * transactions (PostgreSQL: one transaction), so reconcile of a thousand grants does not make
   * a thousand round trips. Same meaning as calling `grant` and `revoke` for each change.
   */
  apply?(changes: AccessChanges): Promise<ApplyResult>;
}

/** A batch of changes for one provider, as reconcile plans them. */
export interface AccessChanges {
  grant: Access[];
  revoke: Access[];
}

/** What `apply` did with each change it was given. */
export interface ApplyResult {
  /** Access given by this call. */
  granted: Access[];
  /** Access removed by this call. */
  revoked: Access[];
  /** Changes that were already in place: nothing needed doing. */
  unchanged: Access[];
  /**
   * Changes the target cannot take as asked (the identity or the target role does not exist),
   * each with a message naming what is missing. They were skipped so that the rest of the batch,
   * and above all its revocations, still happen; an unexpected failure throws instead and
   * leaves the target as it was.
   */
  failed: { access: Access; error: string }[];
}

/** Where a provider writes what the operator should know (drift it found, say): one line each. */
export type ProviderLog = (line: string) => void;
