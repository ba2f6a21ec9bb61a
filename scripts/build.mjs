// Builds the two entry points (src/bin.ts → dist/cli.js, src/action.ts → dist/index.js) into dist/ and regenerates schemas/policy.schema.json.
// dist/ is committed (the action runs from it); .ci/run checks that it is up to date.
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  sourcemap: false,
  // ESM bundles of CommonJS dependencies still call require(); give them one.
  banner: {
    js: "import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);",
  },
  // PGlite loads its WebAssembly and data files next to its own module: it cannot be bundled,
  // and only the demo and local provisioning use it (imported lazily, from node_modules).
  external: ['@electric-sql/pglite'],
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['src/bin.ts'],
  outfile: 'dist/cli.js',
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});
await build({ ...common, entryPoints: ['src/action.ts'], outfile: 'dist/index.js' });

// The shipped policy schema is generated from the code's own schemas, so they cannot disagree.
const gen = await build({
  ...common,
  entryPoints: ['src/core/policy/shipped-schema.ts'],
  write: false,
  external: [],
  banner: {},
});
const mod = await import(
  `data:text/javascript;base64,${Buffer.from(gen.outputFiles[0].text).toString('base64')}`
);
await writeFile(
  'schemas/policy.schema.json',
  `${JSON.stringify(mod.shippedPolicySchema, null, 2)}\n`,
);
