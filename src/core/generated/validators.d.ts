// The types of validators.js, which `npm run build` generates (scripts/validators.mjs).
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** Validators of grantops' own schemas, by the schema's JSON text. */
export declare const precompiled: ReadonlyMap<string, ValidateFunction>;
/** The JSON Schema 2020-12 meta-schema. */
export declare const validateMetaSchema: ValidateFunction;
