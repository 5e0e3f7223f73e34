import { createHmac, randomBytes } from 'node:crypto';
import { createWebhookStore, type WebhookRecord } from '../../../domain/webhooks';
import { createWorkflowStore } from '../../../domain/workflows';
import { createLogger } from '../../../platform/logger';
import { createApp } from '../../../server/app';
import { hookRoutes } from '../../../server/routes/hooks';
import { listen } from '../../setup/listen';
import { eventually } from '../../support/eventually';
import { createPublished, startTriggerApp, type TriggerApp } from '../schedules/trigger-app';

/*
 * The webhook endpoint against the real Temporal dev server and store, through the whole server
 * app: credentials shown once, token and signature checks, payload validation, idempotent starts
 * under concurrency, rotation, limits, and every client mistake answered with a 4xx.
 */

let app: TriggerApp;
const maxBodyBytes = 4096;

beforeAll(async () => {
  app = await startTriggerApp('hooks', {
    webhookLimits: { perHook: 1000, failedPerAddress: 1000, maxBodyBytes },
  });
});

afterAll(async () => {
  await app.close();
});

interface Credentials {
  hookId: string;
  nodeId: string;
  path: string;
  token: string;
  signingSecret: string;
}

const orderSchema = {
  type: 'object',
  required: ['orderId', 'amount'],
  properties: { orderId: { type: 'string' }, amount: { type: 'integer', minimum: 1 } },
};

function hookWorkflow(
  name: string,
  params: Record<string, unknown> = { payloadSchema: orderSchema },
): object {
  return {
    name,
    nodes: [
      { id: 'incoming', type: 'trigger.webhook', params },
      {
        id: 'done',
        type: 'flow.end',
        params: {
          output:
            '={"payload": $trigger.payload, "input": $input, "headers": $trigger.headers, "key": $trigger.idempotencyKey}',
        },
      },
    ],
    edges: [{ id: 'e1', source: 'incoming', target: 'done' }],
  };
}

async function publishedHook(name: string, params?: Record<string, unknown>) {
  const { workflowId, published } = await createPublished(app, hookWorkflow(name, params));
  expect(published.status).toBe(200);
  const [credentials] = published.body.webhooks as Credentials[];
  return { workflowId, credentials: credentials! };
}

async function callHook(
  hookId: string,
  options: { body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<{
  status: number;
  body: { runId?: string; error?: { code: string; message: string; details: unknown[] } };
}> {
  const response = await fetch(`${app.url}/hooks/${hookId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body ?? JSON.stringify({ orderId: 'SO-1', amount: 100 }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

function executions(workflowId: string): Promise<number> {
  return app.services.temporal.workflow
    .count(`LedgerlineWorkflowId = "${workflowId}" AND LedgerlineTrigger = "webhook"`)
    .then((result) => result.count);
}

test('publish shows the hook credentials once; read APIs never return them', async () => {
  const { workflowId, credentials } = await publishedHook('Order webhook');
  expect(credentials).toEqual({
    hookId: expect.stringMatching(/^hk_[\w-]{22}$/),
    nodeId: 'incoming',
    path: `/hooks/${credentials.hookId}`,
    token: expect.stringMatching(/^llh_[\w-]{43}$/),
    signingSecret: expect.stringMatching(/^llw_[\w-]{43}$/),
  });
  const listed = await app.api('GET', `/workflows/${workflowId}/webhooks`);
  expect(listed.status).toBe(200);
  expect(listed.body).toEqual({
    items: [
      {
        hookId: credentials.hookId,
        nodeId: 'incoming',
        url: `${app.url}/hooks/${credentials.hookId}`,
        live: true,
        signature: null,
        tokenHint: `${credentials.token.slice(0, 8)}…`,
        createdAt: expect.any(String),
        rotatedAt: null,
        revokedAt: null,
      },
    ],
  });
  const everything = JSON.stringify([
    listed.body,
    (await app.api('GET', `/workflows/${workflowId}`)).body,
    (await app.api('GET', `/workflows/${workflowId}/versions/1`)).body,
  ]);
  expect(everything).not.toContain(credentials.token);
  expect(everything).not.toContain(credentials.signingSecret);
  // At rest: the token only as a hash, the signing secret only sealed.
  const stored = await app.services.db
    .collection<WebhookRecord>('webhooks')
    .findOne({ _id: credentials.hookId });
  expect(JSON.stringify(stored)).not.toContain(credentials.token.slice(4));
  expect(JSON.stringify(stored)).not.toContain(credentials.signingSecret.slice(4));

  // A new version keeps the hook and its secrets: no new credentials are issued.
  const again = await app.api('POST', `/workflows/${workflowId}/publish`);
  expect(again.body).toEqual({ workflowId, version: 2, publishedAt: expect.any(String) });
  expect((await app.api('GET', `/workflows/${workflowId}/webhooks`)).body.items[0].hookId).toBe(
    credentials.hookId,
  );
});

test('a call starts a run with the payload as $trigger.payload and $input, without credentials in its headers', async () => {
  const { credentials } = await publishedHook('Run webhook');
  await app.services.withWorker(async () => {
    const response = await callHook(credentials.hookId, {
      headers: { authorization: `Bearer ${credentials.token}`, 'x-source': 'erp' },
    });
    expect(response).toEqual({ status: 202, body: { runId: expect.stringMatching(/^run-/) } });
    const result = (await app.services.temporal.workflow.getHandle(response.body.runId!).result()) as {
      payload: unknown;
      input: unknown;
      headers: Record<string, string>;
      key: unknown;
    };
    expect(result.payload).toEqual({ orderId: 'SO-1', amount: 100 });
    expect(result.input).toEqual({ orderId: 'SO-1', amount: 100 });
    expect(result.key).toBeNull();
    expect(result.headers['x-source']).toBe('erp');
    expect(result.headers.authorization).toBeUndefined();
  });
});

test('100 concurrent calls with one Idempotency-Key start one run, and a later repeat gets the same run', async () => {
  const { workflowId, credentials } = await publishedHook('Idempotent webhook');
  const headers = { 'x-ledgerline-token': credentials.token, 'idempotency-key': 'order-SO-1-created' };
  const responses = await Promise.all(
    Array.from({ length: 100 }, () => callHook(credentials.hookId, { headers })),
  );
  const statuses = responses.map((response) => response.status);
  const runIds = new Set(responses.map((response) => response.body.runId));
  expect(statuses).toEqual(Array.from({ length: 100 }, () => 202));
  expect(runIds.size).toBe(1);
  const [runId] = [...runIds];
  expect(runId).toMatch(/^hook-hk_[\w-]+-[0-9a-f]{40}$/);
  expect(
    await eventually(async () => ((await executions(workflowId)) >= 1 ? executions(workflowId) : undefined)),
  ).toBe(1);

  await app.services.withWorker(async () => {
    await app.services.temporal.workflow.getHandle(runId!).result();
  });
  // The run has closed; the same key still names it and starts nothing.
  expect(await callHook(credentials.hookId, { headers })).toEqual({ status: 202, body: { runId } });
  expect(await executions(workflowId)).toBe(1);
  const other = await callHook(credentials.hookId, {
    headers: { ...headers, 'idempotency-key': 'order-SO-2' },
  });
  expect(other.status).toBe(202);
  expect(other.body.runId).not.toBe(runId);
});

test('a required signature is checked over its timestamp and the raw body: missing, wrong or stale gets 401', async () => {
  const { credentials } = await publishedHook('Signed webhook', {
    payloadSchema: orderSchema,
    signature: { header: 'X-Signature' },
  });
  const body = '{"orderId":"SO-9","amount":5}';
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (secret: string, text: string, t = now()) =>
    `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${text}`).digest('hex')}`;
  const format = 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." followed by the raw body>';
  const token = { 'x-ledgerline-token': credentials.token };
  expect(await callHook(credentials.hookId, { body, headers: token })).toEqual({
    status: 401,
    body: {
      error: {
        code: 'unauthorized',
        message: 'The X-Signature signature header is required',
        details: [{ path: 'X-Signature', message: `is required: ${format}` }],
      },
    },
  });
  const wrong = await callHook(credentials.hookId, {
    body,
    headers: { ...token, 'x-signature': sign(credentials.signingSecret, `${body} `) },
  });
  expect(wrong.status).toBe(401);
  expect(wrong.body.error?.message).toBe('The X-Signature signature does not match the body');
  // A request captured and replayed 10 minutes later, with its signature as it was.
  const replayed = await callHook(credentials.hookId, {
    body,
    headers: { ...token, 'x-signature': sign(credentials.signingSecret, body, now() - 600) },
  });
  expect(replayed).toMatchObject({
    status: 401,
    body: {
      error: {
        message: "The X-Signature signature's timestamp is more than 5 minutes from the server's clock",
        details: [
          {
            path: 'X-Signature',
            message: 't must be within 300 seconds of now; sign each request when it is sent',
          },
        ],
      },
    },
  });
  const legacy = await callHook(credentials.hookId, {
    body,
    headers: {
      ...token,
      'x-signature': `sha256=${createHmac('sha256', credentials.signingSecret).update(body).digest('hex')}`,
    },
  });
  expect(legacy.body.error?.details).toEqual([{ path: 'X-Signature', message: `must be ${format}` }]);
  const signed = await callHook(credentials.hookId, {
    body,
    headers: { ...token, 'x-signature': sign(credentials.signingSecret, body) },
  });
  expect(signed.status).toBe(202);
});

test('an Idempotency-Key repeated with another payload is a 409 naming the run; the same payload in any key order is the same call', async () => {
  const { credentials } = await publishedHook('Keyed payloads');
  const headers = { 'x-ledgerline-token': credentials.token, 'idempotency-key': 'order-77' };
  const first = await callHook(credentials.hookId, { headers, body: '{"orderId":"SO-77","amount":10}' });
  expect(first.status).toBe(202);
  const reordered = await callHook(credentials.hookId, { headers, body: '{"amount":10,"orderId":"SO-77"}' });
  expect(reordered).toEqual({ status: 202, body: { runId: first.body.runId } });
  const changed = await callHook(credentials.hookId, { headers, body: '{"orderId":"SO-77","amount":11}' });
  expect(changed).toEqual({
    status: 409,
    body: {
      error: {
        code: 'conflict',
        message: `This Idempotency-Key was used with another payload, for run ${String(first.body.runId)}; use a new key for a new payload`,
        details: [
          {
            path: 'Idempotency-Key',
            message: `was used with another payload, for run ${String(first.body.runId)}`,
          },
        ],
      },
    },
  });
});

test('a signing secret sealed under another secrets key answers 503 naming the fix, not 500', async () => {
  const { credentials } = await publishedHook('Rekeyed webhook', { signature: {} });
  const log = createLogger({ level: 'silent', service: 'test' });
  const rekeyed = await listen(
    createApp({
      log,
      health: { store: async () => {}, temporal: async () => {} },
      rootRouters: [
        hookRoutes({
          temporal: app.services.temporal,
          taskQueue: app.services.taskQueue,
          webhooks: createWebhookStore(app.services.db, randomBytes(32)),
          workflows: createWorkflowStore(app.services.db),
          limits: { perHook: 10, maxBodyBytes },
          log,
        }),
      ],
    }),
  );
  try {
    const response = await fetch(`${rekeyed.url}/hooks/${credentials.hookId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ledgerline-token': credentials.token,
        'x-ledgerline-signature': 't=1,v1=00',
      },
      body: '{}',
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        code: 'unavailable',
        message: `The signing secret of webhook ${credentials.hookId} cannot be read with this server's secrets key; rotate its secrets`,
        details: [],
      },
    });
  } finally {
    await rekeyed.close();
  }
});

test('a payload that does not match the schema gets 400 with the paths', async () => {
  const { credentials } = await publishedHook('Validated webhook');
  const response = await callHook(credentials.hookId, {
    body: JSON.stringify({ amount: 0 }),
    headers: { 'x-ledgerline-token': credentials.token },
  });
  expect(response).toEqual({
    status: 400,
    body: {
      error: {
        code: 'validation_failed',
        message: "The payload does not match the webhook's payload schema",
        details: [
          { path: 'payload.orderId', message: 'is required' },
          { path: 'payload.amount', message: 'must be >= 1' },
        ],
      },
    },
  });
});

test('client mistakes get 4xx in the error shape: token, hook, content, size, publication', async () => {
  const { workflowId, credentials } = await publishedHook('Strict webhook');
  const token = { 'x-ledgerline-token': credentials.token };
  const codeOf = async (hookId: string, options: Parameters<typeof callHook>[1]) => {
    const response = await callHook(hookId, options);
    return [response.status, response.body.error?.code];
  };
  expect(await codeOf(credentials.hookId, {})).toEqual([401, 'unauthorized']);
  expect(await codeOf(credentials.hookId, { headers: { 'x-ledgerline-token': 'llh_wrong' } })).toEqual([
    401,
    'unauthorized',
  ]);
  expect(await codeOf(credentials.hookId, { headers: { authorization: 'Basic abc' } })).toEqual([
    401,
    'unauthorized',
  ]);
  expect(await codeOf('hk_doesnotexist', { headers: token })).toEqual([404, 'not_found']);
  expect(await codeOf(credentials.hookId, { headers: token, body: 'x'.repeat(maxBodyBytes + 1) })).toEqual([
    413,
    'payload_too_large',
  ]);
  expect(await codeOf(credentials.hookId, { headers: { ...token, 'content-type': 'text/plain' } })).toEqual([
    400,
    'bad_request',
  ]);
  expect(await codeOf(credentials.hookId, { headers: token, body: '{"orderId":' })).toEqual([
    400,
    'bad_request',
  ]);
  expect(await codeOf(credentials.hookId, { headers: token, body: '' })).toEqual([400, 'bad_request']);
  expect(
    await codeOf(credentials.hookId, { headers: { ...token, 'idempotency-key': 'x'.repeat(256) } }),
  ).toEqual([400, 'bad_request']);
  const form = await callHook(credentials.hookId, {
    headers: { ...token, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'orderId=SO-3&amount=7',
  });
  // Form values are strings, so the integer schema refuses amount, by path.
  expect(form.body.error?.details).toEqual([{ path: 'payload.amount', message: 'must be integer' }]);

  expect((await app.api('POST', `/workflows/${workflowId}/unpublish`)).status).toBe(200);
  const unpublished = await callHook(credentials.hookId, { headers: token });
  expect(unpublished).toEqual({
    status: 409,
    body: {
      error: {
        code: 'conflict',
        message: `Webhook ${credentials.hookId} is not live: its workflow is not published with webhook trigger incoming`,
        details: [],
      },
    },
  });
  expect((await app.api('GET', `/workflows/${workflowId}/webhooks`)).body.items[0].live).toBe(false);
  expect((await app.api('DELETE', `/workflows/${workflowId}`)).status).toBe(204);
  expect(await codeOf(credentials.hookId, { headers: token })).toEqual([404, 'not_found']);
});

test('rotation returns new secrets once and the old token stops working at once', async () => {
  const { workflowId, credentials } = await publishedHook('Rotated webhook');
  const rotated = await app.api('POST', `/workflows/${workflowId}/webhooks/incoming/rotate`);
  expect(rotated.status).toBe(200);
  expect(rotated.body).toEqual({
    hookId: credentials.hookId,
    nodeId: 'incoming',
    path: `/hooks/${credentials.hookId}`,
    url: `${app.url}/hooks/${credentials.hookId}`,
    token: expect.stringMatching(/^llh_/),
    signingSecret: expect.stringMatching(/^llw_/),
    rotatedAt: expect.any(String),
  });
  const fresh = rotated.body as Credentials;
  expect(fresh.token).not.toBe(credentials.token);
  expect(fresh.signingSecret).not.toBe(credentials.signingSecret);
  expect(
    (await callHook(credentials.hookId, { headers: { 'x-ledgerline-token': credentials.token } })).status,
  ).toBe(401);
  expect(
    (await callHook(credentials.hookId, { headers: { 'x-ledgerline-token': fresh.token } })).status,
  ).toBe(202);
  const listed = JSON.stringify((await app.api('GET', `/workflows/${workflowId}/webhooks`)).body);
  expect(listed).not.toContain(fresh.token);
  expect(listed).not.toContain(fresh.signingSecret);
  expect(JSON.parse(listed).items[0].tokenHint).toBe(`${fresh.token.slice(0, 8)}…`);
  expect((await app.api('POST', `/workflows/${workflowId}/webhooks/nope/rotate`)).status).toBe(404);
});

test('a revoked token is refused until a rotate issues a new one, and both are audited', async () => {
  const { workflowId, credentials } = await publishedHook('Revoked webhook');
  const token = { 'x-ledgerline-token': credentials.token };
  const revoked = await app.api('POST', `/workflows/${workflowId}/webhooks/incoming/revoke`);
  expect(revoked.status).toBe(200);
  expect(revoked.body).toEqual({
    hookId: credentials.hookId,
    nodeId: 'incoming',
    revokedAt: expect.any(String),
  });
  // Revoking again keeps the first time.
  expect((await app.api('POST', `/workflows/${workflowId}/webhooks/incoming/revoke`)).body).toEqual(
    revoked.body,
  );
  expect((await callHook(credentials.hookId, { headers: token })).status).toBe(401);
  expect((await app.api('GET', `/workflows/${workflowId}/webhooks`)).body.items[0].revokedAt).toBe(
    revoked.body.revokedAt,
  );
  const fresh = (await app.api('POST', `/workflows/${workflowId}/webhooks/incoming/rotate`))
    .body as Credentials;
  expect((await callHook(credentials.hookId, { headers: token })).status).toBe(401);
  expect(
    (await callHook(credentials.hookId, { headers: { 'x-ledgerline-token': fresh.token } })).status,
  ).toBe(202);
  expect((await app.api('GET', `/workflows/${workflowId}/webhooks`)).body.items[0].revokedAt).toBeNull();
  const audit = await app.api('GET', `/audit?resource=workflow&resourceId=${workflowId}`);
  expect((audit.body.items as Array<{ action: string }>).map((entry) => entry.action)).toEqual(
    expect.arrayContaining(['workflow.webhookRevoked', 'workflow.webhookRotated']),
  );
  expect((await app.api('POST', `/workflows/${workflowId}/webhooks/nope/revoke`)).status).toBe(404);
});

test('the OpenAPI document describes the webhook and schedule routes', async () => {
  const document = await app.api('GET', '/openapi.json');
  expect(Object.keys(document.body.paths as object)).toEqual(
    expect.arrayContaining([
      '/hooks/{hookId}',
      '/workflows/{id}/webhooks',
      '/workflows/{id}/webhooks/{nodeId}/rotate',
      '/workflows/{id}/webhooks/{nodeId}/revoke',
      '/schedules',
      '/workflows/{id}/schedules',
    ]),
  );
  expect(document.body.paths['/hooks/{hookId}'].servers).toEqual([{ url: '/' }]);
});

test('a payload schema that cannot be compiled is refused at publish, naming the node and param', async () => {
  const created = await app.api(
    'POST',
    '/workflows',
    hookWorkflow('Broken schema', { payloadSchema: { type: 'nope' } }),
  );
  const published = await app.api('POST', `/workflows/${created.body._id}/publish`);
  expect(published.status).toBe(422);
  expect(published.body.error.details).toEqual([
    expect.objectContaining({ nodeId: 'incoming', path: 'params.payloadSchema', code: 'invalid_params' }),
  ]);
});

test('refused calls are limited per address and never use up the hook budget of its token holder', async () => {
  const limited = await startTriggerApp('hooks-rate', {
    webhookLimits: { perHook: 3, failedPerAddress: 5, maxBodyBytes },
  });
  try {
    const { published } = await createPublished(limited, hookWorkflow('Limited'));
    const [hook] = published.body.webhooks as Credentials[];
    const call = async (token: string) =>
      fetch(`${limited.url}/hooks/${hook!.hookId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ledgerline-token': token },
        body: JSON.stringify({ orderId: 'SO-1', amount: 1 }),
      });
    const refused: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await call('llh_wrong');
      refused.push(last.status);
    }
    expect(refused).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(await last!.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: 'Too many refused webhook calls from this address; try again later',
        details: [],
      },
    });
    // The integrator with the token still has its whole budget, then gets the hook's own 429.
    const accepted: number[] = [];
    for (let i = 0; i < 4; i++) accepted.push((await call(hook!.token)).status);
    expect(accepted).toEqual([202, 202, 202, 429]);
  } finally {
    await limited.close();
  }
});

test('a payload nested 2,000 deep is a 400 naming the path, and starts nothing', async () => {
  const { workflowId, credentials } = await publishedHook('Deep webhook', {});
  const deep = `{"order":${'['.repeat(2_000)}1${']'.repeat(2_000)}}`;
  const answer = await callHook(credentials.hookId, {
    body: deep,
    headers: { 'x-ledgerline-token': credentials.token },
  });
  expect(answer).toEqual({
    status: 400,
    body: {
      error: {
        code: 'bad_request',
        message: 'Request body nests deeper than 64 levels',
        details: [
          {
            path: ['order', ...Array<number>(63).fill(0)].join('.'),
            message: 'nests deeper than the limit of 64 levels',
          },
        ],
      },
    },
  });
  expect(await executions(workflowId)).toBe(0);
});
