import type { NodeTypeDeclaration } from './node-type';
import { singleOutPort } from './node-type';
import { conditionParam, entityTypeParam, paramsObject } from './param-schemas';

/*
 * Triggers start runs. Their params are read by the server (dispatcher, scheduler, webhook
 * endpoint), never by the interpreter; inside a run a trigger node just hands its event on.
 */

export const triggerManual: NodeTypeDeclaration = {
  type: 'trigger.manual',
  group: 'trigger',
  label: 'Manual start',
  description: 'Started by a user or an API call with an input document.',
  paramsSchema: paramsObject({
    inputSchema: {
      type: 'object',
      title: 'Input schema',
      description: 'A JSON Schema (draft-07) for the run input; the start form is generated from it.',
      'x-literal': true,
    },
  }),
  ports: singleOutPort,
  outputDescription: 'The run input, also available as $input.',
  execution: 'trigger',
};

export const triggerEntity: NodeTypeDeclaration = {
  type: 'trigger.entity',
  group: 'trigger',
  label: 'Entity event',
  description: 'Started when a record of one entity type is created, updated or deleted.',
  paramsSchema: paramsObject(
    {
      entityType: { ...entityTypeParam, 'x-literal': true },
      events: {
        type: 'array',
        title: 'Events',
        items: { type: 'string', enum: ['created', 'updated', 'deleted'] },
        minItems: 1,
        uniqueItems: true,
        'x-literal': true,
      },
      condition: {
        ...conditionParam,
        description: 'Start only when this holds, e.g. =$trigger.entity.discountBp > 1000.',
      },
    },
    ['entityType', 'events'],
  ),
  ports: singleOutPort,
  outputDescription: 'The event: {event, entity, previous, changes}, also available as $trigger.',
  execution: 'trigger',
};

export const triggerSchedule: NodeTypeDeclaration = {
  type: 'trigger.schedule',
  group: 'trigger',
  label: 'Schedule',
  description: 'Started on a cron schedule (a Temporal Schedule); a run still going skips the next.',
  paramsSchema: paramsObject(
    {
      cron: {
        type: 'string',
        title: 'Cron expression',
        description:
          'Five fields: minute hour day-of-month month day-of-week, e.g. 0 7 * * mon-fri; or six with a leading second, e.g. */30 * * * * * (every 30 s); or @hourly, @daily, @weekly, @monthly, @yearly.',
        pattern: '^\\s*(@[a-z]+|\\S+(\\s+\\S+){4,5})\\s*$',
        'x-literal': true,
      },
      timezone: {
        type: 'string',
        title: 'Time zone',
        description: 'IANA time zone, e.g. Europe/Berlin. Default UTC.',
        minLength: 1,
        'x-literal': true,
      },
    },
    ['cron'],
  ),
  ports: singleOutPort,
  outputDescription: 'The schedule event: {event: "schedule", scheduledAt}, also available as $trigger.',
  execution: 'trigger',
};

export const triggerWebhook: NodeTypeDeclaration = {
  type: 'trigger.webhook',
  group: 'trigger',
  label: 'Webhook',
  description:
    'Started by POST /hooks/:hookId with its secret token; an Idempotency-Key header starts one run per key.',
  paramsSchema: paramsObject({
    payloadSchema: {
      type: 'object',
      title: 'Payload schema',
      description:
        'A JSON Schema (draft-07) the payload must satisfy; other payloads get 400 naming the paths.',
      'x-literal': true,
    },
    signature: {
      type: 'object',
      title: 'Signature',
      description:
        'HMAC-SHA256 of a timestamp and the raw body with the hook\'s signing secret, sent as t=<unix seconds>,v1=<hex of HMAC("<t>." + body)>, within 5 minutes of the server clock. Required: calls without it get 401; otherwise it is checked when sent.',
      additionalProperties: false,
      properties: {
        header: {
          type: 'string',
          title: 'Header',
          description: 'Default X-Ledgerline-Signature.',
          pattern: '^[A-Za-z0-9-]{1,64}$',
        },
        required: { type: 'boolean', title: 'Required', description: 'Default true.' },
      },
      'x-literal': true,
    },
    respond: {
      type: 'string',
      title: 'Reply',
      description:
        "immediately: 202 {runId} at once. whenDone: 200 with the run's output when it ends. node: 200 with the output of the Reply node once it has run. Past the wait, 202 {runId}.",
      enum: ['immediately', 'whenDone', 'node'],
      default: 'immediately',
    },
    respondNode: {
      type: 'string',
      title: 'Reply node',
      description: 'With reply "node": the id of the node whose output answers the call.',
      minLength: 1,
    },
    respondTimeoutSeconds: {
      type: 'integer',
      title: 'Reply wait (seconds)',
      description: 'The longest the call waits for its answer before 202 {runId}; default 30.',
      minimum: 1,
      maximum: 120,
    },
  }),
  ports: singleOutPort,
  outputDescription:
    'The request: {event: "webhook", hookId, payload, headers (without credentials), idempotencyKey, receivedAt}, also available as $trigger.',
  execution: 'trigger',
};
