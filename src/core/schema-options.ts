/**
 * ajv's options for every schema grantops checks, shared by the validators the build
 * precompiles (scripts/validators.mjs) and those compiled at run time, so both report the same
 * errors. addUsedSchema: false keeps each schema to itself: by default ajv registers every
 * `$id` it compiles, so a second policy schema (or two roles' params with one `$id`) failed with
 * "already exists", and a role's params could `$ref` another schema.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  verbose: true,
  addUsedSchema: false,
} as const;
