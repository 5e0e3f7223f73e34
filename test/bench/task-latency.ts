import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { TaskDocument } from '../../domain/tasks';
import { benchGoUpdate, benchWaitingQuery } from './workflows/bench-update-baseline';
import { apiAs, logIn } from '../support/api-client';
import { serveApi } from '../support/api-server';
import { connectBenchTemporal } from './bench-temporal';
import type { BenchRow } from './report';
import { percentile, ratio, round } from './stats';

/** trigger → approval → `next` (the node whose start is timed) → end. */
const approvalThenNext = {
  name: 'Task latency',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {} },
    {
      id: 'approve',
      type: 'human.approval',
      params: {
        assigneeRole: 'salesManager',
        title: 'Approve the benchmark step',
        // The benchmark's one admin starts every run and decides it.
        allowSelfApproval: true,
        formSchema: {
          type: 'object',
          required: ['amount'],
          properties: { amount: { type: 'integer', minimum: 1 } },
        },
      },
    },
    { id: 'next', type: 'data.set', params: { values: { amount: '=$nodes.approve.data.amount' } } },
    { id: 'end', type: 'flow.end', params: { output: '=$vars' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'approve' },
    { id: 'e2', source: 'approve', sourcePort: 'approved', target: 'next' },
    { id: 'e3', source: 'next', target: 'end' },
  ],
};

async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * "Task completion to next node started" (README: Benchmarks): an approval completed through the full API server
 * (authentication, form validation, the `completeTask` update, the task write and audit), timed from
 * the moment the request leaves until the next node's trace entry starts (the worker's clock, which
 * is this machine's). Baseline, interleaved in the same run on the same server and worker: a bare
 * Temporal update round trip to a minimal workflow that waits for it.
 */
export async function measureTaskLatency(
  db: Db,
  temporalAddress: string,
  options: { samples: number; warmup: number },
): Promise<BenchRow[]> {
  const bench = await connectBenchTemporal(db, temporalAddress, 'bench-tasks');
  const { temporal: client, taskQueue } = bench;
  const admin = { email: 'bench@example.com', password: 'bench-password-123' };
  const server = await serveApi(bench, { admin });
  try {
    const api = apiAs(server.url, await logIn(server.url, admin));
    const call = async (method: string, path: string, body?: unknown) => {
      const answer = await api(method, path, body);
      if (answer.status < 200 || answer.status > 299) {
        throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      return answer.body as Record<string, unknown>;
    };
    const workflowId = (await call('POST', '/workflows', approvalThenNext))._id as string;
    await call('POST', `/workflows/${workflowId}/publish`);
    const tasks = db.collection<TaskDocument>('tasks');

    /** One approval: ms from sending the completion to its acknowledgement and to `next` starting. */
    const completeOne = async () => {
      const { runId } = (await call('POST', `/workflows/${workflowId}/runs`, { input: {} })) as {
        runId: string;
      };
      const task = await until(async () => (await tasks.findOne({ runId, status: 'open' })) ?? undefined);
      const sent = Date.now();
      await call('POST', `/tasks/${encodeURIComponent(task._id)}/complete`, {
        outcome: 'approved',
        data: { amount: 3 },
      });
      const acknowledged = Date.now();
      await client.workflow.getHandle(runId).result();
      const view = (await call('GET', `/runs/${encodeURIComponent(runId)}`)) as {
        trace: { nodeId: string; startedAt: string }[];
      };
      const next = view.trace.find((entry) => entry.nodeId === 'next');
      if (!next) throw new Error(`run ${runId} has no trace entry for the next node`);
      return { acknowledged: acknowledged - sent, nextStarted: Date.parse(next.startedAt) - sent };
    };

    /** One bare update to a workflow already waiting for it. */
    const updateOne = async () => {
      const handle = await client.workflow.start('updateBaselineWorkflow', {
        taskQueue,
        workflowId: `bench-update-${randomUUID()}`,
      });
      await handle.query(benchWaitingQuery);
      const sent = performance.now();
      await handle.executeUpdate(benchGoUpdate, { args: ['approved'] });
      const elapsed = performance.now() - sent;
      await handle.result();
      return elapsed;
    };

    return await bench.withWorker(async () => {
      for (let i = 0; i < options.warmup; i++) {
        await completeOne();
        await updateOne();
      }
      const acknowledged: number[] = [];
      const nextStarted: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < options.samples; i++) {
        const sample = await completeOne();
        acknowledged.push(sample.acknowledged);
        nextStarted.push(sample.nextStarted);
        bare.push(await updateOne());
      }
      const row = (figure: string, samples: number[], p: 50 | 99, note: string): BenchRow => {
        const value = percentile(samples, p);
        const base = percentile(bare, p);
        return {
          section: 'tasks',
          figure: `${figure} p${p}`,
          value: round(value),
          unit: 'ms',
          baseline: round(base),
          ratio: ratio(value, base),
          note,
        };
      };
      const note = `${options.samples} approvals, interleaved; baseline: bare Temporal update round trip to a waiting workflow`;
      return [
        row('approval completed via the API → next node started', nextStarted, 50, note),
        row('approval completed via the API → next node started', nextStarted, 99, note),
        row('approval completion request acknowledged', acknowledged, 50, note),
        row('approval completion request acknowledged', acknowledged, 99, note),
      ];
    });
  } finally {
    await server.close();
    await bench.close();
  }
}
