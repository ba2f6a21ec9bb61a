import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './repo-ref.js';

/**
 * The check `grantops/decision` on the head commit a decision was made on. A ruleset requires
 * it pinned to the App's integration id, so only grantops can satisfy it. GitHub takes at most
 * 50 annotations per request: the first 50 go with the creation, the rest in updates of 50.
 * A request waiting for approvals is `in_progress` (pending), never `neutral`, which a required
 * check would accept as passing.
 */

export const CHECK_NAME = 'grantops/decision';
export const ANNOTATIONS_PER_CALL = 50;
/** GitHub's limit on a check's summary and text. */
const MAX_OUTPUT = 65535;

export interface CheckAnnotation {
  path: string;
  /** 1-based; problems without a line are pinned to line 1. */
  line: number | null;
  level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface CheckSpec {
  headSha: string;
  conclusion: 'success' | 'failure' | 'pending';
  title: string;
  summary: string;
  text?: string;
  annotations: readonly CheckAnnotation[];
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function annotation(a: CheckAnnotation) {
  const line = a.line && a.line > 0 ? a.line : 1;
  return {
    path: a.path,
    start_line: line,
    end_line: line,
    annotation_level: a.level,
    title: cut(a.title, 255),
    message: cut(a.message, 64 * 1024 - 1),
  };
}

/**
 * Posts the check; returns its id, how many calls it took (1 + one per further 50) and the
 * slug of the App GitHub says posted it (grantops learns its own account from it).
 */
export async function postCheck(
  octokit: GitHubClient,
  repo: RepoRef,
  spec: CheckSpec,
): Promise<{ id: number; calls: number; appSlug: string | null }> {
  const batches: ReturnType<typeof annotation>[][] = [];
  const all = spec.annotations.map(annotation);
  for (let i = 0; i < all.length; i += ANNOTATIONS_PER_CALL)
    batches.push(all.slice(i, i + ANNOTATIONS_PER_CALL));
  const output = (annotations: ReturnType<typeof annotation>[]) => ({
    title: cut(spec.title, 255),
    summary: cut(spec.summary, MAX_OUTPUT),
    ...(spec.text ? { text: cut(spec.text, MAX_OUTPUT) } : {}),
    ...(annotations.length ? { annotations } : {}),
  });
  const done =
    spec.conclusion === 'pending'
      ? { status: 'in_progress' as const }
      : { status: 'completed' as const, conclusion: spec.conclusion };
  // Annotations first, conclusion last: a run is never complete with half its annotations.
  const last = batches.length - 1;
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: spec.headSha,
    ...(last > 0 ? { status: 'in_progress' as const } : done),
    output: output(batches[0] ?? []),
  });
  for (let i = 1; i < batches.length; i++) {
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: data.id,
      ...(i === last ? done : {}),
      output: output(batches[i] as ReturnType<typeof annotation>[]),
    });
  }
  return { id: data.id, calls: Math.max(1, batches.length), appSlug: data.app?.slug ?? null };
}
