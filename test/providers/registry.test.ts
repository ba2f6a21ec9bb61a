import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import type { ProviderConfig } from '../../src/core/policy/types.js';
import { MemoryTarget, memoryProviderFactory } from '../../src/providers/memory/provider.js';
import { createProvider, providerFactories } from '../../src/providers/registry.js';
import { providerSchemas } from '../../src/providers/schemas.js';

const config = (type: string, settings: Record<string, unknown> = {}): ProviderConfig => ({
  name: 'p',
  type,
  settings: { type, ...settings },
  origin: { file: 'policies/p.yaml', at: { line: 3, column: 5 } },
});
const deps = { env: {}, targets: [] };

describe('provider registry', () => {
  it('registers every provider type the policy schema accepts, each with the same schemas', () => {
    expect(Object.keys(providerFactories).sort()).toEqual(Object.keys(providerSchemas).sort());
    for (const [type, factory] of Object.entries(providerFactories)) {
      expect(factory.type).toBe(type);
      expect(factory.settings).toBe(providerSchemas[type]!.settings);
      expect(factory.grant).toBe(providerSchemas[type]!.grant);
    }
  });

  it('fails on an unknown type with the known ones, pointing at the policy line', async () => {
    const err = await createProvider(config('ldap'), deps).then(
      () => null,
      (e: ConfigError) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect(err?.message).toBe(
      'Provider "p" has unknown type "ldap". Known types: aws-identity-center, command, github-team, postgres. Set its type to one of them.',
    );
    expect(err?.problems).toEqual([
      {
        path: 'policies/p.yaml',
        line: 3,
        column: 5,
        code: 'E_PROVIDER_TYPE',
        message: err?.message,
      },
    ]);
  });

  it('never takes an inherited property for a provider type', async () => {
    await expect(createProvider(config('toString'), deps)).rejects.toThrow(
      /unknown type "toString"/,
    );
    await expect(createProvider(config('__proto__'), deps)).rejects.toThrow(ConfigError);
  });

  it('builds the provider a policy names', async () => {
    const p = await createProvider(config('command', { command: ['true'] }), deps);
    expect(p.type).toBe('command');
    expect(p.name).toBe('p');
  });

  it('takes other factories through its seam (the memory provider of tests and the demo)', async () => {
    const target = new MemoryTarget();
    const p = await createProvider(config('memory'), deps, {
      memory: memoryProviderFactory(target),
    });
    await p.list();
    expect(target.callsOf('p').map((c) => c.method)).toEqual(['list']);
    await expect(
      createProvider(config('postgres'), deps, { memory: memoryProviderFactory(target) }),
    ).rejects.toThrow(/Known types: memory\./);
  });
});
