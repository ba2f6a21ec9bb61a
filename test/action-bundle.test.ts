import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLE_OPTIONS } from '../scripts/bundle.mjs';

/**
 * The action writes its outputs and summary with @actions/core, loaded at the end of every run,
 * between the work and the step's end. The package also imports an HTTP client with all of
 * undici (for OIDC tokens) and @actions/exec (for platform details): bundled as the build
 * bundles it, none of that may come along.
 */
describe("the action's outputs module, bundled", () => {
  it('holds what writes outputs, the summary and a failure, and no HTTP client', async () => {
    const r = await build({
      ...BUNDLE_OPTIONS,
      entryPoints: ['src/action-outputs.ts'],
      write: false,
      metafile: true,
      outdir: 'out',
    });
    const [output] = Object.values(r.metafile.outputs);
    const carried = Object.entries(output!.inputs)
      .filter(([, i]) => i.bytesInOutput > 0)
      .map(([path]) => path);
    expect(carried.some((p) => p.includes('@actions/core/lib/summary'))).toBe(true);
    expect(carried.some((p) => p.includes('@actions/core/lib/file-command'))).toBe(true);
    expect(carried.filter((p) => /undici|http-client|@actions\/exec|@actions\/io/.test(p))).toEqual(
      [],
    );
    expect(r.outputFiles[0]!.contents.length).toBeLessThan(64 * 1024);
  });
});
