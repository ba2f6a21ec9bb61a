import { bypassCheck, rulesChecks } from './doctor-rules.js';
import { mainOnly } from './forge-settings.js';
import type { RepositorySettings } from './settings.js';

/**
 * What `grantops doctor` checks (DESIGN §4), as named rules over the settings GitHub returned:
 * each says whether it holds, why it matters and how to fix it. Pure, so every item is tested
 * without a network. A check GitHub did not let grantops read is `unknown`, never a guess.
 */

export type CheckStatus = 'ok' | 'fail' | 'warn' | 'unknown';

export interface DoctorCheck {
  id: string;
  status: CheckStatus;
  /** A failed required check is exit 1; a warning never fails doctor. */
  required: boolean;
  /** What was found, in one sentence. */
  detail: string;
  why: string;
  fix: string;
}

export interface DoctorInput {
  settings: RepositorySettings;
  /** The grantops App's id (its integration id), when known. */
  appId: number | null;
  /** The secrets the environment must hold: the App's key and those the policies name. */
  secrets: string[];
  /** CODEOWNERS against the policies, from the local checkout; null when it could not be read. */
  codeownersInSync: boolean | null;
  checkName: string;
}

function flag(
  id: string,
  value: boolean | null,
  good: boolean,
  text: [string, string],
  why: string,
  fix: string,
): DoctorCheck {
  if (value === null)
    return {
      id,
      status: 'unknown',
      required: true,
      detail: 'GitHub shows this setting to administrators only.',
      why,
      fix: `Run doctor with a repository administrator's token. ${fix}`,
    };
  return {
    id,
    status: value === good ? 'ok' : 'fail',
    required: true,
    detail: value === good ? text[0] : text[1],
    why,
    fix,
  };
}

function repositoryChecks(input: DoctorInput): DoctorCheck[] {
  const s = input.settings;
  return [
    flag(
      'merge.squash_allowed',
      s.squashMergeAllowed,
      true,
      ['Squash merging is allowed.', 'Squash merging is not allowed.'],
      'grantops merges each request as one squash commit carrying the audit trailers.',
      'Settings → General → Pull Requests: tick "Allow squash merging".',
    ),
    flag(
      'merge.auto_merge_off',
      s.autoMergeAllowed,
      false,
      ['Auto-merge is off.', 'Auto-merge is allowed.'],
      'Auto-merge writes its own commit message, without the trailers, and merges on the rules of GitHub rather than the decision of grantops.',
      'Settings → General → Pull Requests: untick "Allow auto-merge".',
    ),
    flag(
      'actions.cannot_approve',
      s.workflow ? s.workflow.canApprovePullRequestReviews : null,
      false,
      [
        'GitHub Actions cannot approve pull requests.',
        'GitHub Actions may create and approve pull requests.',
      ],
      'A workflow in a request could approve the request with the Actions token.',
      'Settings → Actions → General → Workflow permissions: untick "Allow GitHub Actions to create and approve pull requests".',
    ),
  ];
}

function codeownersChecks(input: DoctorInput): DoctorCheck[] {
  const errors = input.settings.codeownersErrors;
  const why =
    'Code-owner review routes each role to its approvers; an owner GitHub does not know is silently skipped.';
  return [
    {
      id: 'codeowners.errors',
      status: errors === null ? 'fail' : errors.length ? 'fail' : 'ok',
      required: true,
      detail:
        errors === null
          ? `There is no CODEOWNERS file on ${input.settings.defaultBranch}.`
          : errors.length
            ? `GitHub reports ${errors.length} error(s): ${errors
                .slice(0, 5)
                .map((e) => `${e.path}:${e.line} ${e.message.split('\n')[0]}`)
                .join('; ')}`
            : 'GitHub reports no CODEOWNERS errors.',
      why,
      fix: 'Run `grantops codeowners`, commit .github/CODEOWNERS through a pull request, and make sure every team it names exists and can write to the repository.',
    },
    {
      id: 'codeowners.in_sync',
      status: input.codeownersInSync === null ? 'unknown' : input.codeownersInSync ? 'ok' : 'fail',
      required: true,
      detail:
        input.codeownersInSync === null
          ? 'The policies or CODEOWNERS of the checkout could not be read.'
          : input.codeownersInSync
            ? 'CODEOWNERS matches the policies.'
            : 'CODEOWNERS does not match the policies.',
      why: 'CODEOWNERS is generated from the policies: a stale one asks the wrong people to review.',
      fix: 'Run `grantops codeowners` in the checkout and merge the result.',
    },
  ];
}

function environmentChecks(input: DoctorInput): DoctorCheck[] {
  const env = input.settings.environment;
  const name = input.settings.environment?.name ?? 'access';
  const fix = `Settings → Environments → ${name}`;
  if (!env) {
    return [
      {
        id: 'environment.exists',
        status: 'fail',
        required: true,
        detail: 'The environment holding the secrets of grantops does not exist.',
        why: 'The key of the App and the secrets of the providers must be usable only by jobs running the code on main.',
        fix: `Settings → Environments → New environment, named as in the workflows (or pass --environment NAME).`,
      },
    ];
  }
  const missing = env.secrets ? input.secrets.filter((x) => !env.secrets!.includes(x)) : null;
  const main = mainOnly(input.settings);
  return [
    {
      id: 'environment.exists',
      status: 'ok',
      required: true,
      detail: `Environment ${env.name} exists.`,
      why: 'Secrets live in it.',
      fix,
    },
    {
      id: 'environment.main_only',
      status: main ? 'ok' : 'fail',
      required: true,
      detail: main
        ? `Only ${input.settings.defaultBranch} can deploy to ${env.name}.`
        : `${env.name} can be used from branches other than ${input.settings.defaultBranch}.`,
      why: 'A workflow on any other branch is code nobody reviewed: it must never see the key of the App (I5).',
      fix: `${fix} → Deployment branches and tags: "Selected branches and tags", with the single rule ${input.settings.defaultBranch}.`,
    },
    {
      id: 'environment.secrets',
      status: missing === null ? 'unknown' : missing.length ? 'fail' : 'ok',
      required: true,
      detail:
        missing === null
          ? 'GitHub shows environment secrets to administrators only.'
          : missing.length
            ? `Missing: ${missing.join(', ')}.`
            : `Holds ${input.secrets.join(', ')}.`,
      why: 'grantops reads the key of the App and the credentials of each provider from the environment the workflows run in.',
      fix: `${fix} → Environment secrets: add ${missing?.length ? missing.join(', ') : input.secrets.join(', ')}.`,
    },
  ];
}

export function doctorChecks(input: DoctorInput): DoctorCheck[] {
  return [
    ...rulesChecks(input),
    bypassCheck(input),
    ...repositoryChecks(input),
    ...codeownersChecks(input),
    ...environmentChecks(input),
  ];
}

/** 0 all required hold; 1 one fails; 2 none fails but some could not be read. */
export function doctorExitCode(checks: readonly DoctorCheck[]): number {
  const required = checks.filter((c) => c.required);
  if (required.some((c) => c.status === 'fail')) return 1;
  if (required.some((c) => c.status === 'unknown')) return 2;
  return 0;
}
