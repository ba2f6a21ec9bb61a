import { MAX_GRANT_BYTES, isRegularFileMode } from '../paths.js';
import { problem } from '../problem.js';
import { none, type Rule } from './rule.js';

/** Rules on the file as git stores it, before anything reads its content. */

export const regularFile: Rule = ({ change }) =>
  isRegularFileMode(change.newMode)
    ? none
    : [
        problem(
          change.path,
          null,
          'E_NOT_REGULAR_FILE',
          `Grant files must be regular files; this one is ${change.newMode === '120000' ? 'a symbolic link' : change.newMode === '160000' ? 'a submodule' : `of mode ${change.newMode}`}. Replace it with a plain YAML file.`,
        ),
      ];

export const withinSizeCap: Rule = ({ change }) =>
  (change.size ?? 0) <= MAX_GRANT_BYTES
    ? none
    : [
        problem(
          change.path,
          null,
          'E_FILE_TOO_LARGE',
          `The grant file is ${change.size} bytes; the limit is ${MAX_GRANT_BYTES}. A grant needs only duration, reason and perhaps ticket, start and params.`,
        ),
      ];

export const utf8: Rule = ({ change }) =>
  change.notUtf8
    ? [
        problem(
          change.path,
          null,
          'E_ENCODING',
          'The grant file is not valid UTF-8. Save it as UTF-8 text.',
        ),
      ]
    : none;
