import { runSearchAttributes } from '../../../domain/workflows/start-run';
import { runWorkflowType } from '../../../workflows/runtime/run-contract';
import { urlSafeId } from '../../../workflows/runtime/url-safe-id';
import { startWorkflowApi, type WorkflowApi } from './workflows-api-fixture';

/*
 * A child run's id is its node visit's key made URL-safe, so it goes into a path as it is. A child
 * from before (whose id is the key, `<runId>/<nodeId>/<visit>`) is still found, encoded or not,
 * and either form of an id finds a run of either age.
 */

let api: WorkflowApi;
beforeAll(async () => {
  api = await startWorkflowApi('workflows-child-run-ids');
});
afterAll(() => api.close());

const manualStart = { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, params: {} };

async function publishParent(): Promise<{ parent: string; child: string }> {
  const child = await api.publish({
    name: 'Double it',
    nodes: [
      manualStart,
      {
        id: 'end',
        type: 'flow.end',
        position: { x: 200, y: 0 },
        params: { output: { doubled: '=$input.n * 2' } },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'end' }],
  });
  const parent = await api.publish({
    name: 'Ask a child',
    nodes: [
      manualStart,
      {
        id: 'ask',
        type: 'flow.subworkflow',
        position: { x: 200, y: 0 },
        params: { workflowId: child, input: { n: '=$input.n' } },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'ask' }],
  });
  return { parent, child };
}

test("a child run's id is URL-safe, and its key finds it too, encoded or not", async () => {
  await api.services.withWorker(async () => {
    const { parent, child } = await publishParent();
    const started = await api.request('POST', `/workflows/${parent}/runs`, { input: { n: 21 } });
    expect(started.status).toBe(201);
    const runId = started.body.runId as string;
    const done = await api.runInStatus(runId, 'completed');
    expect(done.body.result).toEqual({ doubled: 42 });

    const key = `${runId}/ask/1`;
    const childId = urlSafeId(key);
    expect(childId).toMatch(/^[A-Za-z0-9._-]+$/);
    const paths = [`/runs/${childId}`, `/runs/${key}`, `/runs/${encodeURIComponent(key)}`];
    for (const response of await expectRunAt(paths, childId, child)) {
      expect(response.body.result).toEqual({ doubled: 42 });
    }
    const records = await api.request('GET', `/runs/${encodeURIComponent(key)}/records`);
    expect([records.status, records.body.items]).toEqual([200, []]);
  });
});

test('a run under an id with slashes, as children were started before, is read unencoded or encoded', async () => {
  await api.services.withWorker(async () => {
    const { parent, child } = await publishParent();
    const started = await api.request('POST', `/workflows/${parent}/runs`, { input: { n: 1 } });
    const parentRun = started.body.runId as string;
    await api.runInStatus(parentRun, 'completed');
    // The child's own start, as a worker from before URL-safe ids made it: its id is the key.
    const childRun = urlSafeId(`${parentRun}/ask/1`);
    const { args } = await readStart(childRun);
    const oldId = `${parentRun}/older/1`;
    const handle = await api.services.temporal.workflow.start(runWorkflowType, {
      workflowId: oldId,
      taskQueue: api.services.taskQueue,
      args: [{ ...args, input: { n: 5 } }],
      typedSearchAttributes: [{ key: runSearchAttributes.workflowId, value: child }],
    });
    expect(await handle.result()).toEqual({ doubled: 10 });

    await expectRunAt([`/runs/${oldId}`, `/runs/${encodeURIComponent(oldId)}`], oldId, child);
    // Its URL-safe form names no run: the id it was started under is the only one it has.
    const missing = await api.request('GET', `/runs/${urlSafeId(oldId)}`);
    expect(missing.status).toBe(404);
    const unknown = await api.request('GET', `/runs/${parentRun}/nothing/9`);
    expect([unknown.status, unknown.body.error.message]).toEqual([
      404,
      `run ${parentRun}/nothing/9 does not exist`,
    ]);
  });
});

/** Reads each path and expects the run `runId` of workflow `workflowId` there. */
async function expectRunAt(paths: string[], runId: string, workflowId: string) {
  const responses = [];
  for (const path of paths) {
    const response = await api.request('GET', path);
    expect([path, response.status, response.body.runId, response.body.workflowId]).toEqual([
      path,
      200,
      runId,
      workflowId,
    ]);
    responses.push(response);
  }
  return responses;
}

/** The start arguments of a run, as Temporal recorded them. */
async function readStart(runId: string): Promise<{ args: Record<string, unknown> }> {
  const history = await api.services.temporal.workflow.getHandle(runId).fetchHistory();
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  const { arrayFromPayloads, defaultPayloadConverter } = await import('@temporalio/common');
  const [args] = arrayFromPayloads(defaultPayloadConverter, started?.input?.payloads ?? []) as [
    Record<string, unknown>,
  ];
  return { args };
}
