import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CODEOWNERS_PATH, renderCodeowners } from '../core/codeowners.js';
import { ConfigError, GrantopsError, UsageError } from '../core/errors.js';
import type { Policy } from '../core/policy/types.js';
import { resolveCommit } from '../git/run.js';
import { CHECK_NAME } from '../github/checks.js';
import { doctorChecks, doctorExitCode, type DoctorCheck } from '../github/doctor-checks.js';
import { createGitHubClient } from '../github/octokit.js';
import { parseRepoRef, repoName } from '../github/repo-ref.js';
import { readRepositorySettings } from '../github/settings.js';
import { printable } from '../render/escape.js';
import { stringArg } from '../cli/args.js';
import type { Command, CommandContext } from '../cli/context.js';
import { policiesAt } from '../wiring/policy.js';

/** The App's private key secret the workflows read (`secrets.GRANTOPS_APP_PRIVATE_KEY`). */
export const APP_KEY_SECRET = 'GRANTOPS_APP_PRIVATE_KEY';
/** Set by the workflows themselves, never stored as secrets. */
const PROVIDED = /^(GITHUB_|GRANTOPS_APP_TOKEN$|ACTIONS_|RUNNER_)/;

export interface DoctorSeams {
  /** The fetch GitHub's client uses (tests put the fake GitHub here). */
  fetch?: typeof fetch;
}

/** Every `*_env` a provider's settings name: the secrets it will read at run time. */
export function secretsNamed(policy: Policy): string[] {
  const names = new Set<string>();
  for (const p of policy.providers.values()) {
    for (const [key, value] of Object.entries(p.settings)) {
      if (key.endsWith('_env') && typeof value === 'string' && !PROVIDED.test(value))
        names.add(value);
    }
  }
  return [...names].sort();
}

/** The checkout's CODEOWNERS against its policies, and the secrets they name; null: unreadable. */
async function localFacts(
  ctx: CommandContext,
): Promise<{ inSync: boolean | null; secrets: string[] }> {
  try {
    const policy = await policiesAt(ctx.repo, await resolveCommit(ctx.repo, 'HEAD'));
    const current = await readFile(join(ctx.repo, CODEOWNERS_PATH), 'utf8').catch(() => null);
    return { inSync: current === renderCodeowners(policy), secrets: secretsNamed(policy) };
  } catch (e) {
    if (!(e instanceof GrantopsError)) throw e;
    ctx.stderr(`grantops: doctor: the checkout's policies could not be read: ${e.message}`);
    return { inSync: null, secrets: [] };
  }
}

const MARK: Record<DoctorCheck['status'], string> = { ok: '✓', fail: '✗', warn: '!', unknown: '?' };

function renderText(repo: string, branch: string, checks: DoctorCheck[], code: number): string {
  const lines = [`grantops doctor: ${printable(repo)} (${printable(branch)})`, ''];
  for (const c of checks) {
    lines.push(`${MARK[c.status]} ${c.id}: ${printable(c.detail, 600)}`);
    if (c.status !== 'ok') lines.push(`    why: ${c.why}`, `    fix: ${c.fix}`);
  }
  const count = (s: DoctorCheck['status']) => checks.filter((c) => c.status === s).length;
  lines.push(
    '',
    code === 0
      ? `All ${checks.length} checks hold${count('warn') ? ` (${count('warn')} warning)` : ''}.`
      : code === 1
        ? `${count('fail')} of ${checks.length} checks fail.`
        : `${count('unknown')} check(s) could not be read; run doctor with a repository administrator's token.`,
  );
  return lines.join('\n');
}

export function doctorCommand(seams: DoctorSeams = {}): Command {
  return {
    name: 'doctor',
    summary: 'Check the GitHub repository settings grantops relies on, and say what to fix.',
    usage:
      'grantops doctor [--github-repo OWNER/NAME] [--app-id ID] [--environment NAME] [--token-env NAME]',
    formats: ['text', 'json'],
    options: {
      'github-repo': {
        type: 'string',
        help: 'The repository on GitHub (default GITHUB_REPOSITORY).',
      },
      'app-id': {
        type: 'string',
        help: "The grantops GitHub App's id, to check the required check and the bypass list are its (default GRANTOPS_APP_ID).",
      },
      environment: {
        type: 'string',
        help: "The environment holding the App's key and the providers' secrets (default access).",
      },
      'token-env': {
        type: 'string',
        help: "The environment variable holding a repository administrator's token (default GITHUB_TOKEN).",
      },
    },
    async run(ctx, args) {
      const repoText = stringArg(args, 'github-repo') ?? ctx.env.GITHUB_REPOSITORY;
      if (!repoText)
        throw new UsageError(
          'doctor checks a repository on GitHub: name it with --github-repo OWNER/NAME (or set GITHUB_REPOSITORY).',
        );
      const repo = parseRepoRef(repoText, '--github-repo');
      const appText = stringArg(args, 'app-id') ?? ctx.env.GRANTOPS_APP_ID;
      if (appText !== undefined && !/^[1-9][0-9]{0,11}$/.test(appText))
        throw new UsageError(
          `--app-id is the App's numeric id (Settings → Developer settings → GitHub Apps → the App: "App ID"); got ${JSON.stringify(appText.slice(0, 40))}. Pass that number, e.g. --app-id 123456.`,
        );
      const tokenEnv = stringArg(args, 'token-env') ?? 'GITHUB_TOKEN';
      const token = ctx.env[tokenEnv];
      if (!token)
        throw new ConfigError(
          `doctor reads the repository's settings with the token in ${tokenEnv}, which is not set. Use a repository administrator's token (e.g. GITHUB_TOKEN=$(gh auth token)): GitHub shows rulesets' bypass lists, merge settings and secret names to administrators only.`,
        );
      const baseUrl = ctx.env.GITHUB_API_URL;
      const octokit = createGitHubClient({
        token,
        ...(baseUrl ? { baseUrl } : {}),
        ...(seams.fetch ? { fetch: seams.fetch, noWait: true } : {}),
      });
      const environment = stringArg(args, 'environment') ?? 'access';
      const [settings, local] = await Promise.all([
        readRepositorySettings(octokit, repo, environment),
        localFacts(ctx),
      ]);
      const checks = doctorChecks({
        settings,
        appId: appText === undefined ? null : Number(appText),
        secrets: [APP_KEY_SECRET, ...local.secrets],
        codeownersInSync: local.inSync,
        checkName: CHECK_NAME,
      });
      const code = doctorExitCode(checks);
      if (ctx.format === 'json') {
        ctx.stdout(
          JSON.stringify({
            repo: repoName(repo),
            branch: settings.defaultBranch,
            ok: code === 0,
            checks,
            unreadable: settings.unreadable,
          }),
        );
      } else {
        ctx.stdout(renderText(repoName(repo), settings.defaultBranch, checks, code));
      }
      return code;
    },
  };
}
