import { describe, expect, it } from 'vitest';
import { ExternalError } from '../../src/core/errors.js';
import { MemoryProvider, MemoryTarget } from '../../src/providers/memory/provider.js';
import type { Access } from '../../src/core/provider.js';
import { providerContract } from './contract.js';

const target = { role: 'orders_read' };
const alice: Access = { role: 'orders-db-read', login: 'alice', identity: 'alice', target };
const bob: Access = { role: 'orders-db-read', login: 'bob', identity: 'bob', target };

providerContract('memory', async () => {
  const world = new MemoryTarget();
  return {
    provider: new MemoryProvider({ target: world }),
    access: alice,
    grantByHand: async () => world.giveByHand(target, 'bob'),
    handGrantExists: async () => world.has(target, 'bob'),
    accessInEffect: async () => world.has(target, 'alice'),
  };
});

describe('memory provider', () => {
  it('logs every call, so a test can assert that nothing was asked', async () => {
    const world = new MemoryTarget();
    const p = new MemoryProvider({ name: 'db', target: world });
    expect(world.callsOf()).toEqual([]);
    await p.grant(alice);
    await p.list();
    await p.apply({ grant: [], revoke: [alice] });
    expect(world.callsOf('db').map((c) => [c.method, c.accesses.map((a) => a.login)])).toEqual([
      ['grant', ['alice']],
      ['list', []],
      ['apply', ['alice']],
    ]);
    expect(world.callsOf('other')).toEqual([]);
  });

  it('records a membership given by hand as pre-existing and leaves it on revoke', async () => {
    const world = new MemoryTarget();
    const p = new MemoryProvider({ target: world });
    world.giveByHand(target, 'alice');
    await p.grant(alice);
    expect(await p.list()).toEqual([alice]);
    await p.revoke(alice);
    expect(world.has(target, 'alice')).toBe(true);
    expect(await p.list()).toEqual([]);
  });

  it('lists a membership removed by hand as missing, and grants it again as its own', async () => {
    const world = new MemoryTarget();
    const p = new MemoryProvider({ target: world });
    await p.grant(alice);
    world.removeByHand(target, 'alice');
    expect(await p.list()).toEqual([]);
    await p.grant(alice);
    expect(world.has(target, 'alice')).toBe(true);
    await p.revoke(alice);
    expect(world.has(target, 'alice')).toBe(false);
  });

  it('shares its world between instances, as runs share a database', async () => {
    const world = new MemoryTarget();
    await new MemoryProvider({ name: 'db', target: world }).grant(alice);
    expect(await new MemoryProvider({ name: 'db', target: world }).list()).toEqual([alice]);
    expect(await new MemoryProvider({ name: 'other', target: world }).list()).toEqual([]);
  });

  it('applies a batch and says what happened to each change', async () => {
    const world = new MemoryTarget();
    world.identities = new Set(['alice', 'bob']);
    const p = new MemoryProvider({ target: world });
    await p.grant(bob);
    const ghost: Access = { ...alice, login: 'ghost', identity: 'ghost' };
    const result = await p.apply({
      grant: [alice, bob, ghost],
      revoke: [bob, { ...bob, login: 'nobody' }],
    });
    expect(result.granted).toEqual([alice, bob]);
    expect(result.revoked).toEqual([bob]);
    expect(result.unchanged).toEqual([{ ...bob, login: 'nobody' }]);
    expect(result.failed).toEqual([
      {
        access: ghost,
        error:
          'Identity "ghost" (GitHub login "ghost") does not exist at provider "memory". Create it there, or map the login to an identity that exists.',
      },
    ]);
    await expect(p.grant(ghost)).rejects.toThrow(ExternalError);
    expect(await p.check([alice, ghost])).toEqual([
      {
        path: 'grants/orders-db-read/ghost.yaml',
        line: null,
        code: 'E_PROVIDER_IDENTITY_MISSING',
        message: result.failed[0]!.error,
      },
    ]);
  });

  it('undoes the whole batch when a change fails in the middle', async () => {
    const world = new MemoryTarget();
    const boom = new Error('target went away');
    const p = new MemoryProvider({
      target: world,
      failWith: (m, a) => (m === 'grant' && a?.login === 'bob' ? boom : undefined),
    });
    const carol = { ...alice, login: 'carol', identity: 'carol' };
    await p.grant(carol);
    await expect(p.apply({ grant: [alice, bob], revoke: [carol] })).rejects.toBe(boom);
    expect(world.has(target, 'alice')).toBe(false);
    expect(world.has(target, 'carol')).toBe(true);
    expect(await p.list()).toEqual([carol]);
  });

  it('fails list on demand, for tests of an unreachable provider', async () => {
    const p = new MemoryProvider({
      failWith: (m) => (m === 'list' ? new ExternalError('E_PROVIDER', 'down') : undefined),
    });
    await expect(p.list()).rejects.toThrow('down');
  });
});
