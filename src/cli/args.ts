import { UsageError } from '../core/errors.js';
import type { Args } from './context.js';

export function stringArg(args: Args, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requireArg(args: Args, name: string): string {
  const v = stringArg(args, name);
  if (v === undefined || v === '')
    throw new UsageError(
      `--${name} is required: add it (the command's --help says what it takes).`,
    );
  return v;
}

/** A comma-separated list of logins (`--approved-by a,b`), lower-cased, blanks dropped. */
export function listArg(args: Args, name: string): string[] | undefined {
  const v = stringArg(args, name);
  if (v === undefined) return undefined;
  return v
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}
