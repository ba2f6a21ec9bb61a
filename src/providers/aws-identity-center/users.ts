import {
  DescribeUserCommand,
  GetUserIdCommand,
  type IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import { awsError, errorName } from './operations.js';

/**
 * The identity store's users, looked up both ways and remembered for the provider's lifetime:
 * user name → user id (GetUserId on the unique `userName` attribute) for grant and revoke, and
 * user id → user name (DescribeUser) to read a listing of assignments, which names principals
 * by id only. null means "no such user".
 */
export class IdentityStoreUsers {
  private readonly ids = new Map<string, string | null>();
  private readonly names = new Map<string, string | null>();

  constructor(
    private readonly client: IdentitystoreClient,
    readonly storeId: string,
  ) {}

  async idOf(name: string, doing: string): Promise<string | null> {
    const cached = this.ids.get(name);
    if (cached !== undefined) return cached;
    let id: string | null = null;
    try {
      const r = await this.client.send(
        new GetUserIdCommand({
          IdentityStoreId: this.storeId,
          AlternateIdentifier: {
            UniqueAttribute: { AttributePath: 'userName', AttributeValue: name },
          },
        }),
      );
      id = r.UserId ?? null;
    } catch (e) {
      if (errorName(e) !== 'ResourceNotFoundException') throw awsError(e, doing);
    }
    this.ids.set(name, id);
    return id;
  }

  async nameOf(id: string): Promise<string | null> {
    const cached = this.names.get(id);
    if (cached !== undefined) return cached;
    let name: string | null = null;
    try {
      const r = await this.client.send(
        new DescribeUserCommand({ IdentityStoreId: this.storeId, UserId: id }),
      );
      name = r.UserName ?? null;
    } catch (e) {
      // A principal whose user was deleted: its assignments are inert and belong to nobody.
      if (errorName(e) !== 'ResourceNotFoundException') throw awsError(e, `reading user ${id}`);
    }
    this.names.set(id, name);
    return name;
  }
}
