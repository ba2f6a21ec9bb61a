import type { ProviderConfig } from '../core/policy/types.js';
import type { Problem } from '../core/problem.js';
import type { ProviderSchemas } from './schemas.js';

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

/** What a provider is given to build itself: its policy entry, the environment, and I/O seams. */
export interface ProviderDeps {
  env: Readonly<Record<string, string | undefined>>;
  /** All roles that use this provider: their grant settings are the targets it looks at. */
  targets: readonly { role: string; target: Record<string, unknown> }[];
  /**
   * Keys `<role>/<login>` of every grant of this provider's roles that grantops has ever landed
   * (from the git ledger). Targets that cannot record who granted what (GitHub teams, AWS
   * assignments) treat exactly these people's access as grantops-managed, so access given by
   * hand to anyone else is never listed or revoked.
   */
  managed?: ReadonlySet<string>;
  /** Injected for tests (GitHub): the fetch Octokit uses. */
  fetch?: typeof fetch;
  /**
   * The access repository's directory: relative paths in provider settings (a `command`'s
   * program) are resolved against it. Default: the current directory.
   */
  repoDir?: string;
}

export interface ProviderFactory extends ProviderSchemas {
  type: string;
  create(config: ProviderConfig, deps: ProviderDeps): Provider | Promise<Provider>;
}
