import { processAnalytics, recordRunStats, runStats } from '../../../domain/process-analytics';
import { startWorkflowApi, type WorkflowApi } from '../workflows-api/workflows-api-fixture';
import purchaseCheck from './fixtures/purchase-check.json';

/*
 * Runs of a workflow with a branch (If) and two failing paths, executed by a real worker: each run
 * writes its per-node figures when it closes, and `GET /workflows/:id/analytics` aggregates them.
 */

let api: WorkflowApi;
let workflowId: string;
const runIds: string[] = [];

/** Starts a run for `amount`, decides its approval when it has one, and waits until it closed. */
async function runToEnd(amount: number, decision?: 'approved' | 'rejected'): Promise<void> {
  const started = await api.request(
    'POST',
    `/workflows/${workflowId}/runs`,
    { input: { amount } },
    {
      as: ['sales'],
    },
  );
  expect(started.status).toBe(201);
  const runId = started.body.runId as string;
  runIds.push(runId);
  if (decision !== undefined) {
    const task = await api.openTaskOf(runId);
    const path = `/tasks/${encodeURIComponent(task._id)}/complete`;
    expect((await api.request('POST', path, { outcome: decision }, { as: ['finance'] })).status).toBe(200);
  }
  await api.runInStatus(runId, decision === 'approved' ? 'completed' : 'failed');
}

/** Starts a run that waits for its approval, and cancels it there. */
async function cancelWhileWaiting(amount: number): Promise<void> {
  const started = await api.request(
    'POST',
    `/workflows/${workflowId}/runs`,
    { input: { amount } },
    {
      as: ['sales'],
    },
  );
  const runId = started.body.runId as string;
  runIds.push(runId);
  await api.openTaskOf(runId);
  expect((await api.request('POST', `/runs/${runId}/cancel`)).status).toBe(202);
  await api.runInStatus(runId, 'cancelled');
}

beforeAll(async () => {
  api = await startWorkflowApi('process-analytics');
  workflowId = await api.publish(purchaseCheck);
  await api.services.withWorker(async () => {
    await runToEnd(500, 'approved');
    await runToEnd(10);
    await runToEnd(700, 'approved');
    await runToEnd(20);
    await runToEnd(900, 'rejected');
    await cancelWhileWaiting(800);
  });
});

afterAll(async () => {
  await api.close();
});

interface NodeFigures {
  nodeId: string;
  runs: number;
  failedRuns: number;
  failureRate: number | null;
  durationKind: string;
  duration: { medianMs: number; p90Ms: number; samples: number } | null;
}

function countsOf(nodes: NodeFigures[]) {
  return nodes.map(({ nodeId, runs, failedRuns, failureRate, durationKind }) => ({
    nodeId,
    runs,
    failedRuns,
    failureRate,
    durationKind,
  }));
}

const expectedCounts = [
  { nodeId: 'start', runs: 6, failedRuns: 0, failureRate: 0, durationKind: 'duration' },
  { nodeId: 'check', runs: 6, failedRuns: 0, failureRate: 0, durationKind: 'duration' },
  { nodeId: 'approve', runs: 4, failedRuns: 0, failureRate: 0, durationKind: 'timeToComplete' },
  { nodeId: 'done', runs: 2, failedRuns: 0, failureRate: 0, durationKind: 'duration' },
  { nodeId: 'declined', runs: 1, failedRuns: 1, failureRate: 1, durationKind: 'duration' },
  { nodeId: 'tooSmall', runs: 2, failedRuns: 2, failureRate: 1, durationKind: 'duration' },
];

const expectedEdges = [
  { edgeId: 'e1', source: 'start', sourcePort: 'out', target: 'check', runs: 6, share: 1 },
  { edgeId: 'e2', source: 'check', sourcePort: 'true', target: 'approve', runs: 4, share: 4 / 6 },
  { edgeId: 'e3', source: 'check', sourcePort: 'false', target: 'tooSmall', runs: 2, share: 2 / 6 },
  { edgeId: 'e4', source: 'approve', sourcePort: 'approved', target: 'done', runs: 2, share: 2 / 6 },
  { edgeId: 'e5', source: 'approve', sourcePort: 'rejected', target: 'declined', runs: 1, share: 1 / 6 },
];

test('counts runs per node and per edge, failures and durations, from what the runs recorded', async () => {
  const response = await api.request('GET', `/workflows/${workflowId}/analytics?version=1`, undefined, {
    as: ['viewer'],
  });
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({
    workflowId,
    version: 1,
    runs: { total: 6, completed: 2, failed: 3, cancelled: 1 },
    durationSample: { runs: 6, limit: 2000, sampled: false },
  });
  const nodes = response.body.nodes as NodeFigures[];
  expect(countsOf(nodes)).toEqual(expectedCounts);
  expect(response.body.edges).toEqual(expectedEdges);
  for (const node of nodes) {
    expect(node.duration).not.toBeNull();
    // The cancelled run never finished its approval: it reached the node but gave it no duration.
    expect(node.duration!.samples).toBe(node.nodeId === 'approve' ? 3 : node.runs);
    expect(node.duration!.medianMs).toBeGreaterThanOrEqual(0);
    expect(node.duration!.medianMs).toBeLessThanOrEqual(node.duration!.p90Ms);
  }
});

test('the version defaults to the published one and the range to the last seven days', async () => {
  const response = await api.request('GET', `/workflows/${workflowId}/analytics`);
  expect(response.status).toBe(200);
  expect(response.body.version).toBe(1);
  expect(Date.parse(response.body.to as string) - Date.parse(response.body.from as string)).toBe(
    7 * 24 * 60 * 60 * 1000,
  );
  expect(response.body.runs.total).toBe(6);
});

test('a range the runs closed outside of counts none of them', async () => {
  const response = await api.request(
    'GET',
    `/workflows/${workflowId}/analytics?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`,
  );
  expect(response.status).toBe(200);
  expect(response.body.runs).toEqual({ total: 0, completed: 0, failed: 0, cancelled: 0 });
  expect(countsOf(response.body.nodes as NodeFigures[])).toEqual(
    expectedCounts.map((node) => ({ ...node, runs: 0, failedRuns: 0, failureRate: null })),
  );
  expect((response.body.edges as Array<{ share: unknown }>).every((edge) => edge.share === null)).toBe(true);
});

test('a run recorded again, as a retried close-time write would, is still counted once', async () => {
  const [runId] = runIds;
  const stored = await runStats(api.services.db).findOne({ _id: runId! });
  expect(stored).not.toBeNull();
  await recordRunStats(api.services.db, {
    runId: runId!,
    workflowId,
    version: 1,
    status: 'failed',
    startedAt: stored!.startedAt,
    closedAt: stored!.closedAt,
    visits: [
      {
        nodeId: 'tooSmall',
        type: 'flow.fail',
        status: 'failed',
        startedAt: stored!.startedAt,
        endedAt: stored!.closedAt,
      },
    ],
    visitsDropped: 0,
  });
  expect(await runStats(api.services.db).findOne({ _id: runId! })).toEqual(stored);
  expect(await runStats(api.services.db).countDocuments({ workflowId })).toBe(6);
  const response = await api.request('GET', `/workflows/${workflowId}/analytics?version=1`);
  expect(response.body.runs).toEqual({ total: 6, completed: 2, failed: 3, cancelled: 1 });
  expect(countsOf(response.body.nodes as NodeFigures[])).toEqual(expectedCounts);
  expect(response.body.edges).toEqual(expectedEdges);
});

test('durations from a sample bounded below the runs in range say so; the counts stay exact', async () => {
  const answer = await processAnalytics(api.services.db, {
    workflowId,
    version: 1,
    definition: purchaseCheck,
    from: '2020-01-01T00:00:00.000Z',
    to: '2100-01-01T00:00:00.000Z',
    sampleLimit: 2,
  });
  expect(answer.durationSample).toEqual({ runs: 2, limit: 2, sampled: true });
  expect(answer.runs).toEqual({ total: 6, completed: 2, failed: 3, cancelled: 1 });
  expect(countsOf(answer.nodes)).toEqual(expectedCounts);
  const start = answer.nodes.find((node) => node.nodeId === 'start');
  expect(start?.duration?.samples).toBe(2);
});

test.each([
  ['version=abc', [{ path: 'version', message: 'must be a positive integer' }]],
  ['version=0', [{ path: 'version', message: 'must be a positive integer' }]],
  [
    'from=yesterday',
    [{ path: 'from', message: 'must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z' }],
  ],
  [
    'to=2026-13-01T00:00:00Z',
    [{ path: 'to', message: 'must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z' }],
  ],
  ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', [{ path: 'from', message: 'must be before to' }]],
  ['version=1&version=2', [{ path: 'version', message: 'must be a single value' }]],
])('?%s is refused with a 400 naming the parameter', async (query, details) => {
  const response = await api.request('GET', `/workflows/${workflowId}/analytics?${query}`);
  expect(response.status).toBe(400);
  expect(response.body.error).toEqual({
    code: 'bad_request',
    message: 'invalid analytics parameters',
    details,
  });
});

test('an unknown workflow or version is a 404', async () => {
  const unknownWorkflow = await api.request('GET', '/workflows/no-such-workflow/analytics');
  expect(unknownWorkflow.status).toBe(404);
  const unknownVersion = await api.request('GET', `/workflows/${workflowId}/analytics?version=9`);
  expect(unknownVersion.status).toBe(404);
  expect(unknownVersion.body.error.message).toBe(`workflow ${workflowId} has no version 9`);
});
