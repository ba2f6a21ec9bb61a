import {
  DescribeUserCommand,
  GetUserIdCommand,
  IdentitystoreClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-identitystore';
import {
  ConflictException,
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  SSOAdminClient,
  type AccountAssignmentOperationStatus,
} from '@aws-sdk/client-sso-admin';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { ExternalError } from '../../src/core/errors.js';
import type { ProviderConfig } from '../../src/core/policy/types.js';
import {
  awsIdentityCenterProvider,
  createAwsIdentityCenterProvider,
} from '../../src/providers/aws-identity-center/provider.js';
import { providerContract } from './contract.js';

/**
 * No AWS account is reachable here: the provider drives the real SDK clients whose `send` is
 * replaced by aws-sdk-client-mock with the stateful handlers below, an in-memory Identity Center
 * that behaves like the service (asynchronous requests, ConflictException, lagging listings).
 */

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const STORE = 'd-9067a1b2c3';
const ACCOUNT = '111122223333';
const PS = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-0a1b2c3d4e5f6a7b';
const ROLE = 'aws-prod-readonly';
const TARGET = { account_id: ACCOUNT, permission_set_arn: PS };

interface Pending {
  status: AccountAssignmentOperationStatus;
  /** Status checks left before it ends. */
  polls: number;
  failure?: string;
  apply: () => void;
}

class FakeIdentityCenter {
  readonly users = new Map<string, string>(); // id → user name
  readonly assignments = new Set<string>(); // account|ps|userId
  /**
   * Eventual consistency: for this many listings after a request succeeds, listings still show
   * the assignment as it was (a new one missing, a deleted one present).
   */
  listLag = 0;
  private readonly stale = new Map<string, { left: number; shown: boolean }>();
  private requests = new Map<string, Pending>();
  private principalListing: string[][] = [];
  /** A listing that answers every page with this same NextToken (a misbehaving service). */
  stuckToken: string | undefined;
  conflicts = 0;
  pollsPerRequest = 2;
  failNext: string | undefined;
  readonly calls: string[] = [];
  readonly sso = new SSOAdminClient({ region: 'eu-west-1' });
  readonly ids = new IdentitystoreClient({ region: 'eu-west-1' });
  private n = 0;

  constructor() {
    const sso = mockClient(this.sso);
    const ids = mockClient(this.ids);
    const log = (name: string) => this.calls.push(name);
    sso.on(CreateAccountAssignmentCommand).callsFake((i) => {
      log('Create');
      return {
        AccountAssignmentCreationStatus: this.start(i, () => this.change(this.key(i), true)),
      };
    });
    sso.on(DeleteAccountAssignmentCommand).callsFake((i) => {
      log('Delete');
      return {
        AccountAssignmentDeletionStatus: this.start(i, () => this.change(this.key(i), false)),
      };
    });
    sso.on(DescribeAccountAssignmentCreationStatusCommand).callsFake((i) => {
      log('DescribeCreation');
      return { AccountAssignmentCreationStatus: this.poll(i.AccountAssignmentCreationRequestId) };
    });
    sso.on(DescribeAccountAssignmentDeletionStatusCommand).callsFake((i) => {
      log('DescribeDeletion');
      return { AccountAssignmentDeletionStatus: this.poll(i.AccountAssignmentDeletionRequestId) };
    });
    sso.on(ListAccountAssignmentsCommand).callsFake((i) => {
      log('List');
      const all = this.visible()
        .filter(([account, ps]) => account === i.AccountId && ps === i.PermissionSetArn)
        .map(([account, ps, id]) => ({
          AccountId: account,
          PermissionSetArn: ps,
          PrincipalType: 'USER',
          PrincipalId: id,
        }));
      // Pages of two, so the provider must follow NextToken.
      const start = Number(i.NextToken ?? 0);
      const next = this.stuckToken ?? (start + 2 < all.length ? String(start + 2) : undefined);
      return {
        AccountAssignments: all.slice(start, start + 2),
        ...(next ? { NextToken: next } : {}),
      };
    });
    sso.on(ListAccountAssignmentsForPrincipalCommand).callsFake((i) => {
      log('ListForPrincipal');
      // Pages of one, read from one snapshot per listing (so a lagging listing lags as a whole).
      const start = Number(i.NextToken ?? 0);
      if (start === 0)
        this.principalListing = this.visible().filter(
          ([account, , id]) => id === i.PrincipalId && account === i.Filter?.AccountId,
        );
      const mine = this.principalListing;
      return {
        AccountAssignments: mine.slice(start, start + 1).map(([a, ps, id]) => ({
          AccountId: a,
          PermissionSetArn: ps,
          PrincipalId: id,
          PrincipalType: 'USER',
        })),
        ...(start + 1 < mine.length ? { NextToken: String(start + 1) } : {}),
      };
    });
    ids.on(GetUserIdCommand).callsFake((i) => {
      log('GetUserId');
      const name = i.AlternateIdentifier?.UniqueAttribute?.AttributeValue;
      const found = [...this.users].find(([, n]) => n === name);
      if (!found) throw new ResourceNotFoundException({ message: 'USER not found', $metadata: {} });
      return { IdentityStoreId: STORE, UserId: found[0] };
    });
    ids.on(DescribeUserCommand).callsFake((i) => {
      log('DescribeUser');
      const name = this.users.get(i.UserId ?? '');
      if (!name) throw new ResourceNotFoundException({ message: 'USER not found', $metadata: {} });
      return { IdentityStoreId: STORE, UserId: i.UserId, UserName: name };
    });
  }

  addUser(name: string): string {
    const id = `90676${String(++this.n).padStart(5, '0')}-aaaa-bbbb-cccc-000000000000`;
    this.users.set(id, name);
    return id;
  }

  assigned(name: string): boolean {
    const id = [...this.users].find(([, n]) => n === name)?.[0];
    return id !== undefined && this.assignments.has(`${ACCOUNT}|${PS}|${id}`);
  }

  private key(i: { TargetId?: string; PermissionSetArn?: string; PrincipalId?: string }): string {
    return `${i.TargetId}|${i.PermissionSetArn}|${i.PrincipalId}`;
  }

  private change(key: string, exists: boolean): void {
    const was = this.assignments.has(key);
    if (exists) this.assignments.add(key);
    else this.assignments.delete(key);
    if (this.listLag > 0 && was !== exists) this.stale.set(key, { left: this.listLag, shown: was });
  }

  /** What a listing shows now: the truth, except for changes still propagating. */
  private visible(): string[][] {
    const shown = new Set(this.assignments);
    for (const [key, s] of this.stale) {
      if (s.shown) shown.add(key);
      else shown.delete(key);
      if (--s.left <= 0) this.stale.delete(key);
    }
    return [...shown].map((k) => k.split('|'));
  }

  private start(i: { InstanceArn?: string }, apply: () => void): AccountAssignmentOperationStatus {
    if (i.InstanceArn !== INSTANCE) throw new Error(`unexpected instance ${i.InstanceArn}`);
    if (this.conflicts > 0) {
      this.conflicts--;
      throw new ConflictException({ message: 'Another operation is in progress', $metadata: {} });
    }
    const status = { Status: 'IN_PROGRESS' as const, RequestId: `req-${++this.n}` };
    const failure = this.failNext;
    this.failNext = undefined;
    this.requests.set(status.RequestId, {
      status,
      polls: this.pollsPerRequest,
      apply,
      ...(failure ? { failure } : {}),
    });
    return status;
  }

  private poll(id: string | undefined): AccountAssignmentOperationStatus {
    const r = this.requests.get(id ?? '');
    if (!r) throw new Error(`unknown request ${id}`);
    if (r.status.Status === 'IN_PROGRESS' && --r.polls <= 0) {
      if (r.failure) r.status = { ...r.status, Status: 'FAILED', FailureReason: r.failure };
      else {
        r.apply();
        r.status = { ...r.status, Status: 'SUCCEEDED' };
      }
    }
    return r.status;
  }
}

const config: ProviderConfig = {
  name: 'aws',
  type: 'aws-identity-center',
  settings: {
    type: 'aws-identity-center',
    instance_arn: INSTANCE,
    identity_store_id: STORE,
    region: 'eu-west-1',
    login: '{login}@acme.example',
  },
  origin: { file: 'policies/aws.yaml', at: { line: 3, column: 3 } },
};

function world(managed: string[] = ['alice']) {
  const aws = new FakeIdentityCenter();
  const sleeps: number[] = [];
  const provider = createAwsIdentityCenterProvider(
    config,
    {
      env: {},
      targets: [{ role: ROLE, target: TARGET }],
      managed: new Set(managed.map((l) => `${ROLE}/${l}`)),
    },
    { ssoAdmin: aws.sso, identityStore: aws.ids, sleep: async (ms) => void sleeps.push(ms) },
  );
  const access = (login: string) => ({
    role: ROLE,
    login,
    identity: `${login}@acme.example`,
    target: TARGET,
  });
  return { aws, provider, sleeps, access };
}

providerContract('aws-identity-center (aws-sdk-client-mock)', async () => {
  const w = world();
  w.aws.addUser('alice@acme.example');
  const bob = w.aws.addUser('bob@acme.example');
  return {
    provider: w.provider,
    access: w.access('alice'),
    grantByHand: async () => void w.aws.assignments.add(`${ACCOUNT}|${PS}|${bob}`),
    handGrantExists: async () => w.aws.assigned('bob@acme.example'),
    accessInEffect: async () => w.aws.assigned('alice@acme.example'),
  };
});

describe('aws-identity-center', () => {
  it('polls an assignment request from IN_PROGRESS to SUCCEEDED, backing off without real sleeps', async () => {
    const w = world();
    w.aws.addUser('alice@acme.example');
    w.aws.pollsPerRequest = 3;
    await w.provider.grant(w.access('alice'));
    expect(w.aws.assigned('alice@acme.example')).toBe(true);
    expect(w.aws.calls).toEqual([
      'GetUserId',
      'ListForPrincipal',
      'Create',
      'DescribeCreation',
      'DescribeCreation',
      'DescribeCreation',
    ]);
    expect(w.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('gives up on a request that stays IN_PROGRESS after the allowed checks', async () => {
    const w = world();
    w.aws.addUser('alice@acme.example');
    w.aws.pollsPerRequest = 1000;
    await expect(w.provider.grant(w.access('alice'))).rejects.toMatchObject({
      code: 'E_AWS_ASSIGNMENT_PENDING',
    });
    expect(w.aws.calls.filter((c) => c === 'DescribeCreation')).toHaveLength(20);
  });

  it('a FAILED request surfaces AWS’s failure reason', async () => {
    const w = world();
    w.aws.addUser('alice@acme.example');
    w.aws.failNext = 'Received a 404 status error: Not supported account';
    const err = (await w.provider
      .grant(w.access('alice'))
      .catch((e: unknown) => e)) as ExternalError;
    expect(err).toBeInstanceOf(ExternalError);
    expect(err.code).toBe('E_AWS_ASSIGNMENT_FAILED');
    expect(err.message).toContain('Not supported account');
    expect(w.aws.assigned('alice@acme.example')).toBe(false);
  });

  it('retries a write refused with ConflictException, and stops after a bounded number', async () => {
    const w = world();
    w.aws.addUser('alice@acme.example');
    w.aws.conflicts = 2;
    await w.provider.grant(w.access('alice'));
    expect(w.aws.assigned('alice@acme.example')).toBe(true);
    expect(w.aws.calls.filter((c) => c === 'Create')).toHaveLength(3);

    w.aws.conflicts = 100;
    await expect(w.provider.revoke(w.access('alice'))).rejects.toMatchObject({
      code: 'E_AWS_CONFLICT',
    });
    expect(w.aws.calls.filter((c) => c === 'Delete')).toHaveLength(6);
    expect(w.aws.assigned('alice@acme.example')).toBe(true);
  });

  it('an unknown user is a clear error, and nothing is written', async () => {
    const w = world(['zoe']);
    const err = (await w.provider.grant(w.access('zoe')).catch((e: unknown) => e)) as ExternalError;
    expect(err.code).toBe('E_PROVIDER_IDENTITY_MISSING');
    expect(err.message).toContain('"zoe@acme.example"');
    expect(err.message).toContain(STORE);
    expect(w.aws.calls).toEqual(['GetUserId']);
    expect(await w.provider.check([w.access('zoe')])).toEqual([
      expect.objectContaining({
        path: 'policies/aws.yaml',
        line: 3,
        code: 'E_PROVIDER_IDENTITY_MISSING',
      }),
    ]);
  });

  it('lists a just-created assignment the listing does not show yet, and forgets a just-deleted one', async () => {
    const w = world();
    w.aws.addUser('alice@acme.example');
    w.aws.listLag = 2;
    await w.provider.grant(w.access('alice'));
    expect(await w.provider.list()).toEqual([w.access('alice')]);
    w.aws.calls.length = 0;
    await w.provider.grant(w.access('alice'));
    expect(w.aws.calls).toEqual([]); // what just settled is trusted: no second Create
    await w.provider.revoke(w.access('alice'));
    expect(w.aws.assigned('alice@acme.example')).toBe(false);
    expect(await w.provider.list()).toEqual([]);
    // Once the listings agree, they are the truth again: a later change by hand shows.
    await w.provider.list();
    await w.provider.list();
    w.aws.assignments.add(`${ACCOUNT}|${PS}|${[...w.aws.users.keys()][0]}`);
    expect(await w.provider.list()).toEqual([w.access('alice')]);
  });

  it('lists only managed users, across pages, with one listing per permission set', async () => {
    const w = world(['alice', 'carol', 'erin']);
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      w.aws.assignments.add(`${ACCOUNT}|${PS}|${w.aws.addUser(`${name}@acme.example`)}`);
    }
    const listed = await w.provider.list();
    expect(listed.map((a) => a.login).sort()).toEqual(['alice', 'carol', 'erin']);
    expect(w.aws.calls.filter((c) => c === 'List')).toHaveLength(3);
    await w.provider.revoke(w.access('bob'));
    expect(w.aws.assigned('bob@acme.example')).toBe(true);
  });

  it('reads every page of a user’s assignments before granting or revoking', async () => {
    const w = world();
    const alice = w.aws.addUser('alice@acme.example');
    for (const other of ['ps-1', 'ps-2', 'ps-3'])
      w.aws.assignments.add(`${ACCOUNT}|${PS.replace(/ps-\w+$/, other)}|${alice}`);
    w.aws.assignments.add(`${ACCOUNT}|${PS}|${alice}`);
    await w.provider.grant(w.access('alice'));
    // The assignment is on the fourth page: found there, so nothing is created twice.
    expect(w.aws.calls).toEqual(['GetUserId', ...Array(4).fill('ListForPrincipal')]);
    w.aws.calls.length = 0;
    await w.provider.revoke(w.access('alice'));
    expect(w.aws.calls.filter((c) => c === 'ListForPrincipal')).toHaveLength(4);
    expect(w.aws.calls).toContain('Delete');
    expect(w.aws.assigned('alice@acme.example')).toBe(false);
    expect(w.aws.assignments.size).toBe(3);
  });

  it('ends a listing that hands back the token it was given, instead of reading it forever', async () => {
    const w = world();
    w.aws.assignments.add(`${ACCOUNT}|${PS}|${w.aws.addUser('alice@acme.example')}`);
    w.aws.stuckToken = 'again';
    expect(await w.provider.list()).toEqual([w.access('alice')]);
    expect(w.aws.calls.filter((c) => c === 'List')).toHaveLength(2);
  });

  it('the factory builds the SDK clients for the settings’ region', async () => {
    const mock = mockClient(SSOAdminClient); // every instance, including the factory's own
    try {
      mock.on(ListAccountAssignmentsCommand).resolves({ AccountAssignments: [] });
      const p = await awsIdentityCenterProvider.create(config, {
        env: {},
        targets: [{ role: ROLE, target: TARGET }],
      });
      expect(p.type).toBe('aws-identity-center');
      expect(p.nativeExpiry).toBe(false);
      expect(await p.list()).toEqual([]);
      const client = mock.call(0).thisValue as SSOAdminClient;
      expect(await client.config.region()).toBe('eu-west-1');
      expect(mock.call(0).args[0].input).toMatchObject({
        InstanceArn: INSTANCE,
        AccountId: ACCOUNT,
        PermissionSetArn: PS,
      });
      await p.close?.();
    } finally {
      mock.restore();
    }
  });
});
