// The esbuild settings every grantops bundle shares: the build's dist/, and the one-file bundles
// tests and the bench build of a single entry point (a worker, the executable, a driver), so
// each runs as the shipped code would.
import { build } from 'esbuild';

/**
 * Modules that @actions/core imports for what grantops never uses: OIDC tokens (through
 * @actions/http-client, which carries all of undici) and the runner's platform details (through
 * @actions/exec). They do nothing when imported, so marked free of side effects they are left
 * out once unused: the action's outputs and summary then load in a few kilobytes, not 800.
 */
const UNUSED_BY_GRANTOPS =
  /^(?:@actions\/http-client(?:\/.*)?|@actions\/exec|\.\/oidc-utils\.js|\.\/platform\.js)$/;

const sideEffectFree = {
  name: 'grantops-side-effect-free',
  setup(b) {
    b.onResolve({ filter: UNUSED_BY_GRANTOPS }, async (args) => {
      if (args.pluginData === 'resolved' || !/[\\/]@actions[\\/]/.test(args.importer)) return;
      const r = await b.resolve(args.path, {
        importer: args.importer,
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: 'resolved',
      });
      return r.errors.length ? undefined : { path: r.path, sideEffects: false };
    });
  },
};

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
  plugins: [sideEffectFree],
};

/** Bundles `entry` into the single file `outfile`. */
export async function bundleOne(entry, outfile) {
  await build({ ...BUNDLE_OPTIONS, entryPoints: [entry], outfile });
}
