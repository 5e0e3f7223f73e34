import {
  documentTypes,
  entityTypes,
  getEntityMeta,
  getEntitySchema,
  getInputSchema,
  type EntityType,
  type FilterableField,
} from '../../schemas';
import { errorResponses, json, pathParameter, ref } from './openapi-parts';
import { toOpenApiSchemas } from './schema-to-openapi';

/** An OpenAPI path item: operations by method. */
export type PathItem = Record<string, unknown>;

export interface OpenApiExtension {
  /** Paths relative to `/api`, e.g. `/workflows`, merged after the entity paths. */
  paths?: Record<string, PathItem>;
  /** Components referenced by those paths. */
  schemas?: Record<string, unknown>;
  /** Tags naming the groups of those paths. */
  tags?: { name: string; description?: string }[];
}

export interface OpenApiOptions {
  version?: string;
  /** Other route modules describe themselves here (workflows, runs, tasks, auth…). */
  extensions?: OpenApiExtension[];
}

const pascal = (type: EntityType) => type.charAt(0).toUpperCase() + type.slice(1);

const errorDescriptions: Record<number, string> = {
  400: 'Invalid request: a malformed body or parameter, a schema violation or an operator key',
  401: 'Authentication required',
  403: 'The caller may not do this',
  404: 'Unknown entity type or record',
  409: 'A unique key is taken',
  412: 'If-Match names a stale version',
  413: 'Body too large',
  422: 'A business rule refused the write: status transition, reference, stock or payment',
  429: 'Too many requests',
};

/**
 * Builds the OpenAPI 3.1 document of the API from the entity schemas: a component per entity type and
 * its input schema, every entity route with its typed list filters, and the one error shape. Other
 * route modules add their paths through `extensions`.
 *
 * @example
 * const doc = buildOpenApi({ extensions: [{ paths: { '/workflows': { get: { … } } } }] });
 */
export function buildOpenApi(options: OpenApiOptions = {}): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message', 'details'],
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            details: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'message'],
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    PossibleDuplicate: {
      type: 'object',
      required: ['id', 'title', 'reason', 'score'],
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        reason: { enum: ['sameEmail', 'sameName', 'similarName'] },
        score: { type: 'integer', minimum: 0, maximum: 10000 },
      },
    },
  };
  const paths: Record<string, PathItem> = {
    '/schemas': {
      get: {
        tags: ['schemas'],
        summary: 'List entity types',
        responses: {
          '200': { description: 'Entity types', content: json({ type: 'object' }) },
          ...errorResponses(401),
        },
      },
    },
    '/schemas/{type}': {
      get: {
        tags: ['schemas'],
        summary: 'Entity schema, input schema and metadata of a type',
        parameters: [{ name: 'type', in: 'path', required: true, schema: { enum: [...entityTypes] } }],
        responses: {
          '200': { description: 'Schema', content: json({ type: 'object' }) },
          ...errorResponses(401, 404),
        },
      },
    },
  };
  for (const type of entityTypes) {
    const name = pascal(type);
    Object.assign(
      schemas,
      toOpenApiSchemas(name, getEntitySchema(type)),
      toOpenApiSchemas(`${name}Input`, getInputSchema(type)),
    );
    Object.assign(paths, entityPaths(type, name));
  }
  paths['/entities/account/{id}/related'] = {
    get: {
      tags: ['account'],
      summary:
        "The account's contacts, opportunities, quotes, orders, invoices, payments, tickets and open balance",
      parameters: [idParameter],
      responses: {
        '200': {
          description: 'Related records',
          content: json({
            type: 'object',
            properties: {
              account: ref('Account'),
              ...Object.fromEntries(
                (
                  [
                    ['contacts', 'Contact'],
                    ['opportunities', 'Opportunity'],
                    ['quotes', 'Quote'],
                    ['orders', 'SalesOrder'],
                    ['invoices', 'Invoice'],
                    ['payments', 'Payment'],
                    ['tickets', 'Ticket'],
                  ] as const
                ).map(([key, component]) => [key, { type: 'array', items: ref(component) }]),
              ),
              openBalance: {
                type: 'object',
                properties: { amount: { type: 'integer' }, currency: { type: 'string' } },
              },
            },
          }),
        },
        ...errorResponses(401, 403, 404),
      },
    },
  };
  schemas.RelatedDocuments = relatedDocumentsSchema;
  for (const type of documentTypes) {
    paths[`/entities/${type}/{id}/related`] = {
      get: {
        tags: [type],
        summary: `The documents this ${getEntityMeta(type).label.toLowerCase()} was made from and that were made from it`,
        parameters: [idParameter],
        responses: {
          '200': { description: 'The document chain', content: json(ref('RelatedDocuments')) },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    };
  }
  const tags = [
    { name: 'schemas' },
    ...entityTypes.map((type) => ({ name: type, description: getEntityMeta(type).label })),
  ];
  for (const extension of options.extensions ?? []) {
    Object.assign(paths, extension.paths);
    Object.assign(schemas, extension.schemas);
    tags.push(...(extension.tags ?? []));
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Ledgerline API', version: options.version ?? '0.1.0' },
    servers: [{ url: '/api' }],
    tags,
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(
        Object.entries(errorDescriptions).map(([status, description]) => [
          `Error${status}`,
          { description, content: json(ref('Error')) },
        ]),
      ),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'ledgerline_session' },
      },
    },
  };
}

const idParameter = pathParameter('id');

const recordPointer = {
  type: 'object',
  required: ['entityType', 'id'],
  properties: { entityType: { enum: [...documentTypes] }, id: { type: 'string' } },
};
const relatedDocumentsSchema = {
  type: 'object',
  required: ['items', 'truncated'],
  properties: {
    items: {
      type: 'array',
      description: 'Upstream documents first, then downstream ones, each in flow order',
      items: {
        type: 'object',
        required: ['entityType', 'id', 'title', 'status', 'relation', 'depth', 'from', 'via'],
        properties: {
          entityType: { enum: [...documentTypes] },
          id: { type: 'string' },
          title: { type: 'string', description: 'The document number, or an opportunity name' },
          status: { type: ['string', 'null'] },
          relation: { enum: ['upstream', 'downstream'] },
          depth: { type: 'integer', minimum: 1, description: 'Links away from the record' },
          from: { ...recordPointer, description: 'The document one link closer to the record' },
          via: {
            type: 'object',
            required: ['entityType', 'field'],
            description: 'The reference joining the two: the type holding it and its field',
            properties: { entityType: { enum: [...documentTypes] }, field: { type: 'string' } },
          },
        },
      },
    },
    truncated: {
      type: 'boolean',
      description: 'True when the depth limit or the per-type cap left documents out',
    },
  },
};
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'The version the change is based on: 3, "3" or W/"3". A stale version gives 412.',
  schema: { type: 'string' },
};
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Repeating a write with the same key applies it once.',
  schema: { type: 'string', maxLength: 200 },
};
const etagHeader = { ETag: { description: 'The record version, e.g. "3"', schema: { type: 'string' } } };

function entityPaths(type: EntityType, name: string): Record<string, PathItem> {
  const meta = getEntityMeta(type);
  const record = ref(name);
  const created =
    meta.duplicateFields.length > 0
      ? {
          allOf: [
            record,
            {
              type: 'object',
              properties: { possibleDuplicates: { type: 'array', items: ref('PossibleDuplicate') } },
            },
          ],
        }
      : record;
  return {
    [`/entities/${type}`]: {
      get: {
        tags: [type],
        summary: `List ${meta.label.toLowerCase()} records`,
        parameters: listParameters(meta.filterable),
        responses: {
          '200': {
            description: 'One page',
            content: json({
              type: 'object',
              required: ['items', 'nextCursor'],
              properties: {
                items: { type: 'array', items: record },
                nextCursor: { type: ['string', 'null'] },
              },
            }),
          },
          ...errorResponses(400, 401, 403),
        },
      },
      post: {
        tags: [type],
        summary: `Create a ${meta.label.toLowerCase()}`,
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(ref(`${name}Input`)) },
        responses: {
          '201': { description: 'Created', headers: etagHeader, content: json(created) },
          '200': { description: 'Already created with this Idempotency-Key', content: json(record) },
          ...errorResponses(400, 401, 403, 409, 413, 422),
        },
      },
    },
    [`/entities/${type}/{id}`]: {
      get: {
        tags: [type],
        summary: `Read a ${meta.label.toLowerCase()}`,
        parameters: [idParameter],
        responses: {
          '200': { description: 'The record', headers: etagHeader, content: json(record) },
          ...errorResponses(401, 403, 404),
        },
      },
      patch: {
        tags: [type],
        summary: `Change a ${meta.label.toLowerCase()} with a JSON merge patch (RFC 7386)`,
        parameters: [idParameter, ifMatch, idempotencyKey],
        requestBody: {
          required: true,
          content: {
            'application/merge-patch+json': { schema: { type: 'object' } },
            'application/json': { schema: { type: 'object' } },
          },
        },
        responses: {
          '200': { description: 'The new version', headers: etagHeader, content: json(record) },
          ...errorResponses(400, 401, 403, 404, 409, 412, 413, 422),
        },
      },
      delete: {
        tags: [type],
        summary: `Archive a ${meta.label.toLowerCase()}`,
        parameters: [idParameter, ifMatch],
        responses: {
          '200': { description: 'The archived record', headers: etagHeader, content: json(record) },
          ...errorResponses(401, 403, 404, 412),
        },
      },
    },
  };
}

function listParameters(filterable: readonly FilterableField[]): unknown[] {
  const parameters: unknown[] = [
    {
      name: 'q',
      in: 'query',
      description: 'Case-insensitive prefix of a searchable field',
      schema: { type: 'string', maxLength: 200 },
    },
    {
      name: 'sort',
      in: 'query',
      description: 'Field, optionally prefixed with - for descending; default -updatedAt',
      schema: { type: 'string' },
    },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
    {
      name: 'cursor',
      in: 'query',
      description: 'nextCursor of the previous page',
      schema: { type: 'string' },
    },
    { name: 'includeArchived', in: 'query', schema: { type: 'boolean', default: false } },
  ];
  for (const field of filterable) {
    const schema = {
      type: field.type,
      ...(field.format === undefined ? {} : { format: field.format }),
      ...(field.enum === undefined ? {} : { enum: field.enum }),
    };
    parameters.push({ name: field.path, in: 'query', description: `Equals`, schema });
    parameters.push({
      name: `${field.path}[in]`,
      in: 'query',
      description: 'Any of these comma-separated values',
      schema: { type: 'string' },
    });
    const ordered =
      field.type === 'integer' ||
      field.type === 'number' ||
      field.format === 'date' ||
      field.format === 'date-time';
    if (ordered) {
      for (const op of ['gt', 'gte', 'lt', 'lte'])
        parameters.push({ name: `${field.path}[${op}]`, in: 'query', schema });
    }
  }
  return parameters;
}
