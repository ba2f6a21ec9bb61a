/** Types of bundle.mjs: the esbuild settings grantops' bundles share. */
import type { BuildOptions } from 'esbuild';

export const BUNDLE_OPTIONS: BuildOptions;
export function bundleOne(entry: string, outfile: string): Promise<void>;
