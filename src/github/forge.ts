import { ExternalError, GrantopsError } from '../core/errors.js';
import {
  EXPIRY_PREFIX,
  type CommitMessage,
  type DecisionReport,
  type ExpiryOpened,
  type ExpiryRequest,
  type ExpirySpec,
  type Forge,
  type ForgeRequest,
  type ForgeSettings,
  type Identity,
  type LandingProof,
  type MergeOutcome,
  type MergeSpec,
  type ReportParts,
  type RequestSummary,
  type Review,
} from '../core/forge.js';
import type { GitRepository, GitSource } from '../core/git-port.js';
import { quote } from '../core/text.js';
import { upsertCard } from './card.js';
import { postCheck } from './checks.js';
import { githubError, statusOf } from './errors.js';
import * as expiry from './forge-expiry.js';
import { forgeSettings } from './forge-settings.js';
import { landingOf } from './landing.js';
import { squashMerge } from './merge.js';
import type { GitHubClient } from './octokit.js';
import {
  getPullRequest,
  listOpenPullRequests,
  pullCommitIdentities,
  type PullRequestData,
} from './pulls.js';
import { pushersOf } from './pushers.js';
import { repoName, type RepoRef } from './repo-ref.js';
import { cardMarkdown, checkAnnotations } from './report-text.js';
import { listReviews } from './reviews.js';

export interface GitHubForgeOptions {
  /** A client holding the App's installation token: it reads, posts checks and merges. */
  octokit: GitHubClient;
  repo: RepoRef;
  /** The local clone (the workflow's checkout), through the port the commands build over it. */
  git: GitRepository;
  /** Where the clone fetches the commits the API names: the clone URL and the App's token. */
  source: GitSource;
  /** The base branch requests merge into (default `main`). */
  base?: string;
  /**
   * grantops' own account, `<app-slug>[bot]`: only its comments are request cards. When not
   * given it is learned from the first check grantops posts (GitHub names the App there).
   */
  botLogin?: string;
  /** The environment holding the App's key, for `settings()` (default `access`). */
  environment?: string;
}

const doing = (what: string) => ({ doing: what, tokenEnv: 'GRANTOPS_APP_TOKEN' });

/**
 * The Forge port over GitHub's REST API. A request is an open pull request into the base, its
 * id the number. Identity and approval come from GitHub (I1, I2), files and commits from git
 * (fetched by SHA into the local clone). Deciding a listed request costs at most six calls
 * whatever its size: commits (one page of 100), the activity log (none for a fork), reviews,
 * the check, and the card (list, then one write if its text changed); `request()` of an
 * unlisted id adds one for the pull request itself.
 */
export class GitHubForge implements Forge {
  readonly kind = 'github';
  readonly base: string;
  private botLogin: string | null;
  /** Pull requests as the last listing gave them: `request()` of a listed id reuses them. */
  private readonly listed = new Map<string, PullRequestData>();

  constructor(private readonly options: GitHubForgeOptions) {
    this.base = options.base ?? 'main';
    this.botLogin = options.botLogin?.toLowerCase() ?? null;
  }

  private get gh(): GitHubClient {
    return this.options.octokit;
  }

  private get repo(): RepoRef {
    return this.options.repo;
  }

  async listRequests(): Promise<RequestSummary[]> {
    const pulls = await this.call('listing open pull requests', () =>
      listOpenPullRequests(this.gh, this.repo, this.base),
    );
    this.listed.clear();
    // Revert pull requests that record expiry are grantops' own, not access requests.
    const requests = pulls.filter(
      (p) => !(p.head.ref.startsWith(EXPIRY_PREFIX) && !p.head.fork && this.isBot(p.author)),
    );
    for (const p of requests) this.listed.set(String(p.number), p);
    return requests.map(summaryOf);
  }

  async request(id: string): Promise<ForgeRequest> {
    const pull = this.listed.get(id) ?? (await this.fetchPull(id));
    const [identities, pushers] = await Promise.all([
      this.call(`reading the commits of #${id}`, () =>
        pullCommitIdentities(this.gh, this.repo, pull.number),
      ),
      this.call(`reading who pushed to #${id}`, () => pushersOf(this.gh, this.repo, pull)),
      this.options.git.fetchCommits(this.options.source, [pull.head.sha, pull.base.sha]),
    ]);
    const bySha = new Map(identities.commits.map((c) => [c.sha, c]));
    const shas = (await this.options.git.commitsBetween(pull.base.sha, pull.head.sha)).map(
      (c) => c.sha,
    );
    const unknown = (sha: string): Identity => ({
      login: null,
      display: `the author of ${sha.slice(0, 12)} (GitHub lists only the first 100 commits of a pull request; squash the request into fewer commits)`,
    });
    const commits = shas.map((sha) => {
      const known = bySha.get(sha);
      return known
        ? { sha, author: known.author, committer: known.committer }
        : { sha, author: unknown(sha), committer: unknown(sha) };
    });
    return {
      ...summaryOf(pull),
      commits,
      pushers: dedupe([...pushers, ...commits.flatMap((c) => [c.author, c.committer])]),
      url: pull.url,
    };
  }

  async reviews(request: RequestSummary): Promise<Review[]> {
    return this.call(`reading the reviews of ${request.reference}`, () =>
      listReviews(this.gh, this.repo, Number(request.id)),
    );
  }

  async report(
    request: RequestSummary,
    report: DecisionReport,
    parts: ReportParts = { check: true, card: true },
  ): Promise<void> {
    const card = cardMarkdown(report);
    if (parts.check) {
      const check = await this.call(`posting the check on ${request.reference}`, () =>
        postCheck(this.gh, this.repo, {
          headSha: report.head,
          conclusion: report.conclusion,
          title: report.summary,
          summary: card,
          annotations: checkAnnotations(report),
        }),
      );
      this.botLogin ??= check.appSlug ? `${check.appSlug}[bot]` : null;
    }
    if (!parts.card || !this.botLogin) return;
    const bot = this.botLogin;
    await this.call(`updating the request card on ${request.reference}`, () =>
      upsertCard(this.gh, this.repo, Number(request.id), card, bot),
    );
  }

  async merge(request: RequestSummary, spec: MergeSpec): Promise<MergeOutcome> {
    return squashMerge(this.gh, this.repo, Number(request.id), {
      sha: spec.head,
      title: spec.title,
      message: spec.message,
    });
  }

  listExpiries(): Promise<ExpiryRequest[]> {
    return this.call('listing expiry branches', () => expiry.listExpiries(this.context()));
  }

  openExpiry(spec: ExpirySpec): Promise<ExpiryOpened> {
    return this.call(`opening the expiry ${spec.branch}`, () =>
      expiry.openExpiry(this.context(), spec),
    );
  }

  mergeExpiry(request: ExpiryRequest, message: CommitMessage): Promise<MergeOutcome> {
    return this.call(`merging the expiry ${request.reference}`, () =>
      expiry.mergeExpiry(this.context(), request, message),
    );
  }

  closeExpiry(request: ExpiryRequest, why: string): Promise<void> {
    return this.call(`closing the expiry ${request.reference}`, () =>
      expiry.closeExpiry(this.context(), request, why),
    );
  }

  verifyLanding(commit: string): Promise<LandingProof | null> {
    return this.call(`asking how ${commit.slice(0, 12)} landed`, () =>
      landingOf(this.gh, this.repo, commit, this.base),
    );
  }

  settings(): Promise<ForgeSettings> {
    return forgeSettings(this.gh, this.repo, this.options.environment ?? 'access');
  }

  private context(): expiry.ExpiryContext {
    return {
      octokit: this.gh,
      repo: this.repo,
      git: this.options.git,
      source: this.options.source,
      base: this.base,
      bot: this.botLogin,
    };
  }

  private isBot(who: Identity): boolean {
    return this.botLogin !== null
      ? who.login === this.botLogin
      : (who.login?.endsWith('[bot]') ?? false);
  }

  private async fetchPull(id: string): Promise<PullRequestData> {
    const notFound = (why: string) =>
      new ExternalError(
        'E_REQUEST_NOT_FOUND',
        `${quote(id)} is not an open pull request of ${repoName(this.repo)}: ${why}. Name a request by its pull request number (e.g. 12).`,
      );
    if (!/^[1-9][0-9]{0,9}$/.test(id))
      throw notFound('a request on GitHub is a pull request number');
    let pull: PullRequestData;
    try {
      pull = await getPullRequest(this.gh, this.repo, Number(id));
    } catch (e) {
      if (statusOf(e) === 404) throw notFound('GitHub has no such pull request');
      throw githubError(e, doing(`reading pull request #${id}`));
    }
    if (pull.state !== 'open') throw notFound(pull.merged ? 'it was merged' : 'it is closed');
    if (pull.base.ref !== this.base)
      throw notFound(`it targets ${quote(pull.base.ref)}, not ${this.base}`);
    return pull;
  }

  /** GitHub's failures become one ExternalError naming what grantops was doing. */
  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof GrantopsError) throw e;
      throw githubError(e, doing(what));
    }
  }
}

function summaryOf(p: PullRequestData): RequestSummary {
  return {
    id: String(p.number),
    reference: `#${p.number}`,
    title: p.title,
    author: p.author,
    base: { ref: p.base.ref, sha: p.base.sha },
    head: { ref: p.head.ref, sha: p.head.sha },
  };
}

function dedupe(people: Identity[]): Identity[] {
  const seen = new Map<string, Identity>();
  for (const p of people) seen.set(p.login ?? `\0${p.display}`, p);
  return [...seen.values()];
}
