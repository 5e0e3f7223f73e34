import { createEntityRepository, type EntityRecord } from '../../../domain/entities';
import { auditCollection, type AuditEntry } from '../../../domain/audit/audit-log';
import { createWorkflowStore, startRun } from '../../../domain/workflows';
import accountCheck from './fixtures/account-check.json';
import quickEnd from './fixtures/quick-end.json';
import { eventually } from '../../support/eventually';
import { listen } from '../../setup/listen';
import { withWorkerOn } from '../../support/worker';
import { parseAllowlist } from '../../../worker/activities/ssrf-guard';
import express from 'express';
import { startWorkflowApi, type WorkflowApi } from './workflows-api-fixture';

/*
 * The operations side of runs against the real Temporal dev server and store: the list across
 * workflows with its filters, paging and counts; retry; restart from a node (Temporal reset);
 * bulk cancel; and the links between records and runs.
 */

let api: WorkflowApi;
const opened: string[] = [];

beforeAll(async () => {
  api = await startWorkflowApi('run-operations');
});

afterAll(async () => {
  await api.terminate(opened);
  await api.close();
});

const published = (definition: object) => api.publish(definition);

async function start(id: string, input: unknown): Promise<string> {
  const response = await api.request('POST', `/workflows/${id}/runs`, { input }, { as: ['finance'] });
  expect(response.status).toBe(201);
  opened.push(response.body.runId as string);
  return response.body.runId as string;
}

interface Page {
  items: Array<{ runId: string; title: string } & Record<string, unknown>>;
  nextCursor: string | null;
}

/** Waits until the list under `query` holds `count` runs (visibility is eventually consistent). */
function listed(query: string, count: number): Promise<Page> {
  return eventually(async () => {
    const response = await api.request('GET', `/runs?${query}`, undefined, { as: ['viewer'] });
    expect(response.status).toBe(200);
    const page = response.body as Page;
    return page.items.length === count ? page : undefined;
  });
}

const repo = () => createEntityRepository(api.services.db);
const setup = { actor: { userId: 'setup' }, roles: ['admin'] as const };

async function account(name: string): Promise<EntityRecord> {
  return (await repo().create('account', { name, currency: 'EUR' }, setup)).record;
}

describe('the runs list across workflows', () => {
  test('filters by record, title words, version and trigger; pages by cursor; counts per status', async () => {
    const id = await published(quickEnd);
    const version = await createWorkflowStore(api.services.db).getVersion(id, 1);
    const record = {
      entityType: 'opportunity',
      entityId: `opp-${id}`,
      label: 'OPP-2026-000013 Office refit 13',
    };
    const about = await startRun(api.services.temporal, {
      version,
      startNodeId: 'start',
      triggerKind: 'entity',
      trigger: { event: 'updated' },
      input: {},
      taskQueue: api.services.taskQueue,
      record,
    });
    opened.push(about);
    const plain = [await start(id, {}), await start(id, {})];

    const byRecord = await listed(`entityType=opportunity&entityId=opp-${id}`, 1);
    expect(byRecord.items).toEqual([
      {
        runId: about,
        workflowId: id,
        version: 1,
        trigger: 'entity',
        status: 'running',
        startedAt: expect.any(String),
        closedAt: null,
        title: 'Echo · OPP-2026-000013 Office refit 13',
        record: { entityType: 'opportunity', entityId: `opp-${id}` },
        failedNode: null,
      },
    ]);
    expect(byRecord.nextCursor).toBeNull();
    const byWords = await listed(`workflowId=${id}&q=${encodeURIComponent('office REFIT')}`, 1);
    expect(byWords.items[0]?.runId).toBe(about);
    expect((await listed(`workflowId=${id}&trigger=manual&version=1`, 2)).items.map((r) => r.title)).toEqual([
      'Echo',
      'Echo',
    ]);
    expect((await listed(`workflowId=${id}&version=2`, 0)).nextCursor).toBeNull();
    const later = new Date(Date.now() + 60_000).toISOString();
    await listed(`workflowId=${id}&startedAfter=${later}`, 0);
    await listed(`workflowId=${id}&startedBefore=${later}&status=running`, 3);

    const first = await listed(`workflowId=${id}&limit=2`, 2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await api.request('GET', `/runs?workflowId=${id}&limit=2&cursor=${first.nextCursor}`);
    expect(second.status).toBe(200);
    const pagedIds = [...first.items, ...second.body.items].map((r: { runId: string }) => r.runId).sort();
    expect(pagedIds).toEqual([about, ...plain].sort());
    const otherQuery = await api.request(
      'GET',
      `/runs?workflowId=${id}&status=failed&limit=2&cursor=${first.nextCursor}`,
    );
    expect(otherQuery.status).toBe(400);
    expect(otherQuery.body.error.details).toEqual([
      { path: 'cursor', message: 'must be the nextCursor of a page of this same list' },
    ]);

    await api.services.temporal.workflow.getHandle(plain[0] as string).terminate('for the counts');
    const counts = await eventually(async () => {
      const response = await api.request('GET', `/runs/counts?workflowId=${id}`);
      const body = response.body as { byStatus?: { terminated?: number } };
      return body.byStatus?.terminated === 1 ? body : undefined;
    });
    expect(counts).toEqual({
      total: 3,
      byStatus: {
        running: 2,
        completed: 0,
        failed: 0,
        cancelled: 0,
        terminated: 1,
        timedOut: 0,
        continuedAsNew: 0,
      },
    });
  });

  test('bad filters are 400 with the path of each', async () => {
    const response = await api.request(
      'GET',
      '/runs?version=x&startedAfter=yesterday&entityId=a1&failedNode=a%20b&trigger=1&cursor=%25%25&q=' +
        'w'.repeat(201),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { path: 'version', message: 'must be a version number' },
      { path: 'trigger', message: 'must be a trigger kind such as entity' },
      { path: 'startedAfter', message: 'must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z' },
      { path: 'entityType', message: 'is required with entityId' },
      { path: 'failedNode', message: 'must be a node id' },
      { path: 'q', message: 'must be at most 200 characters' },
    ]);
    const cursor = await api.request('GET', '/runs?cursor=bm90LWEtY3Vyc29y');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.details).toEqual([
      { path: 'cursor', message: 'must be the nextCursor of a page of this same list' },
    ]);
    expect((await api.request('GET', '/runs/counts?entityType=spaceship')).body.error.details).toEqual([
      { path: 'entityType', message: 'must be an entity type' },
    ]);
  });
});

describe('recovering failed runs', () => {
  test('a failed run names its node; retry repeats it, restart from a node resumes it, both audited', async () => {
    const id = await published(accountCheck);
    const record = await account('Waiting Co');
    await api.services.withWorker(async () => {
      const runId = await start(id, { accountId: record._id });
      const failed = await api.runInStatus(runId, 'failed');
      expect(failed.body.error).toEqual({ type: 'flow_fail', message: 'the account is not ready' });
      const byNode = await listed(`workflowId=${id}&failedNode=stop`, 1);
      expect(byNode.items[0]).toMatchObject({
        runId,
        status: 'failed',
        failedNode: 'stop',
        title: 'Account check',
      });

      const incidents = await api.request('GET', `/runs/incidents?workflowId=${id}`);
      expect(incidents.body.groups).toEqual([
        {
          kind: 'failed',
          workflowId: id,
          nodeId: 'stop',
          message: 'the account is not ready',
          count: 1,
          runs: [expect.objectContaining({ runId })],
        },
      ]);

      expect((await api.request('POST', `/runs/${runId}/retry`, {}, { as: ['viewer'] })).status).toBe(403);
      const retried = await api.request(
        'POST',
        `/runs/${runId}/retry`,
        { version: 'latest' },
        { as: ['finance'] },
      );
      expect(retried.status).toBe(201);
      expect(retried.body).toEqual({
        runId,
        retryRunId: expect.stringMatching(/^run-/),
        workflowId: id,
        version: 1,
      });
      const retryView = await api.runInStatus(retried.body.retryRunId as string, 'failed');
      expect(retryView.body.input).toEqual({ accountId: record._id });

      await repo().update('account', record._id, { name: 'Ready Co' }, {}, setup);
      expect((await api.request('POST', `/runs/${runId}/restart`, {}, { as: ['finance'] })).status).toBe(403);
      const missing = await api.request('POST', `/runs/${runId}/restart`, { nodeId: 'check' });
      expect(missing.status).toBe(409);
      expect(missing.body.error.message).toBe(
        `node check ran no activity or child run in run ${runId}, so there is no point to restart it from`,
      );
      const restarted = await api.request('POST', `/runs/${runId}/restart`, { nodeId: 'load' });
      expect(restarted.status).toBe(202);
      expect(restarted.body).toMatchObject({ runId, nodeId: 'load', executionRunId: expect.any(String) });
      const completed = await api.runInStatus(runId, 'completed');
      const trace = completed.body.trace as Array<{ nodeId: string }>;
      expect(trace.map((step) => step.nodeId)).toEqual(['start', 'load', 'check', 'mark', 'done']);

      const records = await api.request('GET', `/runs/${runId}/records`);
      expect(records.body.items).toEqual([
        {
          entityType: 'account',
          entityId: record._id,
          label: 'Ready Co checked',
          writes: [{ version: 3, kind: 'updated', at: expect.any(String) }],
        },
      ]);
      const recordRuns = await api.request('GET', `/entities/account/${record._id}/runs`, undefined, {
        as: ['viewer'],
      });
      expect(recordRuns.body.wrote).toEqual([
        { runId, writes: [{ version: 3, kind: 'updated', at: expect.any(String) }] },
      ]);
      expect(recordRuns.body.triggered).toEqual([]);

      const bulk = await api.request('POST', '/runs/bulk/retry', { runIds: [runId, 'run-missing'] });
      expect(bulk.status).toBe(200);
      expect(bulk.body.results).toEqual([
        { runId, ok: true, retryRunId: expect.stringMatching(/^run-/) },
        {
          runId: 'run-missing',
          ok: false,
          error: { code: 'not_found', message: 'run run-missing does not exist' },
        },
      ]);
      // The run renamed the account, so the check now fails again: a retry reads the record afresh.
      await api.runInStatus(bulk.body.results[0].retryRunId as string, 'failed');
    });

    const audit = await api.services.db
      .collection<AuditEntry>(auditCollection)
      .find({ resource: 'run' }, { projection: { _id: 0, at: 0 } })
      .toArray();
    expect(audit.map((entry) => [entry.action, entry.actor.userId, Object.keys(entry.diff)])).toEqual([
      ['run.retried', 'u-finance', ['retryRunId', 'version']],
      ['run.restarted', 'u-designer', ['nodeId', 'executionRunId']],
      ['run.retried', 'u-designer', ['retryRunId']],
    ]);
  });
});

describe('stuck runs', () => {
  test('an activity retrying past minAttempts is an incident; restart from its node resumes the run', async () => {
    let healthy = false;
    const partner = express();
    partner.get('/stock', (_req, res) => {
      if (healthy) res.json({ onHand: 4 });
      else res.status(503).json({ error: 'down' });
    });
    const server = await listen(partner);
    const id = await published({
      name: 'Stock sync',
      nodes: [
        { id: 'start', type: 'trigger.manual', params: {} },
        {
          id: 'call',
          type: 'http.request',
          params: { method: 'GET', url: `${server.url}/stock` },
          retry: { maximumAttempts: 50, initialInterval: 'PT0.2S', backoffCoefficient: 1 },
        },
        { id: 'done', type: 'flow.end', params: { output: '=$nodes.call.body' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'call' },
        { id: 'e2', source: 'call', target: 'done' },
      ],
    });
    try {
      await withWorkerOn(
        { ...api.services, activityOptions: { httpAllowlist: parseAllowlist('127.0.0.1/32') } },
        async () => {
          const runId = await start(id, {});
          const groups = await eventually(async () => {
            const answer = await api.request('GET', `/runs/incidents?workflowId=${id}&minAttempts=3`);
            expect(answer.status).toBe(200);
            const found = answer.body.groups as Array<Record<string, unknown>>;
            return found.length > 0 ? found : undefined;
          });
          expect(groups).toEqual([
            {
              kind: 'activityRetrying',
              workflowId: id,
              nodeId: 'call',
              message: expect.stringContaining('503'),
              count: 1,
              runs: [expect.objectContaining({ runId, status: 'running', attempt: expect.any(Number) })],
            },
          ]);
          healthy = true;
          const restarted = await api.request('POST', `/runs/${runId}/restart`);
          expect(restarted.status).toBe(202);
          expect(restarted.body.nodeId).toBe('call');
          const done = await api.runInStatus(runId, 'completed');
          expect(done.body.result).toEqual({ onHand: 4 });
        },
      );
    } finally {
      await server.close();
    }
  });
});

describe('bulk actions', () => {
  test('bulk cancel of a filter cancels each open run and reports each', async () => {
    const id = await published(quickEnd);
    const runs = [await start(id, {}), await start(id, {}), await start(id, {})];
    await listed(`workflowId=${id}&status=running`, 3);
    expect(
      (await api.request('POST', '/runs/bulk/cancel', { filter: { workflowId: id } }, { as: ['finance'] }))
        .status,
    ).toBe(403);
    const bad = await api.request('POST', '/runs/bulk/cancel', {
      filter: { workflowId: id, colour: 'red' },
      runIds: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { path: 'runIds', message: 'give either runIds or filter' },
      { path: 'runIds', message: 'must be a list of 1 to 500 run ids' },
      { path: 'filter.colour', message: 'is not a run filter' },
    ]);

    const response = await api.request('POST', '/runs/bulk/cancel', { filter: { workflowId: id } });
    expect(response.status).toBe(200);
    expect(
      [...response.body.results].sort((a: { runId: string }, b: { runId: string }) =>
        a.runId.localeCompare(b.runId),
      ),
    ).toEqual([...runs].sort().map((runId) => ({ runId, ok: true, status: 'cancelling' })));
    const missing = await api.request('POST', '/runs/bulk/cancel', { runIds: ['run-missing'] });
    expect(missing.body.results).toEqual([
      {
        runId: 'run-missing',
        ok: false,
        error: { code: 'not_found', message: 'run run-missing does not exist' },
      },
    ]);
  });
});
