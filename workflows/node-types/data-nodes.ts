import type { JsonSchema } from '../definition/json-schema';
import type { NodeTypeDeclaration } from './node-type';
import { singleOutPort } from './node-type';
import { entityTypeParam, paramsObject, recordIdParam, storeActivity } from './param-schemas';

const fieldName = '^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$';
const topLevelField = '^[A-Za-z][A-Za-z0-9_]*$';

export const entityCreate: NodeTypeDeclaration = {
  type: 'entity.create',
  group: 'data',
  label: 'Create record',
  description: 'Creates a record; its schema and business rules are checked by the server.',
  paramsSchema: paramsObject(
    {
      entityType: entityTypeParam,
      data: {
        type: 'object',
        title: 'Data',
        description: 'Field values; each may be an expression.',
      },
    },
    ['entityType', 'data'],
  ),
  ports: singleOutPort,
  outputDescription: 'The created record, with _id and version.',
  execution: 'activity',
  activity: storeActivity,
  compensation: {
    activity: 'entity.archive',
    description: 'Archives the created record.',
    params: (params, output) => {
      const id = recordId(output);
      return id === undefined ? undefined : { entityType: params.entityType, id };
    },
  },
};

export const entityUpsert: NodeTypeDeclaration = {
  type: 'entity.upsert',
  group: 'data',
  label: 'Find or create record',
  description:
    'Returns the live record whose match fields equal the data, or creates it: one record per match, however many runs race for it.',
  paramsSchema: paramsObject(
    {
      entityType: entityTypeParam,
      match: {
        type: 'array',
        title: 'Match on',
        description: 'The fields that identify the record, e.g. email; each must be set in Data.',
        items: { type: 'string', pattern: topLevelField },
        minItems: 1,
        maxItems: 5,
        uniqueItems: true,
      },
      caseInsensitive: {
        type: 'boolean',
        title: 'Ignore case',
        description: 'Text values match trimmed and case-insensitively, as emails should.',
        default: false,
      },
      data: {
        type: 'object',
        title: 'Data',
        description: 'Field values of the record to create; each may be an expression.',
      },
    },
    ['entityType', 'match', 'data'],
  ),
  ports: singleOutPort,
  outputDescription:
    '{created, record}: created is false when the record existed (or a racing run created it).',
  execution: 'activity',
  activity: storeActivity,
  compensation: {
    activity: 'entity.archive',
    description: 'Archives the record, if this node created it.',
    params: (params, output) => {
      const { created, record } = (output ?? {}) as { created?: unknown; record?: unknown };
      const id = created === true ? recordId(record) : undefined;
      return id === undefined ? undefined : { entityType: params.entityType, id };
    },
  },
};

export const entityUpdate: NodeTypeDeclaration = {
  type: 'entity.update',
  group: 'data',
  label: 'Update record',
  description:
    'Applies changes to a record (a JSON merge patch); status changes must be allowed transitions.',
  paramsSchema: paramsObject(
    {
      entityType: entityTypeParam,
      id: recordIdParam,
      changes: {
        type: 'object',
        title: 'Changes',
        description: 'Fields to set; null removes a field. Each value may be an expression.',
        minProperties: 1,
      },
      expectedVersion: {
        type: 'integer',
        title: 'Expected version',
        description: 'Fail with ConflictError unless the record is still at this version.',
        minimum: 1,
      },
    },
    ['entityType', 'id', 'changes'],
  ),
  ports: singleOutPort,
  outputDescription: 'The updated record.',
  execution: 'activity',
  activity: storeActivity,
};

export const entityGet: NodeTypeDeclaration = {
  type: 'entity.get',
  group: 'data',
  label: 'Get record',
  description: 'Reads one record by id; a missing record fails with NotFoundError.',
  paramsSchema: paramsObject({ entityType: entityTypeParam, id: recordIdParam }, ['entityType', 'id']),
  ports: singleOutPort,
  outputDescription: 'The record.',
  execution: 'activity',
  activity: storeActivity,
};

/** The most records an all-pages entity.query returns. */
export const queryAllPagesMaxItems = 10_000;

/** One condition of an entity.query `where`: a filterable field, an operator and a value. */
const queryCondition: JsonSchema = {
  type: 'object',
  required: ['field', 'op'],
  additionalProperties: false,
  properties: {
    field: { type: 'string', pattern: fieldName },
    op: { enum: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'ieq'] },
    value: {},
  },
};

export const entityQuery: NodeTypeDeclaration = {
  type: 'entity.query',
  group: 'data',
  label: 'Find records',
  description:
    'Finds records by conditions on their filterable fields (eq, ne, gt, gte, lt, lte, in, nin, exists, ieq; and/or groups), sorted, a page at a time or all pages up to a bound.',
  paramsSchema: paramsObject(
    {
      entityType: entityTypeParam,
      filter: {
        type: 'object',
        title: 'Filter',
        description: 'Field name to the value it must equal. Operators are not accepted here; use Where.',
        propertyNames: { pattern: fieldName },
        additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
      },
      where: {
        type: 'object',
        title: 'Where',
        description:
          'A condition {field, op, value}, or a group {and: [...]} / {or: [...]} of them, nested up to 4 deep, at most 50 conditions. Values may be expressions.',
        anyOf: [
          queryCondition,
          {
            type: 'object',
            required: ['and'],
            additionalProperties: false,
            properties: { and: { type: 'array', minItems: 1 } },
          },
          {
            type: 'object',
            required: ['or'],
            additionalProperties: false,
            properties: { or: { type: 'array', minItems: 1 } },
          },
        ],
      },
      sort: {
        type: 'string',
        title: 'Sort',
        description: 'A field name, with a leading - for descending, e.g. -updatedAt.',
        pattern: `^-?${fieldName.slice(1)}`,
      },
      limit: {
        type: 'integer',
        title: 'Limit',
        description: 'Records in one page.',
        minimum: 1,
        maximum: 1000,
        default: 50,
      },
      cursor: {
        type: 'string',
        title: 'Cursor',
        description: 'Continue after an earlier page: its nextCursor, e.g. =$nodes.find.nextCursor.',
      },
      allPages: {
        type: 'boolean',
        title: 'All pages',
        description: `Read page after page, up to ${queryAllPagesMaxItems} records or 1 MB; complete says whether it read them all.`,
        default: false,
      },
    },
    ['entityType'],
  ),
  ports: singleOutPort,
  outputDescription:
    '{items, nextCursor, complete}: nextCursor continues after the last item (null at the end); complete is false when more records match.',
  execution: 'activity',
  activity: storeActivity,
};

export const dataSet: NodeTypeDeclaration = {
  type: 'data.set',
  group: 'data',
  label: 'Set variables',
  description: 'Computes values and adds them to $vars for the nodes after it.',
  paramsSchema: paramsObject(
    {
      values: {
        type: 'object',
        title: 'Values',
        description: 'Variable name to a literal or an expression.',
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      },
    },
    ['values'],
  ),
  ports: singleOutPort,
  outputDescription: 'The computed values; $vars after it holds them too.',
  execution: 'pure',
};

/** The `_id` of a record an activity returned, if it returned one. */
function recordId(output: unknown): string | undefined {
  if (typeof output !== 'object' || output === null) return undefined;
  const id = (output as { _id?: unknown })._id;
  return typeof id === 'string' ? id : undefined;
}
