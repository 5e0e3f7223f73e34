/**
 * The subset of JSON Schema draft-07 that node-type params schemas and the workflow definition
 * schema use. Declared here rather than imported so that `workflows/` has no type dependency
 * that package.json does not name.
 */
export type JsonSchemaTypeName = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $comment?: string;
  title?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  type?: JsonSchemaTypeName | JsonSchemaTypeName[];
  enum?: unknown[];
  const?: unknown;
  // strings
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  // numbers
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  // arrays
  items?: JsonSchema | JsonSchema[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  // objects
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  minProperties?: number;
  maxProperties?: number;
  propertyNames?: JsonSchema;
  // combinators
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  not?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema | boolean;
  else?: JsonSchema | boolean;
  definitions?: Record<string, JsonSchema>;
  /**
   * Ledgerline annotation: the value must be written literally in the definition, never as an
   * `=expression`, because it is read before any run exists (a trigger's entity type, a switch
   * case's port name, a join's mode).
   */
  'x-literal'?: boolean;
}
