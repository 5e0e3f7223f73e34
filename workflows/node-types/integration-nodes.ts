import type { NodeTypeDeclaration } from './node-type';
import { singleOutPort } from './node-type';
import { externalActivity, paramsObject, recipientsParam } from './param-schemas';

export const httpRequest: NodeTypeDeclaration = {
  type: 'http.request',
  group: 'integration',
  label: 'HTTP request',
  description:
    'Calls an HTTP endpoint, optionally authenticated with a stored credential. Private, loopback and link-local addresses are refused unless allowlisted.',
  paramsSchema: paramsObject(
    {
      method: {
        type: 'string',
        title: 'Method',
        enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'],
        default: 'GET',
      },
      url: { type: 'string', title: 'URL', pattern: '^https?://' },
      headers: {
        type: 'object',
        title: 'Headers',
        additionalProperties: { type: 'string' },
      },
      body: { title: 'Body', description: 'Sent as JSON unless it is a string.' },
      credentialId: {
        type: 'string',
        title: 'Credential',
        description:
          'A stored credential (Credentials page) whose header the worker adds to the request; the secret never enters the definition or the run.',
        pattern: '^cred_[A-Za-z0-9_-]+$',
        // Named at design time, so that "where used" and the delete check can find it.
        'x-literal': true,
      },
      timeoutMs: {
        type: 'integer',
        title: 'Timeout (ms)',
        minimum: 100,
        maximum: 120000,
        default: 10000,
      },
      failOn: {
        type: 'array',
        title: 'Fail on status',
        description:
          'Statuses that fail the node: codes such as 404 or classes such as "5xx". Default: 4xx and 5xx.',
        items: {
          type: ['integer', 'string'],
          pattern: '^([1-5]xx|[1-5][0-9][0-9])$',
          minimum: 100,
          maximum: 599,
        },
        maxItems: 50,
      },
      retryOn: {
        type: 'array',
        title: 'Retry on status',
        description:
          'Failing statuses retried by the retry policy, honouring Retry-After. Default: 408, 425, 429, 500, 502, 503, 504.',
        items: {
          type: ['integer', 'string'],
          pattern: '^([1-5]xx|[1-5][0-9][0-9])$',
          minimum: 100,
          maximum: 599,
        },
        maxItems: 50,
      },
    },
    ['method', 'url'],
  ),
  ports: singleOutPort,
  outputDescription:
    'The response: {status, headers, body}. A status in failOn (default 400 and above) fails the node: statuses in retryOn (408, 425, 429, 500, 502, 503, 504) are retried first, after Retry-After; the error port then gets $error.status, $error.headers and $error.body (cut to 2,000 characters).',
  execution: 'activity',
  activity: externalActivity,
};

export const notifyEmail: NodeTypeDeclaration = {
  type: 'notify.email',
  group: 'integration',
  label: 'Send email',
  description: 'Sends a plain-text email.',
  paramsSchema: paramsObject(
    {
      to: recipientsParam,
      subject: { type: 'string', title: 'Subject', minLength: 1, maxLength: 400 },
      body: { type: 'string', title: 'Body' },
    },
    ['to', 'subject', 'body'],
  ),
  ports: singleOutPort,
  outputDescription: 'The delivery: {messageId}.',
  execution: 'activity',
  activity: externalActivity,
};
