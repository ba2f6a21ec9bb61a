// The esbuild settings every grantops bundle shares: the build's dist/, and the one-file bundles
// tests and the bench build of a single entry point (a worker, the executable, a driver), so
// each runs as the shipped code would.
import { build } from 'esbuild';

export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ESM bundles of CommonJS dependencies still call require(); give them one.
  banner: {
    js: "import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

/** Bundles `entry` into the single file `outfile`. */
export async function bundleOne(entry, outfile) {
  await build({ ...BUNDLE_OPTIONS, entryPoints: [entry], outfile });
}
