#!/usr/bin/env bash
# Rebuilds dist/, schemas/ and src/core/generated/ from the committed sources only (a clean
# worktree of HEAD), so the committed bundle matches what .ci/run builds on a fresh clone even
# while the working tree holds unfinished work.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
tmp=$(mktemp -d "$PWD/.tmp/build-XXXXXX")
trap 'git worktree remove --force "$tmp" >/dev/null 2>&1 || rm -rf "$tmp"' EXIT
git worktree add --quiet --detach "$tmp" HEAD
# A real node_modules tree (hard links, no copy): esbuild names modules by their real path,
# and a symlink would put this machine's absolute paths into the bundle.
cp -al node_modules "$tmp/node_modules"
(cd "$tmp" && node scripts/build.mjs)
rm -rf dist && cp -r "$tmp/dist" dist
cp "$tmp/schemas/policy.schema.json" schemas/policy.schema.json
cp "$tmp/src/core/generated/validators.js" src/core/generated/validators.js
