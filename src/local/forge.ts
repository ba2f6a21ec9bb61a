import { ExternalError } from '../core/errors.js';
import type {
  CommitMessage,
  DecisionReport,
  ExpiryOpened,
  ExpiryRequest,
  ExpirySpec,
  Forge,
  ForgeRequest,
  LandingProof,
  MergeOutcome,
  MergeSpec,
  RequestSummary,
  Review,
} from '../core/forge.js';
import type { GitRepository } from '../core/git-port.js';
import { LOGIN_PATTERN } from '../core/policy/schema.js';
import { quote } from '../core/problem.js';
import type { Clock } from '../core/time.js';
import * as expiries from './expiries.js';
import { FORGE_SIGNATURE, signatureFor } from './identity.js';
import { APPROVALS, LANDINGS, REPORTS, heads } from './names.js';
import { readRecord, writeRecord } from './records.js';
import { listRequestBranches, readRequest, resolveRequestBranch } from './requests.js';

const LOGIN = new RegExp(LOGIN_PATTERN);
const RETRIES = 5;

export interface LocalForgeOptions {
  /** The repository the requests live in (`gitRepository(dir)` from src/git/repository.ts). */
  git: GitRepository;
  clock: Clock;
  /** The branch requests merge into and grants live on (default `main`). */
  base?: string;
}

/**
 * The Forge port over a plain git repository (docs/forge.md): requests are branches
 * `request/<role>/<login>`, approvals are refs bound to the commit they approve, merges are
 * squash commits on the base made with git's plumbing, at the clock's time. Nothing here
 * decides: `grantops merge` decides with the same core as on GitHub.
 */
export class LocalForge implements Forge {
  readonly kind = 'local';
  readonly git: GitRepository;
  readonly base: string;
  private readonly clock: Clock;

  constructor(options: LocalForgeOptions) {
    this.git = options.git;
    this.clock = options.clock;
    this.base = options.base ?? 'main';
  }

  private get expiryContext(): expiries.ExpiryContext {
    return { git: this.git, base: this.base, clock: this.clock };
  }

  async listRequests(): Promise<RequestSummary[]> {
    const out: RequestSummary[] = [];
    for (const branch of await listRequestBranches(this.git)) {
      // A branch with nothing of its own on top of the base is merged or empty: not open.
      const r = await readRequest(this.git, this.base, branch);
      if (r) out.push(summaryOf(r));
    }
    return out;
  }

  async request(id: string): Promise<ForgeRequest> {
    const branch = await resolveRequestBranch(this.git, id);
    const r = await readRequest(this.git, this.base, branch);
    if (!r) {
      throw new ExternalError(
        'E_REQUEST_NOT_FOUND',
        `${quote(branch)} has no commit that is not already on ${this.base}: it was merged, or holds no change yet. Commit the grant file on it, or see grantops status if it was merged.`,
      );
    }
    return r;
  }

  /** Approvals only: the local forge has no other kind of review. One per login, its latest. */
  async reviews(request: RequestSummary): Promise<Review[]> {
    const prefix = `${APPROVALS}${request.head.ref}/`;
    return (await this.git.listRefs(prefix)).flatMap((r) => {
      const login = r.name.slice(prefix.length);
      // Refs deeper down belong to another branch whose name extends this one.
      return LOGIN.test(login)
        ? [
            {
              reviewer: login.toLowerCase(),
              state: 'approved' as const,
              commit: r.oid,
              submittedAt: null,
            },
          ]
        : [];
    });
  }

  /**
   * Records `login`'s approval of the request's current head (`grantops approve`). A later
   * commit on the request leaves the ref on the old commit: the approval is then stale.
   */
  async approve(
    id: string,
    login: string,
    expectedHead?: string,
  ): Promise<{ request: ForgeRequest; commit: string }> {
    if (!LOGIN.test(login)) {
      throw new ExternalError(
        'E_LOGIN',
        `${quote(login)} is not a GitHub login (letters, digits and single inner hyphens, at most 39). Use the login as GitHub shows it, e.g. carol.`,
      );
    }
    const request = await this.request(id);
    if (expectedHead !== undefined && request.head.sha !== expectedHead) {
      throw new ExternalError(
        'E_HEAD_MOVED',
        `${quote(request.id)} moved to ${request.head.sha.slice(0, 10)} while ${expectedHead.slice(0, 10)} was being approved: look at the new commit, then approve again.`,
      );
    }
    const ref = `${APPROVALS}${request.head.ref}/${login.toLowerCase()}`;
    await this.git.setRef(ref, request.head.sha, 'grantops approve');
    return { request, commit: request.head.sha };
  }

  async report(request: RequestSummary, report: DecisionReport): Promise<void> {
    await writeRecord(this.git, `${REPORTS}${request.head.ref}`, report);
  }

  /** The last decision reported on a request branch, as `report` stored it. */
  async lastReport(branch: string): Promise<DecisionReport | null> {
    return (await readRecord(this.git, `${REPORTS}${branch}`)) as DecisionReport | null;
  }

  async merge(request: RequestSummary, spec: MergeSpec): Promise<MergeOutcome> {
    const branch = request.head.ref;
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const head = await this.git.readRef(heads(branch));
      if (head !== spec.head) {
        return {
          merged: false,
          reason: 'head-moved',
          message: `${branch} moved to ${head?.slice(0, 10) ?? 'nothing'} after ${spec.head.slice(0, 10)} was judged; it is decided again on the next run.`,
        };
      }
      const base = await this.git.readRef(heads(this.base));
      if (!base)
        throw new ExternalError(
          'E_GIT_REF',
          `The base branch ${this.base} is gone. Create it again at its last commit, then run again.`,
        );
      const tree = await this.git.mergeTree(base, spec.head);
      if (tree === null) {
        return {
          merged: false,
          reason: 'conflict',
          message: `${branch} conflicts with ${this.base}: update the request onto ${this.base} and ask for approval again.`,
        };
      }
      if (tree === (await this.git.treeOf(base))) {
        return {
          merged: false,
          reason: 'not-allowed',
          message: `${branch} changes nothing on ${this.base}.`,
        };
      }
      // Read again at the judged head: the record names who had pushed and who approved then.
      const judged = await readRequest(this.git, this.base, branch);
      const author = request.author.login;
      const reviews = await this.reviews(request);
      const commit = await this.git.writeCommit({
        tree,
        parents: [base],
        message: `${spec.title}\n${spec.message ? `\n${spec.message}\n` : ''}`,
        author: author ? signatureFor(author) : FORGE_SIGNATURE,
        committer: FORGE_SIGNATURE,
        at: this.clock.now(),
      });
      if (!(await this.git.advanceBranch(heads(this.base), base, commit, 'grantops merge')))
        continue;
      const proof: LandingProof = {
        request: request.reference,
        author: request.author,
        mergedBy: FORGE_SIGNATURE.name,
        head: spec.head,
        reviews,
        pushers: judged?.pushers ?? [],
      };
      await writeRecord(this.git, `${LANDINGS}${commit}`, proof);
      // Merged: the request is closed. Its approvals go with it; a branch pushed to meanwhile stays.
      for (const r of reviews)
        await this.git.deleteRef(`${APPROVALS}${branch}/${r.reviewer}`, r.commit);
      await this.git.deleteRef(heads(branch), spec.head);
      return { merged: true, commit };
    }
    return {
      merged: false,
      reason: 'head-moved',
      message: `${this.base} kept moving while ${branch} was merged; run again.`,
    };
  }

  listExpiries(): Promise<ExpiryRequest[]> {
    return expiries.listExpiries(this.expiryContext);
  }

  openExpiry(spec: ExpirySpec): Promise<ExpiryOpened> {
    return expiries.openExpiry(this.expiryContext, spec);
  }

  mergeExpiry(expiry: ExpiryRequest, message: CommitMessage): Promise<MergeOutcome> {
    return expiries.mergeExpiry(this.expiryContext, expiry.branch, message);
  }

  closeExpiry(expiry: ExpiryRequest, _why: string): Promise<void> {
    return expiries.closeExpiry(this.expiryContext, expiry);
  }

  async verifyLanding(commit: string): Promise<LandingProof | null> {
    const sha = await this.git.resolveCommit(commit);
    return asProof(await readRecord(this.git, `${LANDINGS}${sha}`));
  }
}

function summaryOf(r: ForgeRequest): RequestSummary {
  return {
    id: r.id,
    reference: r.reference,
    title: r.title,
    author: r.author,
    base: r.base,
    head: r.head,
  };
}

/** A landing record as stored, if it has the shape `merge` writes (hand-made refs may not). */
function asProof(value: unknown): LandingProof | null {
  const v = value as Partial<LandingProof> | null;
  return v &&
    typeof v.request === 'string' &&
    typeof v.head === 'string' &&
    Array.isArray(v.reviews) &&
    Array.isArray(v.pushers) &&
    typeof v.author === 'object'
    ? (v as LandingProof)
    : null;
}
