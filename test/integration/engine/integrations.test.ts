import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkflowFailedError } from '@temporalio/client';
import { createEntityRepository } from '../../../domain/entities';
import { parseAllowlist } from '../../../worker/activities/ssrf-guard';
import { entityChangedSignalName } from '../../../workflows/runtime/run-contract';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { eventually } from '../../support/eventually';
import { graph, queryTrace, runInput, startRun, withEngineWorker } from './engine-harness';
import { urlSafeId } from '../../../workflows/runtime/url-safe-id';

let services: TestServices;
let server: http.Server;
let baseUrl: string;
/** Calls seen per path, for the retry tests. */
const calls = new Map<string, number>();

beforeAll(async () => {
  services = await connectTestServices('engine-integrations');
  server = http.createServer((request, response) => {
    const seen = (calls.get(request.url ?? '') ?? 0) + 1;
    calls.set(request.url ?? '', seen);
    if (request.url?.startsWith('/flaky')) {
      // 503 twice, asking for a one-second pause, then 200.
      response.statusCode = seen <= 2 ? 503 : 200;
      if (seen <= 2) response.setHeader('retry-after', '1');
      response.end(seen <= 2 ? 'busy' : 'done');
      return;
    }
    if (request.url?.startsWith('/always-500')) {
      response.statusCode = 500;
      response.end('broken');
      return;
    }
    if (request.url === '/json') {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ ok: true, method: request.method }));
    } else if (request.url === '/hop') {
      response.statusCode = 302;
      response.setHeader('location', '/json');
      response.end();
    } else if (request.url === '/to-private') {
      response.statusCode = 307;
      response.setHeader('location', 'http://10.255.255.1/secret');
      response.end();
    } else if (request.url === '/slow') {
      setTimeout(() => response.end('late'), 2000);
    } else if (request.url === '/big') {
      response.end('x'.repeat(2 * 1024 * 1024));
    } else {
      response.statusCode = 404;
      response.end('nothing here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await services.close();
});

function httpGraph(url: string, extra: Record<string, unknown> = {}) {
  return graph(
    'HTTP',
    [
      { id: 'start', type: 'trigger.manual' },
      {
        id: 'call',
        type: 'http.request',
        params: { method: 'GET', url, ...extra },
        retry: { maximumAttempts: 1 },
      },
      {
        id: 'ok',
        type: 'flow.end',
        params: { output: { status: '=$nodes.call.status', body: '=$nodes.call.body' } },
      },
      { id: 'failed', type: 'flow.end', params: { output: '=$error' } },
    ],
    ['start->call', 'call->ok', 'call:error->failed'],
  );
}

describe('interpretedWorkflow: integrations, child runs and long runs', () => {
  it('http.request reaches an allowlisted loopback server: redirects, JSON, status, size cap, timeout, redirect into a private range', async () => {
    const outputs = await withEngineWorker(
      services,
      { httpAllowlist: parseAllowlist('127.0.0.1/32') },
      async () => {
        const hop = await (await startRun(services, runInput(httpGraph(`${baseUrl}/hop`)))).result();
        const missing = await (await startRun(services, runInput(httpGraph(`${baseUrl}/missing`)))).result();
        const big = await (await startRun(services, runInput(httpGraph(`${baseUrl}/big`)))).result();
        const toPrivate = await (
          await startRun(services, runInput(httpGraph(`${baseUrl}/to-private`)))
        ).result();
        const slow = await (
          await startRun(services, runInput(httpGraph(`${baseUrl}/slow`, { timeoutMs: 200 })))
        ).result();
        return { hop, missing, big, toPrivate, slow };
      },
    );
    expect(outputs).toEqual({
      hop: { status: 200, body: { ok: true, method: 'GET' } },
      missing: {
        message: 'http.request: the server answered 404',
        type: 'HttpStatus',
        status: 404,
        headers: expect.objectContaining({ 'content-length': '12' }),
        body: 'nothing here',
      },
      big: { message: 'Response is larger than 1048576 bytes', type: 'ResponseTooLarge' },
      toPrivate: {
        message:
          'http.request refused 10.255.255.1: 10.255.255.1 is a loopback, private, link-local or reserved address (allow it with HTTP_REQUEST_ALLOWLIST)',
        type: 'SsrfRefused',
      },
      slow: { message: 'http.request timed out after 200 ms', type: 'Timeout' },
    });
  });

  it('http.request honours its status policy: retryable statuses are retried after Retry-After, others fail at once, failOn can accept any', async () => {
    const retrying = (path: string, extra: Record<string, unknown> = {}) => {
      const definition = httpGraph(`${baseUrl}${path}`, extra);
      const call = definition.nodes.find((node) => node.id === 'call');
      if (call) call.retry = { maximumAttempts: 3, initialInterval: 'PT0.2S', backoffCoefficient: 1 };
      return definition;
    };
    const outputs = await withEngineWorker(
      services,
      { httpAllowlist: parseAllowlist('127.0.0.1/32') },
      async () => ({
        flaky: await (await startRun(services, runInput(retrying('/flaky')))).result(),
        broken: await (await startRun(services, runInput(retrying('/always-500')))).result(),
        missing: await (await startRun(services, runInput(retrying('/missing-once')))).result(),
        accepted: await (
          await startRun(services, runInput(retrying('/always-500?accept', { failOn: ['4xx'] })))
        ).result(),
      }),
    );
    expect(outputs).toEqual({
      flaky: { status: 200, body: 'done' },
      broken: expect.objectContaining({ type: 'HttpStatus', status: 500, body: 'broken' }),
      missing: expect.objectContaining({ type: 'HttpStatus', status: 404, body: 'nothing here' }),
      accepted: { status: 500, body: 'broken' },
    });
    // 503, 503, then 200; 500 until the attempts ran out; 404 once, since it is not in retryOn.
    expect([
      calls.get('/flaky'),
      calls.get('/always-500'),
      calls.get('/missing-once'),
      calls.get('/always-500?accept'),
    ]).toEqual([3, 3, 1, 1]);
  });

  it('http.request refuses a loopback target that is not allowlisted', async () => {
    const output = await services.withWorker(async () =>
      (
        await startRun(services, runInput(httpGraph(`http://localhost:${new URL(baseUrl).port}/json`)))
      ).result(),
    );
    expect(output).toEqual({
      message:
        'http.request refused localhost: 127.0.0.1 is a loopback, private, link-local or reserved address (allow it with HTTP_REQUEST_ALLOWLIST)',
      type: 'SsrfRefused',
    });
  });

  it('notify.email delivers once into the mailbox collection when no SMTP server is set', async () => {
    const definition = graph(
      'Mail',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'mail',
          type: 'notify.email',
          params: { to: 'ops@example.com', subject: '="Hello " & $input.who', body: 'Body' },
        },
      ],
      ['start->mail'],
    );
    const { runId, output } = await services.withWorker(async () => {
      const handle = await startRun(services, runInput(definition, { who: 'ops' }));
      return { runId: handle.workflowId, output: await handle.result() };
    });
    expect(output).toEqual({ messageId: `${runId}/mail/1`, delivered: 'mailbox', to: ['ops@example.com'] });
    const mails = await services.db
      .collection('mailbox')
      .find({ _id: `${runId}/mail/1` as never })
      .toArray();
    expect(mails).toEqual([
      expect.objectContaining({ to: ['ops@example.com'], subject: 'Hello ops', body: 'Body' }),
    ]);
  });

  it('flow.subworkflow runs the latest published version as a child and returns its output', async () => {
    const child = graph(
      'Child',
      [
        { id: 'go', type: 'trigger.manual' },
        {
          id: 'end',
          type: 'flow.end',
          params: { output: { doubled: '=$input.n * 2', version: '=$run.version' } },
        },
      ],
      ['go->end'],
    );
    await services.db
      .collection('workflows')
      .insertOne({ _id: 'wf-child', name: 'Child', draft: child, publishedVersion: 2 } as never);
    await services.db.collection('workflowVersions').insertMany([
      {
        _id: 'wf-child:1',
        workflowId: 'wf-child',
        version: 1,
        definition: graph('Old', [], []),
        publishedAt: '2026-01-01',
      },
      { _id: 'wf-child:2', workflowId: 'wf-child', version: 2, definition: child, publishedAt: '2026-01-02' },
    ] as never[]);
    const parent = (workflowId: string) =>
      graph(
        'Parent',
        [
          { id: 'start', type: 'trigger.manual' },
          { id: 'sub', type: 'flow.subworkflow', params: { workflowId, input: { n: 21 } } },
          { id: 'end', type: 'flow.end', params: { output: '=$nodes.sub' } },
        ],
        ['start->sub', 'sub->end'],
      );
    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(parent('wf-child')));
      expect(await handle.result()).toEqual({ doubled: 42, version: 2 });
      // The child's id is the node visit's key made URL-safe.
      const childHandle = services.temporal.workflow.getHandle(urlSafeId(`${handle.workflowId}/sub/1`));
      expect((await childHandle.describe()).status.name).toBe('COMPLETED');

      const missing = await startRun(services, runInput(parent('wf-nowhere')));
      const error = await missing.result().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause?.message).toBe(
        'Node "sub" (flow.subworkflow) failed: child run failed: Workflow "wf-nowhere" does not exist',
      );
    });
  });

  it('flow.waitFor resumes on the entityChanged signal, and leaves by timeout when nothing matches', async () => {
    const repo = createEntityRepository(services.db);
    const actor = { actor: { userId: 'tester' }, roles: ['admin'] as const };
    const { record } = await repo.create('account', { name: 'Watched', currency: 'EUR' }, actor);
    const waitFor = (timeout: string) =>
      graph(
        'Wait for gold',
        [
          { id: 'start', type: 'trigger.manual' },
          {
            id: 'wait',
            type: 'flow.waitFor',
            params: { entityType: 'account', id: record._id, condition: '=$entity.tier = "gold"', timeout },
          },
          {
            id: 'gold',
            type: 'flow.end',
            params: { output: { tier: '=$nodes.wait.tier', version: '=$nodes.wait.version' } },
          },
          { id: 'late', type: 'flow.end', params: { output: 'timed out' } },
        ],
        ['start->wait', 'wait->gold', 'wait:timeout->late'],
      );
    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(waitFor('PT1H')));
      await eventually(
        async () =>
          (await queryTrace(handle)).trace.some(
            (entry) => entry.nodeId === 'wait' && entry.status === 'waiting',
          ) || undefined,
      );
      const updated = await repo.update('account', record._id, { tier: 'gold' }, {}, actor);
      await handle.signal(entityChangedSignalName, {
        entityType: 'account',
        id: record._id,
        entity: updated,
      });
      expect(await handle.result()).toEqual({ tier: 'gold', version: 2 });

      await repo.update('account', record._id, { tier: 'silver' }, {}, actor);
      const late = await startRun(services, runInput(waitFor('PT1S')));
      expect(await late.result()).toBe('timed out');
    });
  });

  it('continues as new when history grows past the threshold, keeping its state', async () => {
    const definition = graph(
      'Loop',
      [
        { id: 'start', type: 'trigger.manual' },
        { id: 'count', type: 'data.set', params: { values: { n: '=($vars.n ? $vars.n : 0) + 1' } } },
        { id: 'tick', type: 'flow.wait', params: { duration: 'PT0.1S' } },
        { id: 'more', type: 'logic.if', params: { condition: '=$vars.n < 8' } },
        { id: 'end', type: 'flow.end', params: { output: { n: '=$vars.n' } } },
      ],
      ['start->count', 'count->tick', 'tick->more', 'more:true->count', 'more:false->end'],
    );
    await services.withWorker(async () => {
      const handle = await startRun(
        services,
        runInput(definition, {}, { engineOptions: { continueAsNewAfterEvents: 20 } }),
      );
      expect(await handle.result()).toEqual({ n: 8 });
      const first = services.temporal.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
      expect((await first.describe()).status.name).toBe('CONTINUED_AS_NEW');
      const trace = await queryTrace(handle);
      expect(trace.status).toBe('completed');
      expect(trace.trace.filter((entry) => entry.nodeId === 'tick')).toHaveLength(8);
    });
  });
});
