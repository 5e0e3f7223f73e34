import { errorResponses, json, pathParameter, ref, type OpenApiExtension } from '../../openapi';

const list = {
  description: 'Schedules',
  content: json({ type: 'object', properties: { items: { type: 'array', items: ref('Schedule') } } }),
};

/** The schedule routes in the OpenAPI document. */
export const schedulesOpenApi: OpenApiExtension = {
  tags: [{ name: 'schedules', description: 'Temporal Schedules of published schedule triggers' }],
  schemas: {
    Schedule: {
      type: 'object',
      required: [
        'id',
        'workflowId',
        'version',
        'nodeId',
        'cron',
        'timezone',
        'state',
        'paused',
        'nextActionTimes',
      ],
      properties: {
        id: { type: 'string' },
        workflowId: { type: 'string' },
        version: { type: 'integer' },
        nodeId: { type: 'string' },
        cron: { type: 'string' },
        timezone: { type: 'string' },
        state: { enum: ['pending', 'synced', 'deleting'] },
        error: { type: ['string', 'null'] },
        paused: { type: ['boolean', 'null'] },
        note: { type: ['string', 'null'] },
        nextActionTimes: { type: 'array', items: { type: 'string', format: 'date-time' } },
        recentActions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              scheduledAt: { type: 'string', format: 'date-time' },
              takenAt: { type: 'string', format: 'date-time' },
              runId: { type: 'string' },
            },
          },
        },
      },
    },
  },
  paths: {
    '/schedules': {
      get: {
        tags: ['schedules'],
        summary: 'Every schedule, or those of one workflow',
        parameters: [{ name: 'workflowId', in: 'query', schema: { type: 'string' } }],
        responses: { '200': list, ...errorResponses(401, 403) },
      },
    },
    '/workflows/{id}/schedules': {
      get: {
        tags: ['schedules'],
        summary: "A workflow's schedules",
        parameters: [pathParameter('id')],
        responses: { '200': list, ...errorResponses(401, 403, 404) },
      },
    },
  },
};
