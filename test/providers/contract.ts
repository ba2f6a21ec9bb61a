import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access, Provider } from '../../src/core/provider.js';

/** What a provider's test gives the shared contract suite. */
export interface ContractFixture {
  provider: Provider;
  /** The access the suite grants and revokes. */
  access: Access;
  /**
   * Gives access outside grantops, by hand, at the same target (another identity, or the same
   * kind of access the provider would give): the provider must never list or revoke it.
   */
  grantByHand(): Promise<void>;
  /** Whether the access given by hand is still there. */
  handGrantExists(): Promise<boolean>;
  /** Whether `access` is really in effect at the target, asked of the target itself. */
  accessInEffect(): Promise<boolean>;
  cleanup?(): Promise<void>;
}

const key = (a: Access) => `${a.role}/${a.login}/${a.identity}`;

/**
 * The contract every provider passes: grant → list shows it → grant again is a no-op →
 * revoke → list empty → revoke again is a no-op, and access given by hand is never touched.
 */
export function providerContract(label: string, make: () => Promise<ContractFixture>): void {
  describe(`provider contract: ${label}`, () => {
    let f: ContractFixture;
    beforeAll(async () => {
      f = await make();
      await f.grantByHand();
    });
    afterAll(async () => {
      await f?.cleanup?.();
      await f?.provider.close?.();
    });

    it('starts with nothing managed and the hand-given access not listed', async () => {
      expect((await f.provider.list()).map(key)).toEqual([]);
      expect(await f.handGrantExists()).toBe(true);
    });

    it('grant gives the access and list shows it', async () => {
      await f.provider.grant(f.access);
      expect(await f.accessInEffect()).toBe(true);
      expect((await f.provider.list()).map(key)).toEqual([key(f.access)]);
    });

    it('granting again changes nothing', async () => {
      await f.provider.grant(f.access);
      expect((await f.provider.list()).map(key)).toEqual([key(f.access)]);
      expect(await f.accessInEffect()).toBe(true);
    });

    it('revoke removes the access and list is empty', async () => {
      await f.provider.revoke(f.access);
      expect(await f.accessInEffect()).toBe(false);
      expect(await f.provider.list()).toEqual([]);
    });

    it('revoking again changes nothing', async () => {
      await f.provider.revoke(f.access);
      expect(await f.provider.list()).toEqual([]);
      expect(await f.accessInEffect()).toBe(false);
    });

    it('never touched the access given by hand', async () => {
      expect(await f.handGrantExists()).toBe(true);
    });
  });
}
