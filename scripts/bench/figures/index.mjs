/**
 * The benchmark figures, by name. Adding one is a module exporting
 * `{ name, run(ctx) → rows }` (see bench.mjs for ctx) and a line here.
 */
import action from './action.mjs';
import audit from './audit.mjs';
import forge from './forge.mjs';
import reconcile from './reconcile.mjs';
import status from './status.mjs';
import validate from './validate.mjs';

export const figures = { validate, status, audit, reconcile, action, forge };
