import { providerSchemas } from '../../providers/schemas.js';
import { buildPolicySchema } from './schema.js';

/** The policy schema as shipped in schemas/policy.schema.json (for editors and other tools). */
export const shippedPolicySchema = buildPolicySchema(providerSchemas);
