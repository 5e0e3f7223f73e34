import { versionLog } from '../../../domain/entities';
import type { EntityType } from '../../../schemas';
import { createEntityRepository, type EntityRepository } from '../../../domain/entities';
import { findPendingEvents } from '../../../domain/events';
import {
  dispatchLogCollection,
  triggerRunId,
  type DispatchLogEntry,
  type TriggerDispatcher,
} from '../../../domain/triggers';
import type { WorkflowDefinition } from '../../../workflows';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { apiAs, logIn, type ApiCall } from '../../support/api-client';
import { serveApi } from '../../support/api-server';
import { startDispatcher } from '../../support/trigger-dispatcher';

export interface TriggerHarness {
  services: TestServices;
  repo: EntityRepository;
  dispatcher: TriggerDispatcher;
  /** Calls the full API server (real authentication) as the admin. */
  api: ApiCall;
  /** Creates and publishes a workflow through the API; returns its id. */
  publish(definition: WorkflowDefinition): Promise<string>;
  close(): Promise<void>;
}

export const admin = { email: 'triggers@example.com', password: 'trigger-password-123' };

/**
 * The API server app exactly as server/main.ts builds it, with an entity-trigger dispatcher in the
 * same process, against the real store and Temporal dev server of the test setup. Runs start on the
 * test's task queue; `services.withWorker` executes them.
 */
export async function startTriggerHarness(
  name: string,
  options: { maxChainDepth?: number; sweepIntervalMs?: number } = {},
): Promise<TriggerHarness> {
  const services = await connectTestServices(name);
  const server = await serveApi(services, { admin });
  const dispatcher = await startDispatcher(services, options);
  const api = apiAs(server.url, await logIn(server.url, admin));

  return {
    services,
    repo: createEntityRepository(services.db),
    dispatcher,
    api,
    async publish(definition) {
      const created = await api('POST', '/workflows', definition);
      expect(created.status).toBe(201);
      const published = await api('POST', `/workflows/${created.body._id as string}/publish`);
      expect(published.status).toBe(200);
      return created.body._id as string;
    },
    async close() {
      await dispatcher.stop();
      await server.close();
      await services.close();
    },
  };
}

/** The run ids Temporal holds for a Ledgerline workflow, by its search attribute. */
export async function runIdsOf(services: TestServices, workflowId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const execution of services.temporal.workflow.list({
    query: `LedgerlineWorkflowId = "${workflowId}"`,
  })) {
    ids.push(execution.workflowId);
  }
  return ids.sort();
}

/** How many runs Temporal holds for a Ledgerline workflow. */
export async function runCountOf(services: TestServices, workflowId: string): Promise<number> {
  return (await services.temporal.workflow.count(`LedgerlineWorkflowId = "${workflowId}"`)).count;
}

/**
 * Polls the run count until it has stayed the same for `stableFor` consecutive polls after every
 * event was dispatched (Temporal's visibility store lags starts a little).
 */
export async function settledRunCount(
  services: TestServices,
  workflowId: string,
  options: { stableFor?: number; timeoutMs?: number; intervalMs?: number } = {},
): Promise<number> {
  const { stableFor = 4, timeoutMs = 300_000, intervalMs = 500 } = options;
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let same = 0;
  for (;;) {
    const pending = await findPendingEvents(services.db, { limit: 1 });
    const count = await runCountOf(services, workflowId);
    same = pending.length === 0 && count === last ? same + 1 : 0;
    last = count;
    if (same >= stableFor) return count;
    if (Date.now() > deadline) throw new Error(`run count did not settle; last ${count}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The run id each recorded event of `type` records should have started for a trigger node. */
export async function expectedRunIds(
  services: TestServices,
  type: string,
  workflowId: string,
  nodeId: string,
  filter: Record<string, unknown> = {},
): Promise<string[]> {
  const docs = await services.db.collection<{ _id: string }>(type).find(filter).toArray();
  const created = await versionLog(services.db)
    .find({ type: type as EntityType, version: 1 })
    .toArray();
  const ids = new Set(docs.map((doc) => doc._id));
  return created
    .filter((version) => ids.has(version.entityId))
    .map((version) => triggerRunId(version.eventId, workflowId, nodeId))
    .sort();
}

/** The chain depth each run of a workflow was started with, by run id. */
export async function chainDepthsOf(services: TestServices, workflowId: string): Promise<number[]> {
  const depths: number[] = [];
  for (const runId of await runIdsOf(services, workflowId)) {
    const { memo } = await services.temporal.workflow.getHandle(runId).describe();
    depths.push(memo?.ledgerlineChainDepth as number);
  }
  return depths.sort((a, b) => a - b);
}

/** The dispatch log entries of a workflow: the triggers that did not start a run, and why. */
export function dispatchesOf(services: TestServices, workflowId: string): Promise<DispatchLogEntry[]> {
  return services.db
    .collection<DispatchLogEntry>(dispatchLogCollection)
    .find({ workflowId })
    .sort({ chainDepth: 1, at: 1 })
    .toArray();
}

/** Runs `fn` over `items` with at most `concurrency` calls in flight. */
export async function inParallel<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index] as T, index);
      }
    }),
  );
  return results;
}
