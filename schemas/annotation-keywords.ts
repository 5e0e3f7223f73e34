import type Ajv from 'ajv';
import type { KeywordDefinition } from 'ajv';

const stringList = { type: 'array', items: { type: 'string' } };

/**
 * The `x-` annotation keywords of the entity schemas (documented on {@link JsonSchema}). Ajv's strict mode
 * rejects unknown keywords, so each is registered as an annotation: it never affects validation, but its
 * value is checked against the meta-schema below when a schema compiles, so a malformed annotation fails
 * fast. Meaning checks across fields and types live in check-entity-schema.ts.
 */
export const annotationKeywords: readonly KeywordDefinition[] = [
  { keyword: 'x-entity', metaSchema: { type: 'string', pattern: '^[a-z][A-Za-z]*$' } },
  { keyword: 'x-group', metaSchema: { enum: ['crm', 'erp'] } },
  { keyword: 'x-title', metaSchema: { type: 'string' } },
  {
    keyword: 'x-unique-keys',
    metaSchema: {
      type: 'array',
      items: {
        oneOf: [
          { ...stringList, minItems: 2 },
          {
            type: 'object',
            additionalProperties: false,
            required: ['fields'],
            properties: {
              fields: { ...stringList, minItems: 1 },
              when: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  additionalProperties: false,
                  minProperties: 1,
                  properties: { eq: {}, ne: {}, in: { type: 'array' }, nin: { type: 'array' } },
                },
              },
              caseInsensitive: { type: 'boolean' },
            },
          },
        ],
      },
    },
  },
  { keyword: 'x-computed', metaSchema: { enum: ['totals', 'payments', 'stock'] } },
  { keyword: 'x-ref', metaSchema: { type: 'string' } },
  { keyword: 'x-unique', metaSchema: { const: true } },
  {
    keyword: 'x-numbering',
    metaSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['prefix'],
      properties: { prefix: { type: 'string', pattern: '^[A-Z]{2,5}$' } },
    },
  },
  { keyword: 'x-transitions', metaSchema: { type: 'object', additionalProperties: stringList } },
  { keyword: 'x-initial', metaSchema: { ...stringList, minItems: 1 } },
  {
    keyword: 'x-controlled',
    metaSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['roles'],
      properties: { roles: { ...stringList, minItems: 1 }, freeIn: { ...stringList, minItems: 1 } },
    },
  },
  {
    keyword: 'x-transition-roles',
    metaSchema: { type: 'object', minProperties: 1, additionalProperties: { ...stringList, minItems: 1 } },
  },
  { keyword: 'x-filterable', metaSchema: { const: true } },
  { keyword: 'x-searchable', metaSchema: { const: true } },
  { keyword: 'x-duplicate', metaSchema: { enum: ['name', 'email'] } },
];

/** Registers the `x-` annotation keywords on an ajv instance so strict mode accepts the entity schemas. */
export function addAnnotationKeywords(ajv: Ajv): Ajv {
  for (const definition of annotationKeywords) ajv.addKeyword(definition);
  return ajv;
}
