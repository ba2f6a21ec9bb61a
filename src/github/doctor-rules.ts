import type { DoctorCheck, DoctorInput } from './doctor-checks.js';
import type { Rule } from './settings.js';

/**
 * Doctor's checks of the rules GitHub enforces on the default branch (the union of every
 * ruleset in force) and of who may bypass them.
 */

const RULESET_FIX = (branch: string) =>
  `Settings → Rules → Rulesets: edit the ruleset targeting ${branch} (or create one with "Default branch" as its target)`;

function prParam(rules: Rule[], name: string): boolean {
  return rules.some((r) => r.type === 'pull_request' && r.parameters[name] === true);
}

export function rulesChecks(input: DoctorInput): DoctorCheck[] {
  const { settings: s } = input;
  const b = s.defaultBranch;
  const has = (type: string) => s.rules.some((r) => r.type === type);
  const fix = RULESET_FIX(b);
  const rule = (
    id: string,
    holds: boolean,
    found: [string, string],
    why: string,
    how: string,
  ): DoctorCheck => ({
    id,
    status: holds ? 'ok' : 'fail',
    required: true,
    detail: holds ? found[0] : found[1],
    why,
    fix: `${fix}: ${how}.`,
  });
  const checks = [
    rule(
      'rules.pull_request',
      has('pull_request'),
      [
        `${b} accepts changes only through pull requests.`,
        `Nothing requires a pull request to change ${b}.`,
      ],
      'Every grant must arrive as a reviewed pull request; a direct push would grant nothing and raise an alarm.',
      'enable "Require a pull request before merging"',
    ),
    rule(
      'rules.code_owner_review',
      prParam(s.rules, 'require_code_owner_review'),
      ['Code-owner review is required.', 'Code-owner review is not required.'],
      'CODEOWNERS routes each role to its approvers and policy changes to the admins; without it any reviewer would do for GitHub.',
      'enable "Require review from Code Owners"',
    ),
    rule(
      'rules.dismiss_stale',
      prParam(s.rules, 'dismiss_stale_reviews_on_push'),
      ['Stale approvals are dismissed on push.', 'Approvals survive new pushes.'],
      'An approval must be of what merges. grantops checks the commit of each review itself, and GitHub dismissing them keeps its own rules honest too.',
      'enable "Dismiss stale pull request approvals when new commits are pushed"',
    ),
    rule(
      'rules.last_push_approval',
      prParam(s.rules, 'require_last_push_approval'),
      ['The last push must be approved by someone else.', 'Whoever pushed last can approve.'],
      'Someone who pushed to a request must not approve it (I2).',
      'enable "Require approval of the most recent reviewable push"',
    ),
    rule(
      'rules.no_force_push',
      has('non_fast_forward'),
      [`Force pushes to ${b} are blocked.`, `${b} can be force-pushed.`],
      'Git history is the audit log: a rewritten main would erase it (I6).',
      'enable "Block force pushes"',
    ),
    rule(
      'rules.no_deletion',
      has('deletion'),
      [`${b} cannot be deleted.`, `${b} can be deleted.`],
      'Deleting main deletes the record of every grant.',
      'enable "Restrict deletions"',
    ),
    rule(
      'merge.no_merge_queue',
      !has('merge_queue'),
      ['No merge queue.', `A merge queue is required on ${b}.`],
      'A merge queue writes its own merge commits: grantops could not put the audit trailers in them.',
      'disable "Require merge queue"',
    ),
  ];
  const required = s.rules
    .filter((r) => r.type === 'required_status_checks')
    .flatMap(
      (r) =>
        (r.parameters.required_status_checks ?? []) as {
          context: string;
          integration_id?: number;
        }[],
    )
    .filter((c) => c.context === input.checkName);
  const pinned = required.filter((c) => c.integration_id !== undefined);
  const ours = input.appId !== null && pinned.some((c) => c.integration_id === input.appId);
  checks.push({
    id: 'rules.required_check',
    status: ours
      ? 'ok'
      : !required.length
        ? 'fail'
        : !pinned.length
          ? 'fail'
          : input.appId === null
            ? 'unknown'
            : 'fail',
    required: true,
    detail: !required.length
      ? `${input.checkName} is not a required check.`
      : !pinned.length
        ? `${input.checkName} is required from any source.`
        : input.appId === null
          ? `${input.checkName} is required from app ${pinned.map((c) => c.integration_id).join(', ')}; pass --app-id to confirm that is grantops' App.`
          : ours
            ? `${input.checkName} is required from the grantops App (${input.appId}).`
            : `${input.checkName} is required from app ${pinned.map((c) => c.integration_id).join(', ')}, not the grantops App (${input.appId}).`,
    why: 'The check is the decision of grantops. Pinned to the App, a pull request that edits its own workflow cannot post a passing one.',
    fix: `${fix}: under "Require status checks to pass", add ${input.checkName} and choose the grantops App as its source.`,
  });
  return checks;
}

export function bypassCheck(input: DoctorInput): DoctorCheck {
  const active = input.settings.rulesets.filter((r) => r.enforcement === 'active');
  const fix = `${RULESET_FIX(input.settings.defaultBranch)}: under "Bypass list", keep only the grantops App, set to "For pull requests only".`;
  const why =
    'Whoever bypasses the ruleset can merge without review. The App needs to, in pull request mode only, to land the reverts that record expiry without waiting for a person.';
  if (active.some((r) => r.bypassActors === null)) {
    return {
      id: 'rules.bypass',
      status: 'unknown',
      required: true,
      detail: 'GitHub shows the bypass list of a ruleset to administrators only.',
      why,
      fix: `Run doctor with a repository administrator's token. ${fix}`,
    };
  }
  const actors = active.flatMap((r) => r.bypassActors ?? []);
  const isApp = (a: { actorType: string; actorId: number | null }) =>
    a.actorType === 'Integration' && (input.appId === null || a.actorId === input.appId);
  const others = actors.filter((a) => !isApp(a));
  const app = actors.filter(isApp);
  if (others.length) {
    const who = others
      .map((a) => `${a.actorType}${a.actorId !== null ? ` ${a.actorId}` : ''} (${a.mode})`)
      .join(', ');
    return {
      id: 'rules.bypass',
      status: 'fail',
      required: true,
      detail: `Others may bypass the ruleset: ${who}.`,
      why,
      fix,
    };
  }
  if (app.some((a) => a.mode !== 'pull_request')) {
    return {
      id: 'rules.bypass',
      status: 'fail',
      required: true,
      detail: 'The App may bypass the ruleset always, pushes included.',
      why,
      fix,
    };
  }
  if (!app.length) {
    return {
      id: 'rules.bypass',
      status: 'warn',
      required: false,
      detail:
        'Nobody bypasses the ruleset: each expiry revert waits for one approval (revocation itself never waits).',
      why,
      fix,
    };
  }
  return {
    id: 'rules.bypass',
    status: input.appId === null ? 'unknown' : 'ok',
    required: true,
    detail:
      input.appId === null
        ? 'An App bypasses in pull request mode; pass --app-id to confirm it is the grantops App.'
        : 'Only the grantops App bypasses, in pull request mode.',
    why,
    fix,
  };
}
