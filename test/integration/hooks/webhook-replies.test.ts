import { createPublished, startTriggerApp, type TriggerApp } from '../schedules/trigger-app';

/*
 * A webhook can answer with what its run computes: when the run ends (`whenDone`), or once a named
 * node has run (`node`), within a bounded wait after which the caller gets 202 with the run id.
 */

let app: TriggerApp;

beforeAll(async () => {
  app = await startTriggerApp('hook-replies');
});

afterAll(async () => {
  await app.close();
});

interface Credentials {
  hookId: string;
  token: string;
}

/** A price quote: the price is computed, then the run waits `hold` before it ends (or fails). */
function quoteWorkflow(name: string, trigger: Record<string, unknown>, end: 'end' | 'fail', hold = 'PT0S') {
  return {
    name,
    nodes: [
      { id: 'incoming', type: 'trigger.webhook', params: trigger },
      { id: 'price', type: 'data.set', params: { values: { price: '=$input.quantity * 1200' } } },
      { id: 'hold', type: 'flow.wait', params: { duration: hold } },
      end === 'end'
        ? { id: 'done', type: 'flow.end', params: { output: { price: '=$vars.price', currency: 'EUR' } } }
        : { id: 'done', type: 'flow.fail', params: { message: 'no price for this customer' } },
    ],
    edges: [
      { id: 'e1', source: 'incoming', target: 'price' },
      { id: 'e2', source: 'price', target: 'hold' },
      { id: 'e3', source: 'hold', target: 'done' },
    ],
  };
}

async function publishedHook(definition: object): Promise<Credentials> {
  const { published } = await createPublished(app, definition);
  expect(published.status).toBe(200);
  return (published.body.webhooks as Credentials[])[0]!;
}

async function call(hook: Credentials, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}/hooks/${hook.hookId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ledgerline-token': hook.token, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test('whenDone answers 200 with the output of the run; a repeat of its key gets the same answer', async () => {
  const hook = await publishedHook(quoteWorkflow('Price when done', { respond: 'whenDone' }, 'end'));
  await app.services.withWorker(async () => {
    const first = await call(hook, { quantity: 3 }, { 'idempotency-key': 'quote-1' });
    expect(first).toEqual({
      status: 200,
      body: { runId: expect.any(String), status: 'completed', output: { price: 3600, currency: 'EUR' } },
    });
    const again = await call(hook, { quantity: 3 }, { 'idempotency-key': 'quote-1' });
    expect(again).toEqual(first);
  });
});

test('node answers with the node output while the run goes on', async () => {
  const hook = await publishedHook(
    quoteWorkflow('Price at node', { respond: 'node', respondNode: 'price' }, 'end', 'PT1H'),
  );
  await app.services.withWorker(async () => {
    const answer = await call(hook, { quantity: 2 });
    expect(answer).toEqual({
      status: 200,
      body: {
        runId: expect.any(String),
        status: 'running',
        node: 'price',
        port: 'out',
        output: { price: 2400 },
      },
    });
    const { status } = await app.services.temporal.workflow.getHandle(String(answer.body.runId)).describe();
    expect(status.name).toBe('RUNNING');
  });
});

test('past the wait the call gets 202 with the run id, and the run carries on', async () => {
  const hook = await publishedHook(
    quoteWorkflow('Slow price', { respond: 'whenDone', respondTimeoutSeconds: 1 }, 'end', 'PT1H'),
  );
  await app.services.withWorker(async () => {
    const answer = await call(hook, { quantity: 1 });
    expect(answer).toEqual({ status: 202, body: { runId: expect.any(String) } });
    const { status } = await app.services.temporal.workflow.getHandle(String(answer.body.runId)).describe();
    expect(status.name).toBe('RUNNING');
  });
});

test('a failed run is answered with its error', async () => {
  const hook = await publishedHook(quoteWorkflow('No price', { respond: 'whenDone' }, 'fail'));
  await app.services.withWorker(async () => {
    const answer = await call(hook, { quantity: 1 });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('no price for this customer') },
    });
  });
});

test('publish refuses a reply node that is missing or not in the graph', async () => {
  for (const [params, message] of [
    [{ respond: 'node' }, `Node "incoming" replies with a node's output: name the node in respondNode`],
    [
      { respond: 'node', respondNode: 'ghost' },
      'Node "incoming" replies with the output of "ghost", which is not a node of this workflow',
    ],
  ] as const) {
    const { published } = await createPublished(app, quoteWorkflow('Bad reply', params, 'end'));
    expect(published.status).toBe(422);
    expect(published.body.error).toMatchObject({
      details: [expect.objectContaining({ nodeId: 'incoming', path: 'params.respondNode', message })],
    });
  }
});
