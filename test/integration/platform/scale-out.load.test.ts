import { readVersion } from '../../../domain/entities/version-log';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { triggerRunId } from '../../../domain/triggers';
import { freePort } from '../../../platform/ports';
import type { WorkflowDefinition } from '../../../workflows';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { apiAs, logIn, type ApiCall } from '../../support/api-client';
import { appEnv, startApp, type AppProcess } from '../../support/app-process';
import { eventually } from '../../support/eventually';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../support/round-robin-proxy';

/*
 * Scale-out as compose runs it, as OS processes: 2 API servers and 3 workers on one Temporal and one
 * store, each with its trigger dispatcher, behind a round-robin proxy. Entity writes that trigger
 * runs, manual runs and approvals go through both servers while one worker and one server are
 * killed with SIGKILL and restarted. Every acknowledged write starts its run exactly once, every
 * run completes, and every approval is applied once.
 *
 * The load is the full 500 writes, 200 manual runs and 50 approvals, and 100 numbered tickets whose
 * numbers must come out gapless; five app processes, Temporal and the store share two cores here.
 */

jest.setTimeout(3_600_000);

const load = { writes: 500, manualRuns: 200, approvals: 50, tickets: 100 };
const admin = { email: 'scale@example.com', password: 'scale-password-123' };

let services: TestServices;
let dataDir: string;
let proxy: RoundRobinProxy;
const apps: AppProcess[] = [];

beforeAll(async () => {
  services = await connectTestServices('scale-out');
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-scale-'));
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.kill()));
  await proxy?.close();
  await services.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

function definition(name: string, nodes: WorkflowDefinition['nodes'], edges: string[]): WorkflowDefinition {
  return {
    name,
    nodes,
    edges: edges.map((text, index) => {
      const [from, target] = text.split('->') as [string, string];
      const [source, sourcePort] = from.split(':') as [string, string | undefined];
      return { id: `e${index + 1}`, source, target, ...(sourcePort === undefined ? {} : { sourcePort }) };
    }),
  };
}

async function publish(api: ApiCall, workflow: WorkflowDefinition): Promise<string> {
  const created = await api('POST', '/workflows', workflow);
  expect(created.status).toBe(201);
  const id = created.body._id as string;
  expect((await api('POST', `/workflows/${id}/publish`)).status).toBe(200);
  return id;
}

/** Calls through the proxy; a call whose server died under it answers `undefined` (it may have landed). */
async function attempt(api: ApiCall, method: string, route: string, body?: unknown) {
  try {
    const response = await api(method, route, body);
    return response.status === 502 ? undefined : response;
  } catch {
    return undefined;
  }
}

/** Runs `fn` for 0…count-1 with `concurrency` calls in flight. */
async function pool(count: number, concurrency: number, fn: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

/** Executions of a Ledgerline workflow in Temporal, with their status. */
async function executionsOf(workflowId: string): Promise<Map<string, string>> {
  const runs = new Map<string, string>();
  for await (const execution of services.temporal.workflow.list({
    query: `LedgerlineWorkflowId = "${workflowId}"`,
  })) {
    runs.set(execution.workflowId, execution.status.name);
  }
  return runs;
}

test('2 API servers and 3 workers as processes keep exactly-once starts through kill -9 and restarts', async () => {
  const serverPorts = [await freePort(), await freePort()];
  const env = (extra: Record<string, string>) =>
    appEnv(services, {
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      SECRETS_KEY: '11'.repeat(32),
      DATA_DIR: dataDir,
      TRIGGER_SWEEP_INTERVAL_MS: '500',
      ...extra,
    });
  const serverEnv = (index: number) => env({ PORT: String(serverPorts[index]) });
  const started = await Promise.all([
    startApp('server', serverEnv(0)),
    startApp('server', serverEnv(1)),
    startApp('worker', env({})),
    startApp('worker', env({})),
    startApp('worker', env({})),
  ]);
  apps.push(...started);
  proxy = await startRoundRobinProxy(serverPorts.map((port) => `http://127.0.0.1:${port}`));
  const api = apiAs(proxy.url, await logIn(proxy.url, admin));

  const triggered = await publish(
    api,
    definition(
      'Every new supplier',
      [
        { id: 'start', type: 'trigger.entity', params: { entityType: 'supplier', events: ['created'] } },
        { id: 'done', type: 'flow.end', params: { output: { name: '=$trigger.entity.name' } } },
      ],
      ['start->done'],
    ),
  );
  const manual = await publish(
    api,
    definition(
      'Echo',
      [
        { id: 'start', type: 'trigger.manual', params: {} },
        { id: 'done', type: 'flow.end', params: { output: { n: '=$input.n' } } },
      ],
      ['start->done'],
    ),
  );
  const approval = await publish(
    api,
    definition(
      'Approve',
      [
        { id: 'start', type: 'trigger.manual', params: {} },
        {
          id: 'approve',
          type: 'human.approval',
          // The test's one admin starts every run and decides it.
          params: { assigneeRole: 'admin', title: 'Approve?', allowSelfApproval: true },
        },
        { id: 'yes', type: 'flow.end', params: { output: { approved: true, n: '=$input.n' } } },
        { id: 'no', type: 'flow.end', params: { output: { approved: false } } },
      ],
      ['start->approve', 'approve:approved->yes', 'approve:rejected->no'],
    ),
  );

  const acknowledgedWrites: string[] = [];
  const manualRunIds: string[] = [];
  const approvalRunIds: string[] = [];
  const approved: string[] = [];
  const acknowledgedTickets: string[] = [];
  let lostResponses = 0;
  let progress = 0;
  const total = load.writes + load.manualRuns + load.approvals + load.tickets;

  async function chaos(): Promise<void> {
    while (progress < total / 3) await new Promise((resolve) => setTimeout(resolve, 50));
    const [server, , worker] = started;
    await Promise.all([server.kill(), worker.kill()]);
    const restarted = await Promise.all([startApp('server', serverEnv(0)), startApp('worker', env({}))]);
    apps.push(...restarted);
  }

  async function writes(): Promise<void> {
    await pool(load.writes, 4, async (index) => {
      const name = `Supplier ${index}`;
      const response = await attempt(api, 'POST', '/entities/supplier', {
        name,
        status: 'active',
        currency: 'EUR',
        paymentTerms: 'net30',
      });
      progress++;
      if (response === undefined) lostResponses++;
      else if (response.status === 201) acknowledgedWrites.push(name);
      else throw new Error(`write ${name}: ${response.status} ${JSON.stringify(response.body)}`);
    });
  }

  async function tickets(): Promise<void> {
    await pool(load.tickets, 2, async (index) => {
      const response = await attempt(api, 'POST', '/entities/ticket', { subject: `Ticket ${index}` });
      progress++;
      if (response === undefined) lostResponses++;
      else if (response.status === 201) acknowledgedTickets.push(response.body.number as string);
      else throw new Error(`ticket ${index}: ${response.status} ${JSON.stringify(response.body)}`);
    });
  }

  async function manualRuns(): Promise<void> {
    await pool(load.manualRuns, 2, async (n) => {
      const response = await attempt(api, 'POST', `/workflows/${manual}/runs`, { input: { n } });
      progress++;
      if (response === undefined) lostResponses++;
      else if (response.status === 201) manualRunIds.push(response.body.runId as string);
      else throw new Error(`manual run ${n}: ${response.status} ${JSON.stringify(response.body)}`);
    });
  }

  async function approvals(): Promise<void> {
    await pool(load.approvals, 2, async (n) => {
      const runId = await eventually(async () => {
        const response = await attempt(api, 'POST', `/workflows/${approval}/runs`, { input: { n } });
        return response?.status === 201 ? (response.body.runId as string) : undefined;
      });
      approvalRunIds.push(runId);
      const taskId = await eventually(async () => {
        const tasks = await attempt(api, 'GET', `/tasks?runId=${encodeURIComponent(runId)}`);
        return (tasks?.body?.items as Array<{ _id: string }> | undefined)?.[0]?._id;
      }, 300_000);
      // A completion whose answer is lost is sent again: it applies once and answers 200 again.
      await eventually(async () => {
        const response = await attempt(api, 'POST', `/tasks/${encodeURIComponent(taskId)}/complete`, {
          outcome: 'approved',
          data: {},
        });
        return response?.status === 200 || response?.status === 409 ? true : undefined;
      }, 300_000);
      approved.push(taskId);
      progress++;
    });
  }

  await Promise.all([writes(), tickets(), manualRuns(), approvals(), chaos()]);

  // Every recorded supplier (each acknowledged one, and any whose answer was lost) started one run.
  const recorded = await services.db
    .collection<{ _id: string; name: string }>('supplier')
    .find({}, { projection: { name: 1 } })
    .toArray();
  const names = new Set(recorded.map((doc) => doc.name));
  expect(acknowledgedWrites.filter((name) => !names.has(name))).toEqual([]);
  // Each record's first version holds its created event.
  const expectedTriggered = (
    await Promise.all(
      recorded.map(async (doc) =>
        triggerRunId(
          (await readVersion(services.db, 'supplier', doc._id, 1))?.eventId ?? '?',
          triggered,
          'start',
        ),
      ),
    )
  ).sort();
  const allCompleted = async (workflowId: string, expected: number) => {
    const runs = await executionsOf(workflowId);
    const done = [...runs.values()].every((status) => status === 'COMPLETED');
    return runs.size === expected && done ? runs : undefined;
  };
  const triggeredRuns = await eventually(() => allCompleted(triggered, expectedTriggered.length), 600_000);
  expect([...triggeredRuns.keys()].sort()).toEqual(expectedTriggered);

  // Manual runs: each acknowledged one exists and completed; a lost answer may have started one more.
  const manualRuns_ = await eventually(async () => {
    const runs = await executionsOf(manual);
    return [...runs.values()].every((status) => status === 'COMPLETED') && runs.size >= manualRunIds.length
      ? runs
      : undefined;
  }, 600_000);
  expect(manualRunIds.filter((id) => manualRuns_.get(id) !== 'COMPLETED')).toEqual([]);
  expect(manualRuns_.size).toBeLessThanOrEqual(load.manualRuns);

  // Approvals: every task completed once by the admin, every run took the approved branch once.
  const tasks = await services.db
    .collection<{ _id: string; runId: string; status: string }>('tasks')
    .find({ runId: { $in: approvalRunIds } })
    .toArray();
  expect(tasks.map((task) => task.status)).toEqual(approvalRunIds.map(() => 'completed'));
  for (const runId of approvalRunIds) {
    const result: unknown = await services.temporal.workflow.getHandle(runId).result();
    expect(result).toMatchObject({ approved: true });
  }
  // The same completion again answers as the first did; another one is refused; neither applies twice.
  const again = await api('POST', `/tasks/${encodeURIComponent(approved[0]!)}/complete`, {
    outcome: 'approved',
    data: {},
  });
  expect(again).toMatchObject({ status: 200, body: { status: 'completed', outcome: 'approved' } });
  const other = await api('POST', `/tasks/${encodeURIComponent(approved[0]!)}/complete`, {
    outcome: 'rejected',
    data: {},
  });
  expect(other.status).toBe(409);
  expect(
    await services.db
      .collection('audit')
      .countDocuments({ action: 'task.completed', resourceId: approved[0]! }),
  ).toBe(1);

  // Ticket numbers are gapless across both servers and the kills: the recorded tickets hold
  // exactly the numbers 1…n, each acknowledged number among them, each with its audit entry.
  const recordedTickets = await services.db
    .collection<{ _id: string; number: string }>('ticket')
    .find({}, { projection: { number: 1 } })
    .toArray();
  const sequence = (number: string) => Number(number.split('-')[2]);
  expect(recordedTickets.map((ticket) => sequence(ticket.number)).sort((a, b) => a - b)).toEqual(
    recordedTickets.map((_, index) => index + 1),
  );
  const ticketNumbers = new Set(recordedTickets.map((ticket) => ticket.number));
  expect(acknowledgedTickets.filter((number) => !ticketNumbers.has(number))).toEqual([]);
  for (const ticket of recordedTickets) {
    const first = await readVersion(services.db, 'ticket', ticket._id, 1);
    expect([ticket.number, first?.kind, first?.actor?.userId !== undefined]).toEqual([
      ticket.number,
      'created',
      true,
    ]);
  }

  // Both servers took their share of the traffic.
  expect([...proxy.served.values()].every((count) => count > 0)).toBe(true);
  console.log(
    `scale-out: ${JSON.stringify({
      sent: load,
      acknowledgedWrites: acknowledgedWrites.length,
      recordedWrites: recorded.length,
      triggeredRuns: triggeredRuns.size,
      manualRunsStarted: manualRuns_.size,
      acknowledgedManualRuns: manualRunIds.length,
      approvals: approved.length,
      acknowledgedTickets: acknowledgedTickets.length,
      recordedTickets: recordedTickets.length,
      lostResponses,
      servedByServer: [...proxy.served.values()],
    })}`,
  );
});
