import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  SSOAdminClient,
  paginateListAccountAssignments,
  paginateListAccountAssignmentsForPrincipal,
} from '@aws-sdk/client-sso-admin';
import { ExternalError } from '../../core/errors.js';
import type { ProviderConfig } from '../../core/policy/types.js';
import { problem, quote, type Problem } from '../../core/problem.js';
import { identityFor } from '../../core/identity.js';
import type { Access, Provider } from '../../core/provider.js';
import type { ProviderDeps, ProviderFactory } from '../types.js';
import {
  awsError,
  errorName,
  realSleep,
  retryConflicts,
  settle,
  type Patience,
  type Sleep,
} from './operations.js';
import * as schema from './schema.js';
import { IdentityStoreUsers } from './users.js';

export interface AwsIdentityCenterOptions {
  /** Injected for tests (aws-sdk-client-mock); by default built for the settings' region. */
  ssoAdmin?: SSOAdminClient;
  identityStore?: IdentitystoreClient;
  /** How to wait between status checks and conflict retries; tests pass one that returns at once. */
  sleep?: Sleep;
  maxPolls?: number;
  maxConflictRetries?: number;
}

interface Assignment {
  account: string;
  permissionSet: string;
}

const assignmentOf = (target: Record<string, unknown>): Assignment => ({
  account: String(target.account_id),
  permissionSet: String(target.permission_set_arn),
});

/**
 * Access as an IAM Identity Center account assignment: a permission set given to a user in one
 * AWS account. Assignments carry no note of who made them, so grantops treats as its own exactly
 * the users of people with a landed grant of the role (`deps.managed`), never anyone else's.
 */
export class AwsIdentityCenterProvider implements Provider {
  readonly type = 'aws-identity-center';
  readonly nativeExpiry = false;
  readonly name: string;
  private readonly instanceArn: string;
  private readonly patience: Patience;
  private readonly managed: ReadonlySet<string>;
  private readonly users: IdentityStoreUsers;
  /**
   * Assignments this process changed and saw SUCCEEDED. ListAccountAssignments is eventually
   * consistent: for a while after a request succeeds it may still omit (or still show) the
   * assignment, so until the listing agrees, what this process saw succeed wins.
   */
  private readonly settled = new Map<string, 'granted' | 'revoked'>();

  constructor(
    private readonly config: ProviderConfig,
    private readonly deps: ProviderDeps,
    private readonly sso: SSOAdminClient,
    ids: IdentitystoreClient,
    options: AwsIdentityCenterOptions,
    private readonly owned: { destroy(): void }[],
  ) {
    this.name = config.name;
    this.instanceArn = String(config.settings.instance_arn);
    this.users = new IdentityStoreUsers(ids, String(config.settings.identity_store_id));
    this.managed = deps.managed ?? new Set();
    this.patience = {
      sleep: options.sleep ?? realSleep,
      maxPolls: options.maxPolls ?? 20,
      maxConflictRetries: options.maxConflictRetries ?? 5,
    };
  }

  /** One paginated ListAccountAssignments per (account, permission set), then id → user name. */
  async list(): Promise<Access[]> {
    const groups = new Map<
      string,
      { a: Assignment; roles: { role: string; target: Record<string, unknown> }[] }
    >();
    for (const t of this.deps.targets) {
      const a = assignmentOf(t.target);
      const key = `${a.account}|${a.permissionSet}`;
      groups.set(key, { a, roles: [...(groups.get(key)?.roles ?? []), t] });
    }
    const out: Access[] = [];
    for (const { a, roles } of groups.values()) {
      const principals = await this.assignedUsers(a);
      const names = new Map<string, string>();
      for (const id of principals) {
        const name = await this.users.nameOf(id);
        if (name !== null) names.set(name.toLowerCase(), id);
      }
      for (const { role, target } of roles) {
        for (const key of this.managed) {
          if (!key.startsWith(`${role}/`)) continue;
          const login = key.slice(role.length + 1);
          const identity = identityFor(this.config, login);
          if (names.has(identity.toLowerCase())) out.push({ role, login, identity, target });
        }
      }
    }
    return out;
  }

  async grant(access: Access): Promise<void> {
    const a = assignmentOf(access.target);
    const doing = `assigning ${a.permissionSet} in account ${a.account} to ${access.identity}`;
    const userId = await this.users.idOf(access.identity, doing);
    if (userId === null) throw this.unknownUser(access.identity, doing);
    if (await this.isAssigned(a, userId, doing)) return;
    try {
      const created = await retryConflicts(this.patience, doing, () =>
        this.sso.send(new CreateAccountAssignmentCommand(this.request(a, userId))),
      );
      await settle(this.patience, doing, created.AccountAssignmentCreationStatus, async (id) => {
        const r = await this.sso.send(
          new DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn: this.instanceArn,
            AccountAssignmentCreationRequestId: id,
          }),
        );
        return r.AccountAssignmentCreationStatus;
      });
    } catch (e) {
      throw awsError(e, doing);
    }
    this.settled.set(this.key(a, userId), 'granted');
  }

  async revoke(access: Access): Promise<void> {
    // Never touch an assignment grantops did not give: only people with a landed grant.
    if (!this.managed.has(`${access.role}/${access.login.toLowerCase()}`)) return;
    const a = assignmentOf(access.target);
    const doing = `removing ${a.permissionSet} in account ${a.account} from ${access.identity}`;
    const userId = await this.users.idOf(access.identity, doing);
    if (userId === null) return; // a deleted user has no assignments left to remove
    if (!(await this.isAssigned(a, userId, doing))) return;
    try {
      const deleted = await retryConflicts(this.patience, doing, () =>
        this.sso.send(new DeleteAccountAssignmentCommand(this.request(a, userId))),
      );
      await settle(this.patience, doing, deleted.AccountAssignmentDeletionStatus, async (id) => {
        const r = await this.sso.send(
          new DescribeAccountAssignmentDeletionStatusCommand({
            InstanceArn: this.instanceArn,
            AccountAssignmentDeletionRequestId: id,
          }),
        );
        return r.AccountAssignmentDeletionStatus;
      });
    } catch (e) {
      if (errorName(e) !== 'ResourceNotFoundException') throw awsError(e, doing);
    }
    this.settled.set(this.key(a, userId), 'revoked');
  }

  /** Every grantee must exist in the identity store under the name the login template gives. */
  async check(accesses: readonly Access[]): Promise<Problem[]> {
    const problems: Problem[] = [];
    for (const access of accesses) {
      if ((await this.users.idOf(access.identity, `checking ${access.identity}`)) !== null)
        continue;
      problems.push(
        problem(
          this.config.origin.file,
          this.config.origin.at,
          'E_PROVIDER_IDENTITY_MISSING',
          this.unknownUser(
            access.identity,
            `checking the grant of ${access.role} to ${access.login}`,
          ).message,
        ),
      );
    }
    return problems;
  }

  async close(): Promise<void> {
    for (const client of this.owned) client.destroy();
  }

  private request(a: Assignment, userId: string) {
    return {
      InstanceArn: this.instanceArn,
      TargetId: a.account,
      TargetType: 'AWS_ACCOUNT' as const,
      PermissionSetArn: a.permissionSet,
      PrincipalType: 'USER' as const,
      PrincipalId: userId,
    };
  }

  private key(a: Assignment, userId: string): string {
    return `${a.account}|${a.permissionSet}|${userId}`;
  }

  /**
   * User principals assigned the permission set in the account, corrected by what just settled.
   * The SDK's paginators follow NextToken; `stopOnSameToken` ends a listing that hands back the
   * token it was given, which would otherwise be read forever.
   */
  private async assignedUsers(a: Assignment): Promise<Set<string>> {
    const users = new Set<string>();
    const pages = paginateListAccountAssignments(
      { client: this.sso, stopOnSameToken: true },
      { InstanceArn: this.instanceArn, AccountId: a.account, PermissionSetArn: a.permissionSet },
    );
    try {
      for await (const page of pages)
        for (const x of page.AccountAssignments ?? [])
          if (x.PrincipalType === 'USER' && x.PrincipalId) users.add(x.PrincipalId);
    } catch (e) {
      throw awsError(e, `listing the assignments of ${a.permissionSet} in account ${a.account}`);
    }
    for (const [key, state] of this.settled) {
      const [account, permissionSet, userId] = key.split('|') as [string, string, string];
      if (account !== a.account || permissionSet !== a.permissionSet) continue;
      // Once the listing agrees with what settled, the memory is no longer needed.
      if (users.has(userId) === (state === 'granted')) this.settled.delete(key);
      else if (state === 'granted') users.add(userId);
      else users.delete(userId);
    }
    return users;
  }

  /** Whether the user holds the assignment: one filtered listing of the user's assignments. */
  private async isAssigned(a: Assignment, userId: string, doing: string): Promise<boolean> {
    const settled = this.settled.get(this.key(a, userId));
    if (settled) return settled === 'granted';
    const pages = paginateListAccountAssignmentsForPrincipal(
      { client: this.sso, stopOnSameToken: true },
      {
        InstanceArn: this.instanceArn,
        PrincipalId: userId,
        PrincipalType: 'USER',
        Filter: { AccountId: a.account },
      },
    );
    try {
      for await (const page of pages)
        if (page.AccountAssignments?.some((x) => x.PermissionSetArn === a.permissionSet))
          return true;
    } catch (e) {
      throw awsError(e, doing);
    }
    return false;
  }

  private unknownUser(name: string, doing: string): ExternalError {
    return new ExternalError(
      'E_PROVIDER_IDENTITY_MISSING',
      `The identity store ${this.users.storeId} has no user named ${quote(name)} (while ${doing}). Check provider ${quote(this.name)}'s login template or users override for this person, or create the user in IAM Identity Center.`,
    );
  }
}

export function createAwsIdentityCenterProvider(
  config: ProviderConfig,
  deps: ProviderDeps,
  options: AwsIdentityCenterOptions = {},
): AwsIdentityCenterProvider {
  // Credentials come from the SDK's default chain (environment, web identity/OIDC, profile).
  const region = String(config.settings.region);
  const owned: { destroy(): void }[] = [];
  const sso = options.ssoAdmin ?? new SSOAdminClient({ region });
  const ids = options.identityStore ?? new IdentitystoreClient({ region });
  if (!options.ssoAdmin) owned.push(sso);
  if (!options.identityStore) owned.push(ids);
  return new AwsIdentityCenterProvider(config, deps, sso, ids, options, owned);
}

export const awsIdentityCenterProvider: ProviderFactory = {
  type: 'aws-identity-center',
  settings: schema.settings,
  grant: schema.grant,
  create: (config, deps) => createAwsIdentityCenterProvider(config, deps),
};
