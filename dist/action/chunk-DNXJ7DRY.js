import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);

// src/github/checks.ts
var CHECK_NAME = "grantops/decision";
var ANNOTATIONS_PER_CALL = 50;
var MAX_OUTPUT = 65535;
var cut = (s, max) => s.length <= max ? s : `${s.slice(0, max - 1)}\u2026`;
function annotation(a) {
  const line = a.line && a.line > 0 ? a.line : 1;
  return {
    path: a.path,
    start_line: line,
    end_line: line,
    annotation_level: a.level,
    title: cut(a.title, 255),
    message: cut(a.message, 64 * 1024 - 1)
  };
}
async function postCheck(octokit, repo, spec) {
  const batches = [];
  const all = spec.annotations.map(annotation);
  for (let i = 0; i < all.length; i += ANNOTATIONS_PER_CALL)
    batches.push(all.slice(i, i + ANNOTATIONS_PER_CALL));
  const output = (annotations) => ({
    title: cut(spec.title, 255),
    summary: cut(spec.summary, MAX_OUTPUT),
    ...spec.text ? { text: cut(spec.text, MAX_OUTPUT) } : {},
    ...annotations.length ? { annotations } : {}
  });
  const done = spec.conclusion === "pending" ? { status: "in_progress" } : { status: "completed", conclusion: spec.conclusion };
  const last = batches.length - 1;
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: spec.headSha,
    ...last > 0 ? { status: "in_progress" } : done,
    output: output(batches[0] ?? [])
  });
  for (let i = 1; i < batches.length; i++) {
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: data.id,
      ...i === last ? done : {},
      output: output(batches[i])
    });
  }
  return { id: data.id, calls: Math.max(1, batches.length), appSlug: data.app?.slug ?? null };
}

export {
  CHECK_NAME,
  ANNOTATIONS_PER_CALL,
  postCheck
};
