#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  providerSettings
} from "./chunk-MEJTM6IP.js";
import {
  __export
} from "./chunk-LC3XKIL7.js";

// src/providers/aws-identity-center/schema.ts
var schema_exports = {};
__export(schema_exports, {
  grant: () => grant,
  settings: () => settings
});
var settings = providerSettings(
  "aws-identity-center",
  "AWS IAM Identity Center, where access is an account assignment of a permission set to a user. Credentials come from the standard AWS environment (for example OIDC role assumption in the workflow).",
  {
    instance_arn: {
      description: "The IAM Identity Center instance ARN, arn:aws:sso:::instance/ssoins-\u2026.",
      type: "string",
      pattern: "^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$"
    },
    identity_store_id: {
      description: "The identity store ID, d-\u2026.",
      type: "string",
      pattern: "^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    },
    region: {
      description: "The AWS region of the instance, e.g. eu-west-1.",
      type: "string",
      pattern: "^[a-z]{2}(-[a-z]+)+-\\d$"
    }
  },
  ["instance_arn", "identity_store_id", "region"]
);
var grant = {
  type: "object",
  description: "What a grant of this role gives at an aws-identity-center provider.",
  additionalProperties: false,
  required: ["account_id", "permission_set_arn"],
  properties: {
    account_id: {
      description: "The 12-digit AWS account ID.",
      type: "string",
      pattern: "^\\d{12}$"
    },
    permission_set_arn: {
      description: "The permission set ARN, arn:aws:sso:::permissionSet/ssoins-\u2026/ps-\u2026.",
      type: "string",
      pattern: "^arn:aws[a-z-]*:sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"
    }
  }
};

export {
  settings,
  grant,
  schema_exports
};
