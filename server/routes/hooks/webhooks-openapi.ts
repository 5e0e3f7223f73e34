import { errorResponses, json, pathParameter, ref, type OpenApiExtension } from '../../openapi';

/** The webhook routes in the OpenAPI document: the public endpoint and the designers' API. */
export const webhooksOpenApi: OpenApiExtension = {
  tags: [{ name: 'webhooks', description: 'Webhook triggers: POST /hooks/:hookId and their credentials' }],
  schemas: {
    WebhookCredentials: {
      type: 'object',
      description: 'Shown only by the call that creates or rotates them.',
      required: ['hookId', 'nodeId', 'path', 'token', 'signingSecret'],
      properties: {
        hookId: { type: 'string' },
        nodeId: { type: 'string' },
        path: { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
        signingSecret: { type: 'string' },
        rotatedAt: { type: 'string', format: 'date-time' },
      },
    },
    Webhook: {
      type: 'object',
      required: [
        'hookId',
        'nodeId',
        'url',
        'live',
        'signature',
        'tokenHint',
        'createdAt',
        'rotatedAt',
        'revokedAt',
      ],
      properties: {
        hookId: { type: 'string' },
        nodeId: { type: 'string' },
        url: { type: 'string' },
        live: { type: 'boolean', description: 'The published version has this webhook trigger.' },
        signature: {
          type: ['object', 'null'],
          properties: { header: { type: 'string' }, required: { type: 'boolean' } },
        },
        tokenHint: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
        rotatedAt: { type: ['string', 'null'], format: 'date-time' },
        revokedAt: {
          type: ['string', 'null'],
          format: 'date-time',
          description: 'Set while the token is revoked; a rotate issues a working one.',
        },
      },
    },
  },
  paths: {
    '/hooks/{hookId}': {
      servers: [{ url: '/' }],
      post: {
        tags: ['webhooks'],
        summary: 'Start a run of the webhook trigger',
        security: [],
        parameters: [
          pathParameter('hookId'),
          {
            name: 'X-Ledgerline-Token',
            in: 'header',
            description: 'The hook token (or Authorization: Bearer <token>).',
            schema: { type: 'string' },
          },
          {
            name: 'Idempotency-Key',
            in: 'header',
            description: 'One run per key, however often and however late it is repeated.',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
          {
            name: 'X-Ledgerline-Signature',
            in: 'header',
            description:
              't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." and the raw body>, within 5 minutes of the server clock, when the trigger asks for a signature.',
            schema: { type: 'string' },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: {} },
            'application/x-www-form-urlencoded': { schema: { type: 'object' } },
          },
        },
        responses: {
          '202': {
            description: 'The run started, or the run of this Idempotency-Key',
            content: json({ type: 'object', required: ['runId'], properties: { runId: { type: 'string' } } }),
          },
          ...errorResponses(400, 401, 404, 409, 413, 429),
          '503': { description: 'Temporal is not reachable; retry', content: json(ref('Error')) },
        },
      },
    },
    '/workflows/{id}/webhooks': {
      get: {
        tags: ['webhooks'],
        summary: "A workflow's webhooks, without secrets",
        parameters: [pathParameter('id')],
        responses: {
          '200': {
            description: 'Webhooks',
            content: json({
              type: 'object',
              properties: { items: { type: 'array', items: ref('Webhook') } },
            }),
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    '/workflows/{id}/webhooks/{nodeId}/rotate': {
      post: {
        tags: ['webhooks'],
        summary: 'Replace the token and signing secret; the old ones stop working',
        parameters: [pathParameter('id'), pathParameter('nodeId')],
        responses: {
          '200': { description: 'The new credentials, shown once', content: json(ref('WebhookCredentials')) },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    '/workflows/{id}/webhooks/{nodeId}/revoke': {
      post: {
        tags: ['webhooks'],
        summary: 'Stop the token working until the next rotate',
        parameters: [pathParameter('id'), pathParameter('nodeId')],
        responses: {
          '200': {
            description: 'The hook and when it was revoked',
            content: json({
              type: 'object',
              required: ['hookId', 'nodeId', 'revokedAt'],
              properties: {
                hookId: { type: 'string' },
                nodeId: { type: 'string' },
                revokedAt: { type: 'string', format: 'date-time' },
              },
            }),
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
  },
};
