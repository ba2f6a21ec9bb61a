import type { JsonSchema } from '../../core/yaml-value.js';
import { providerSettings } from '../common-schema.js';

export const settings = providerSettings(
  'aws-identity-center',
  'AWS IAM Identity Center, where access is an account assignment of a permission set to a user. Credentials come from the standard AWS environment (for example OIDC role assumption in the workflow).',
  {
    instance_arn: {
      description: 'The IAM Identity Center instance ARN, arn:aws:sso:::instance/ssoins-….',
      type: 'string',
      pattern: '^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$',
    },
    identity_store_id: {
      description: 'The identity store ID, d-….',
      type: 'string',
      pattern: '^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    },
    region: {
      description: 'The AWS region of the instance, e.g. eu-west-1.',
      type: 'string',
      pattern: '^[a-z]{2}(-[a-z]+)+-\\d$',
    },
  },
  ['instance_arn', 'identity_store_id', 'region'],
);

export const grant: JsonSchema = {
  type: 'object',
  description: 'What a grant of this role gives at an aws-identity-center provider.',
  additionalProperties: false,
  required: ['account_id', 'permission_set_arn'],
  properties: {
    account_id: {
      description: 'The 12-digit AWS account ID.',
      type: 'string',
      pattern: '^\\d{12}$',
    },
    permission_set_arn: {
      description: 'The permission set ARN, arn:aws:sso:::permissionSet/ssoins-…/ps-….',
      type: 'string',
      pattern:
        '^arn:aws[a-z-]*:sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$',
    },
  },
};
