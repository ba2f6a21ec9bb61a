import { describe, expect, it } from 'vitest';
import { GrantopsError } from '../../src/core/errors.js';
import { expiryBranch, type DecisionReport, type Forge } from '../../src/core/forge.js';

/**
 * The forge contract: one suite every Forge implementation passes (the local forge now, the
 * GitHub forge over the fake GitHub). A world is a forge plus a way to act as its users, the way
 * the providers' contract suite drives a provider plus its target.
 */
export interface ForgeWorld {
  forge: Forge;
  /** The base branch's name. */
  base: string;
  /** Opens a request as `as` on `branch` with one commit writing `files` (null deletes). */
  openRequest(as: string, branch: string, files: Record<string, string | null>): Promise<string>;
  /** Pushes one more commit, authored and committed by `as`, to a request. Returns the new head. */
  push(id: string, as: string, files: Record<string, string | null>): Promise<string>;
  /** `as` approves the request's current head. */
  approve(id: string, as: string): Promise<void>;
  /** Lands a file on the base directly (as an admin would), returning the commit. */
  land(path: string, text: string): Promise<string>;
  /** The base branch's commit now, and a file's text there (null when absent). */
  baseHead(): Promise<string>;
  baseFile(path: string): Promise<string | null>;
  /** The full message of a commit on the base. */
  message(commit: string): Promise<string>;
  /** The last decision shown on a request. */
  lastReport(id: string): Promise<DecisionReport | null>;
  cleanup(): Promise<void>;
}

export type ForgeWorldFactory = () => Promise<ForgeWorld>;

const GRANT = 'duration: 2h\nreason: INC-1 slow queries on the primary\n';
const PATH = 'grants/db-read/alice.yaml';

export function forgeContract(name: string, makeWorld: ForgeWorldFactory): void {
  const withWorld = (fn: (w: ForgeWorld) => Promise<void>) => async () => {
    const w = await makeWorld();
    try {
      await fn(w);
    } finally {
      await w.cleanup();
    }
  };

  // Real git under every forge: a shared machine needs time for the concurrent cases.
  describe(`forge contract: ${name}`, { timeout: 120_000 }, () => {
    it(
      'lists an open request with its author, base and head, and gives its commits and pushers',
      withWorld(async (w) => {
        const id = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
        const listed = await w.forge.listRequests();
        expect(listed.map((r) => r.id)).toEqual([id]);
        const r = await w.forge.request(id);
        expect(r.author.login).toBe('alice');
        expect(r.base.ref).toBe(w.base);
        expect(r.base.sha).toBe(await w.baseHead());
        expect(r.head.sha).toMatch(/^[0-9a-f]{40}$/);
        expect(r.commits.map((c) => c.sha)).toEqual([r.head.sha]);
        expect(r.commits[0]!.author.login).toBe('alice');
        expect(r.pushers.map((p) => p.login)).toContain('alice');
        expect(listed[0]!.head.sha).toBe(r.head.sha);
      }),
    );

    it(
      'a push by someone else moves the head and makes them a pusher; the author stays',
      withWorld(async (w) => {
        const id = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
        const head = await w.push(id, 'carol', { [PATH]: GRANT.replace('2h', '1h') });
        const r = await w.forge.request(id);
        expect(r.head.sha).toBe(head);
        expect(r.author.login).toBe('alice');
        expect(r.commits).toHaveLength(2);
        expect(r.pushers.map((p) => p.login).sort()).toEqual(['alice', 'carol']);
      }),
    );

    it(
      'an approval carries the commit it was given on, and stays on it after a later push',
      withWorld(async (w) => {
        const id = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
        const first = (await w.forge.request(id)).head.sha;
        await w.approve(id, 'carol');
        let reviews = await w.forge.reviews(await w.forge.request(id));
        expect(reviews).toEqual([
          expect.objectContaining({ reviewer: 'carol', state: 'approved', commit: first }),
        ]);
        const second = await w.push(id, 'alice', { [PATH]: GRANT.replace('2h', '1h') });
        reviews = await w.forge.reviews(await w.forge.request(id));
        expect(second).not.toBe(first);
        expect(reviews.filter((r) => r.reviewer === 'carol').at(-1)!.commit).toBe(first);
      }),
    );

    it(
      'an unknown request is an error with a stable code',
      withWorld(async (w) => {
        const err = await w.forge.request('request/nope/nobody').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(GrantopsError);
        expect((err as GrantopsError).code).toBe('E_REQUEST_NOT_FOUND');
      }),
    );

    it(
      'shows a decision on the request and replaces the last one',
      withWorld(async (w) => {
        const id = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
        const r = await w.forge.request(id);
        const report = (summary: string): DecisionReport => ({
          request: r.id,
          head: r.head.sha,
          conclusion: 'pending',
          summary,
          grants: [],
          approvals: { counted: [], ignored: [], eligible: [] },
          problems: [],
        });
        await w.forge.report(r, report('first'));
        await w.forge.report(r, report('second'));
        expect((await w.lastReport(id))?.summary).toBe('second');
      }),
    );

    it(
      'merges only the judged head: a moved head merges nothing',
      withWorld(async (w) => {
        const id = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
        const judged = await w.forge.request(id);
        await w.push(id, 'alice', { [PATH]: GRANT.replace('2h', '8h') });
        const before = await w.baseHead();
        const outcome = await w.forge.merge(judged, {
          head: judged.head.sha,
          title: 'Grant db-read to alice for 2h',
          message: 'Grant-Action: granted',
        });
        expect(outcome).toMatchObject({ merged: false, reason: 'head-moved' });
        expect(await w.baseHead()).toBe(before);
        expect(await w.baseFile(PATH)).toBeNull();
      }),
    );

    it(
      'squash-merges with the given title and message, closes the request and proves the landing',
      withWorld(async (w) => {
        const id = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
        await w.approve(id, 'carol');
        const r = await w.forge.request(id);
        const before = await w.baseHead();
        const outcome = await w.forge.merge(r, {
          head: r.head.sha,
          title: 'Grant db-read to alice for 2h',
          message: 'Grant-Action: granted\nApproved-by: carol',
        });
        if (!outcome.merged) throw new Error(outcome.message);
        expect(await w.baseHead()).toBe(outcome.commit);
        expect(await w.baseFile(PATH)).toBe(GRANT);
        const message = await w.message(outcome.commit);
        expect(message).toMatch(/^Grant db-read to alice for 2h/);
        expect(message).toContain('Grant-Action: granted\nApproved-by: carol');
        expect((await w.forge.listRequests()).map((x) => x.id)).not.toContain(id);

        const proof = await w.forge.verifyLanding(outcome.commit);
        expect(proof).toMatchObject({ request: r.reference, head: r.head.sha });
        expect(proof!.author.login).toBe('alice');
        expect(proof!.reviews).toEqual([
          expect.objectContaining({ reviewer: 'carol', commit: r.head.sha }),
        ]);
        expect(await w.forge.verifyLanding(before)).toBeNull();
      }),
    );

    it(
      'a commit that did not come through a request has no landing proof',
      withWorld(async (w) => {
        const commit = await w.land(PATH, GRANT);
        expect(await w.forge.verifyLanding(commit)).toBeNull();
      }),
    );

    it(
      'opens one revert per grant under its deterministic branch, merges it once, and lists it',
      withWorld(async (w) => {
        const landing = await w.land(PATH, GRANT);
        const branch = expiryBranch('db-read', 'alice', landing);
        const spec = {
          branch,
          path: PATH,
          base: await w.baseHead(),
          title: 'Expire db-read for alice',
          message: 'Grant-Action: expired\nGrant-Path: grants/db-read/alice.yaml',
        };
        const first = await w.forge.openExpiry(spec);
        const again = await w.forge.openExpiry(spec);
        expect(first.created).toBe(true);
        expect(again).toMatchObject({ created: false, expiry: { id: first.expiry.id } });
        expect((await w.forge.listExpiries()).filter((e) => e.branch === branch)).toEqual([
          expect.objectContaining({ state: 'open' }),
        ]);
        const merged = await w.forge.mergeExpiry(first.expiry, spec);
        if (!merged.merged) throw new Error(merged.message);
        expect(await w.baseFile(PATH)).toBeNull();
        expect(await w.message(merged.commit)).toContain('Grant-Action: expired');
        const head = await w.baseHead();
        expect(await w.forge.mergeExpiry(first.expiry, spec)).toMatchObject({ merged: true });
        expect(await w.baseHead()).toBe(head);
        expect((await w.forge.listExpiries()).filter((e) => e.branch === branch)).toEqual([
          expect.objectContaining({ state: 'merged' }),
        ]);
      }),
    );

    it(
      'concurrent openers and mergers land exactly one revert',
      withWorld(async (w) => {
        const landing = await w.land(PATH, GRANT);
        const before = await w.baseHead();
        const spec = {
          branch: expiryBranch('db-read', 'alice', landing),
          path: PATH,
          base: before,
          title: 'Expire db-read for alice',
          message: 'Grant-Action: expired',
        };
        const results = await Promise.all(
          Array.from({ length: 10 }, async () => {
            const opened = await w.forge.openExpiry(spec);
            return { opened, merged: await w.forge.mergeExpiry(opened.expiry, spec) };
          }),
        );
        expect(results.filter((r) => r.opened.created)).toHaveLength(1);
        expect(results.every((r) => r.merged.merged)).toBe(true);
        const after = await w.baseHead();
        const commits = new Set(results.map((r) => (r.merged.merged ? r.merged.commit : '')));
        expect([...commits]).toEqual([after]);
        expect(await w.baseFile(PATH)).toBeNull();
      }),
    );

    it(
      'a revert opened before the base moved on lands once, on the moved base',
      withWorld(async (w) => {
        const landing = await w.land(PATH, GRANT);
        const spec = {
          branch: expiryBranch('db-read', 'alice', landing),
          path: PATH,
          base: await w.baseHead(),
          title: 'Expire db-read for alice',
          message: 'Grant-Action: expired',
        };
        const { expiry } = await w.forge.openExpiry(spec);
        await w.land('grants/db-read/bob.yaml', GRANT);
        const moved = await w.baseHead();
        const results = await Promise.all(
          Array.from({ length: 5 }, () => w.forge.mergeExpiry(expiry, spec)),
        );
        expect(results.every((r) => r.merged)).toBe(true);
        const after = await w.baseHead();
        expect(new Set(results.map((r) => (r.merged ? r.commit : '')))).toEqual(new Set([after]));
        expect(await w.message(after)).toContain('Grant-Action: expired');
        expect(await w.baseFile(PATH)).toBeNull();
        expect(await w.baseFile('grants/db-read/bob.yaml')).toBe(GRANT);
        expect(after).not.toBe(moved);
      }),
    );

    it(
      'a revert whose grant was renewed meanwhile does not merge, and can be closed',
      withWorld(async (w) => {
        const landing = await w.land(PATH, GRANT);
        const spec = {
          branch: expiryBranch('db-read', 'alice', landing),
          path: PATH,
          base: await w.baseHead(),
          title: 'Expire db-read for alice',
          message: 'Grant-Action: expired',
        };
        const { expiry } = await w.forge.openExpiry(spec);
        await w.land(PATH, GRANT.replace('2h', '4h'));
        const renewed = await w.baseHead();
        expect(await w.forge.mergeExpiry(expiry, spec)).toMatchObject({ merged: false });
        expect(await w.baseHead()).toBe(renewed);
        await w.forge.closeExpiry(expiry, 'renewed');
        const listed = (await w.forge.listExpiries()).filter((e) => e.branch === spec.branch);
        expect(listed.map((e) => e.state)).toEqual(['closed']);
      }),
    );
  });
}
