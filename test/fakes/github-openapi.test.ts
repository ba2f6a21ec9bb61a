import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/octokit.js';
import { familyRoutes, type FakeGitHub, type RecordedCall } from './github/index.js';
import { repoSession } from './github/session-repo.js';
import { stateOf, teamWorld, TOKEN } from './github/setup.js';

/**
 * The fake GitHub must answer like GitHub: every response it gives during a scripted session
 * (success and error paths alike) is validated against the schemas of GitHub's OpenAPI
 * description, extracted into test/fixtures/github-openapi.json by scripts/github-openapi.mjs.
 */

interface Fixture {
  source: { package: string; version: string };
  endpoints: Record<
    string,
    { responses: Record<string, { schema: object | null; link: boolean }> }
  >;
  $defs: Record<string, object>;
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/github-openapi.json', import.meta.url), 'utf8'),
) as Fixture;
const REGENERATE =
  'run `node scripts/github-openapi.mjs` and commit test/fixtures/github-openapi.json';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// GitHub's description puts `properties` beside no `type` in places (rule info mixed in with
// allOf): valid JSON Schema that ajv's strict mode would only warn about.
const ajv = addFormats(new Ajv({ allErrors: true, strictTypes: false }));
const compiled = new Map<string, ValidateFunction>();

function validator(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile({ ...schema, $defs: fixture.$defs });
    compiled.set(key, v);
  }
  return v;
}

const BASIC_ERROR = { $ref: '#/$defs/basic-error' };

/** What is wrong with one recorded response, judged by GitHub's description of the endpoint. */
function problemsOf(call: RecordedCall): string[] {
  const where = `${call.operation} → ${call.status}`;
  const endpoint = call.operation ? fixture.endpoints[call.operation] : undefined;
  if (!endpoint) return [`${call.method} ${call.path}: not in the fixture; ${REGENERATE}`];
  const documented = endpoint.responses[String(call.status)];
  const success = call.status < 300;
  if (success && !documented) return [`${where}: GitHub documents no such success status`];
  if (success && call.responseHeaders.link && !documented?.link)
    return [`${where}: GitHub sends no Link header here`];
  // Error statuses GitHub does not list per endpoint (401, rate limits, an undocumented 404)
  // still carry its generic error body.
  const schema = documented ? documented.schema : BASIC_ERROR;
  if (schema === null) {
    return success && call.responseBody !== undefined
      ? [`${where}: GitHub sends no body here`]
      : [];
  }
  const validate = validator(schema);
  if (validate(call.responseBody)) return [];
  return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message}`);
}

/** Drives the team and organization endpoints through the real Octokit, in success and error paths. */
async function teamSession(): Promise<FakeGitHub> {
  const w = await teamWorld({ managed: ['alice', 'carol', 'dave'] });
  const { gh, provider } = w;
  gh.store.addOrgMember('acme', 'alice');
  gh.store.addUser('carol');
  gh.store.addUser('dave');
  for (let i = 0; i < 120; i++) gh.store.addTeamMember('acme', 'prod-admins', `member${i}`);
  gh.store.addTeam('acme', 'sre-oncall', { idpSynced: true });
  const docs = gh.store.addTeam('acme', 'docs');
  gh.store.invite('acme', 'dave', gh.store.addUser('owner'), [{ team: docs, role: 'member' }]);

  await provider.check(); // team 200
  await provider.grant(w.access('alice')); // membership 404, PUT active
  await provider.grant(w.access('carol')); // PUT pending (invitation)
  await provider.grant(w.access('dave')); // PUT pending on a shared invitation
  await provider.list(); // members (paginated, Link), invitations
  await provider.grant(w.access('alice', { team: 'prod-admins', role: 'maintainer' })); // GET active
  await provider.revoke(w.access('alice')); // DELETE active
  await provider.revoke(w.access('carol')); // GET pending, invitations, cancel invitation
  await provider.revoke(w.access('dave')); // DELETE pending membership
  await provider.grant(w.access('alice', { team: 'sre-oncall' })).catch(() => {}); // PUT 403
  await provider.grant(w.access('ghost')).catch(() => {}); // PUT 404, team 200
  await provider.grant(w.access('acme')).catch(() => {}); // PUT 422 (an organization)
  await provider.grant(w.access('x', { team: 'nope' })).catch(() => {}); // team 404

  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const octokit = createGitHubClient({ token: TOKEN, fetch: gh.fetch, noWait: true, log: quiet });
  const missing = { org: 'acme', team_slug: 'nope' };
  const org = { org: 'acme', team_slug: 'prod-admins' };
  const attempts = [
    () =>
      octokit.rest.teams.addOrUpdateMembershipForUserInOrg({
        ...org,
        username: 'alice',
        role: 'owner' as 'member',
      }),
    () => octokit.rest.teams.removeMembershipForUserInOrg({ ...org, username: 'nobody' }),
    () =>
      octokit.rest.teams.removeMembershipForUserInOrg({
        org: 'acme',
        team_slug: 'sre-oncall',
        username: 'x',
      }),
    () => octokit.rest.orgs.cancelInvitation({ org: 'acme', invitation_id: 999999 }),
    () => octokit.rest.teams.listMembersInOrg({ ...org, per_page: 100, page: 9 }),
    () => octokit.rest.teams.listMembersInOrg(missing),
    () => octokit.rest.teams.listPendingInvitationsInOrg(missing),
    () =>
      createGitHubClient({ token: 'ghs_wrong', fetch: gh.fetch, log: quiet }).rest.teams.getByName(
        org,
      ),
  ];
  for (const attempt of attempts) await attempt().catch(() => {});
  gh.fail({ kind: 'secondary', status: 429, times: 3 });
  gh.fail({ kind: 'primary', status: 403, times: 3 });
  await octokit.rest.teams.getByName(org).catch(() => {});
  await octokit.rest.teams.getByName(org).catch(() => {});
  expect(stateOf(gh, 'alice')).toBeNull();
  return gh;
}

describe('the fake GitHub against GitHub’s OpenAPI description', () => {
  const gh = { calls: [] as RecordedCall[] };
  beforeAll(async () => {
    const teams = await teamSession();
    const repos = await repoSession();
    gh.calls.push(...teams.calls, ...repos.gh.calls);
    repos.cleanup();
  }, 120_000);

  it(`covers exactly the endpoints the fake serves (${fixture.source.package}@${fixture.source.version})`, () => {
    const served = [...new Set(familyRoutes.map((r) => r.operation))].sort();
    expect(Object.keys(fixture.endpoints).sort(), REGENERATE).toEqual(served);
  });

  it('exercised every endpoint with a success and with an error', () => {
    const missing = familyRoutes.flatMap((r) =>
      [
        gh.calls.some((c) => c.operation === r.operation && c.status < 300)
          ? null
          : `${r.operation} success`,
        gh.calls.some((c) => c.operation === r.operation && c.status >= 400)
          ? null
          : `${r.operation} error`,
      ].filter((x) => x !== null),
    );
    expect(missing).toEqual([]);
  });

  it('gave only responses GitHub documents, in GitHub’s shapes', () => {
    expect(gh.calls.length).toBeGreaterThan(120);
    expect(gh.calls.flatMap(problemsOf)).toEqual([]);
  });

  it('rejects shapes GitHub would not send (the check can fail)', () => {
    const call = (
      operation: string,
      status: number,
      responseBody: unknown,
      link?: string,
    ): RecordedCall => ({
      method: operation.split(' ')[0] as string,
      path: '/x',
      query: '',
      operation,
      status,
      requestBody: undefined,
      responseBody,
      responseHeaders: link ? { link } : {},
    });
    const membership = 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}';
    expect(problemsOf(call(membership, 200, { url: 'https://x.test/m', role: 'member' }))).toEqual([
      `${membership} → 200: (body) must have required property 'state'`,
    ]);
    expect(
      problemsOf(
        call(membership, 200, { url: 'https://x.test/m', role: 'owner', state: 'active' }),
      ),
    ).toHaveLength(1);
    expect(problemsOf(call(membership, 201, {}))).toHaveLength(1);
    expect(
      problemsOf(
        call(membership, 200, { url: 'u', role: 'member', state: 'active' }, '<x>; rel="next"'),
      ),
    ).toHaveLength(1);
    expect(
      problemsOf(call('GET /orgs/{org}/teams/{team_slug}/members', 200, [{ login: 1 }])).length,
    ).toBeGreaterThan(1);
    expect(
      problemsOf(call('DELETE /orgs/{org}/invitations/{invitation_id}', 204, { gone: true })),
    ).toHaveLength(1);
    expect(problemsOf(call('GET /nowhere', 200, {}))[0]).toContain('not in the fixture');
  });
});
