import { errorResponses, json, pathParameter, ref, type OpenApiExtension } from '../../openapi';

const scalar = { type: ['string', 'number', 'integer', 'boolean'] };
const definitionProperties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  description: { type: 'string', maxLength: 2000 },
  entityType: { type: 'string' },
  filters: {
    type: 'array',
    maxItems: 20,
    items: {
      type: 'object',
      required: ['field', 'op', 'value'],
      properties: {
        field: { type: 'string' },
        op: { enum: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'ieq'] },
        value: {
          description:
            'A value of the field’s type; a list for in and nin; dates may be today, today-N or today+N.',
          anyOf: [scalar, { type: 'array', items: scalar }],
        },
      },
    },
  },
  columns: { type: 'array', minItems: 1, maxItems: 30, items: { type: 'string' } },
  sort: {
    type: 'object',
    required: ['field', 'direction'],
    properties: { field: { type: 'string' }, direction: { enum: ['asc', 'desc'] } },
  },
  groupBy: {
    type: 'object',
    required: ['field'],
    properties: { field: { type: 'string' }, sums: { type: 'array', items: { type: 'string' } } },
  },
};

/** The report routes in the OpenAPI document. */
export const reportsOpenApi: OpenApiExtension = {
  tags: [{ name: 'reports', description: 'Saved list queries with grouping and CSV export' }],
  schemas: {
    ReportDefinition: {
      type: 'object',
      required: ['name', 'entityType', 'columns'],
      additionalProperties: false,
      properties: definitionProperties,
    },
    Report: {
      type: 'object',
      required: ['_id', 'name', 'entityType', 'filters', 'columns', 'builtIn', 'version'],
      properties: {
        _id: { type: 'string' },
        ...definitionProperties,
        builtIn: { type: 'boolean' },
        version: { type: 'integer' },
        createdAt: { type: 'string', format: 'date-time' },
        createdBy: { type: 'string' },
        updatedAt: { type: 'string', format: 'date-time' },
        updatedBy: { type: 'string' },
      },
    },
  },
  paths: {
    '/reports': {
      get: {
        tags: ['reports'],
        summary: 'Built-in and saved reports on entity types the caller may read',
        responses: {
          '200': {
            description: 'Reports',
            content: json({ type: 'object', properties: { items: { type: 'array', items: ref('Report') } } }),
          },
          ...errorResponses(400, 401),
        },
      },
      post: {
        tags: ['reports'],
        summary: 'Save a report',
        requestBody: { required: true, content: json(ref('ReportDefinition')) },
        responses: {
          '201': { description: 'Saved', content: json(ref('Report')) },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    '/reports/{id}': {
      parameters: [pathParameter('id')],
      get: {
        tags: ['reports'],
        summary: 'A report',
        responses: {
          '200': { description: 'The report', content: json(ref('Report')) },
          ...errorResponses(401, 403, 404),
        },
      },
      put: {
        tags: ['reports'],
        summary: 'Replace a saved report (built-in reports are read-only)',
        requestBody: { required: true, content: json(ref('ReportDefinition')) },
        responses: {
          '200': { description: 'Saved', content: json(ref('Report')) },
          ...errorResponses(400, 401, 403, 404),
        },
      },
      delete: {
        tags: ['reports'],
        summary: 'Delete a saved report',
        responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404) },
      },
    },
    '/reports/{id}/rows': {
      get: {
        tags: ['reports'],
        summary: 'A page of the report’s rows; the first page also has its group rows',
        parameters: [
          pathParameter('id'),
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'Rows',
            content: json({
              type: 'object',
              required: ['columns', 'items', 'nextCursor'],
              properties: {
                columns: { type: 'array', items: { type: 'object' } },
                items: { type: 'array', items: { type: 'object' } },
                nextCursor: { type: ['string', 'null'] },
                groups: { type: 'object' },
              },
            }),
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    '/reports/{id}/export.csv': {
      get: {
        tags: ['reports'],
        summary: 'The report as CSV (RFC 4180; formula-like cells prefixed with an apostrophe)',
        parameters: [
          pathParameter('id'),
          { name: 'view', in: 'query', schema: { enum: ['rows', 'groups'] } },
        ],
        responses: {
          '200': {
            description: 'CSV, at most 10,000 rows',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
  },
};
