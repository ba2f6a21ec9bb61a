// Builds the two entry points (src/bin.ts → dist/cli.js, src/action.ts → dist/index.js) into dist/,
// after generating what they are built from: schemas/policy.schema.json and the precompiled
// schema validators (src/core/generated/validators.js).
// dist/ is committed (the action runs from it); .ci/run checks that all three are up to date.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { BUNDLE_OPTIONS } from './bundle.mjs';
import { GENERATED_VALIDATORS, shippedSchemas, validatorModule } from './validators.mjs';

const root = new URL('..', import.meta.url).pathname;

// The shipped policy schema and the validators come from the code's own schemas, so they
// cannot disagree with it.
const schemas = await shippedSchemas(root);
await writeFile('schemas/policy.schema.json', `${JSON.stringify(schemas.policy, null, 2)}\n`);
await writeFile(GENERATED_VALIDATORS, await validatorModule(root, schemas));

const common = {
  ...BUNDLE_OPTIONS,
  legalComments: 'none',
  sourcemap: false,
  // PGlite loads its WebAssembly and data files next to its own module: it cannot be bundled,
  // and only the demo and local provisioning use it (imported lazily, from node_modules).
  external: ['@electric-sql/pglite'],
};

// The CLI loads a command, and what only that command needs, when it runs: split into chunks
// (dist/cli/) next to dist/cli.js, so `validate` never parses the SDKs that reconcile uses.
rmSync('dist/cli', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { cli: 'src/bin.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'cli/[name]-[hash]',
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});
// The action loads a command, its SDKs and @actions/core only when it needs them: split into
// chunks (dist/action/) next to dist/index.js, so starting the action reads one small file.
rmSync('dist/action', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { index: 'src/action.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'action/[name]-[hash]',
});
