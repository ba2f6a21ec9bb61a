// Types of scripts/validators.mjs, for the test that checks the generated module is up to date.
type JsonSchema = Record<string, unknown>;

export interface ShippedSchemas {
  policy: JsonSchema;
  grant: JsonSchema;
  providerGrants: Record<string, JsonSchema>;
  ajvOptions: Record<string, unknown>;
}

export declare const GENERATED_VALIDATORS: string;
export declare function shippedSchemas(root: string): Promise<ShippedSchemas>;
export declare function validatorModule(root: string, schemas: ShippedSchemas): Promise<string>;
