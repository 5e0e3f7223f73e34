import type { JsonSchema } from './json-schema';
import schemaJson from './workflow-definition.schema.json';

/** The JSON Schema (draft-07) every stored workflow definition must satisfy before its meaning is checked. */
export const workflowDefinitionSchema: JsonSchema = schemaJson as JsonSchema;
