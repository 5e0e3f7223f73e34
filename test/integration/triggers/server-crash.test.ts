import { versionLog } from '../../../domain/entities';
import { findPendingEvents } from '../../../domain/events';
import { triggerRunId } from '../../../domain/triggers';
import { createWorkflowStore } from '../../../domain/workflows';
import { freePort } from '../../../platform/ports';
import type { TestServices } from '../../setup/test-env';
import { logIn } from '../../support/api-client';
import {
  spawnApiServer,
  type ApiServerProcess,
  prepareServerProcesses,
  type ServerProcessTarget,
} from '../../support/api-server-process';
import { admin, runIdsOf, settledRunCount } from './trigger-harness';

/*
 * The API server (server/main.ts, with its trigger dispatcher) runs as a child process and is killed
 * with SIGKILL at random points while 500 entity creates go through its HTTP API, then restarted.
 * Whatever a kill interrupts (a write, a dispatch between run start and mark), every event recorded
 * in the store starts exactly one run.
 */

jest.setTimeout(1_800_000);

const writes = 500;
const kills = 6;

let target: ServerProcessTarget;
let services: TestServices;
let dataDir: string;

beforeAll(async () => {
  target = await prepareServerProcesses('triggers-crash', admin);
  ({ services, dataDir } = target);
});

afterAll(async () => {
  await target.close();
});

function startServer(port: number): Promise<ApiServerProcess> {
  return spawnApiServer(services, { port, dataDir, admin });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('SIGKILLing the API server during 500 writes loses and duplicates no triggered run', async () => {
  const store = createWorkflowStore(services.db);
  const workflow = await store.create(
    {
      name: 'Every new supplier',
      nodes: [
        { id: 'start', type: 'trigger.entity', params: { entityType: 'supplier', events: ['created'] } },
        { id: 'done', type: 'flow.end', params: { output: { name: '=$trigger.entity.name' } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'done' }],
    },
    { userId: 'tester' },
  );
  await store.publish(workflow._id, { userId: 'tester', roles: ['admin'] });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let server = await startServer(port);
  let up: Promise<void> = Promise.resolve();
  const token = await logIn(url, admin);

  const acknowledged: string[] = [];
  const unanswered: string[] = [];
  const otherStatuses: number[] = [];
  const pendingAtKill: number[] = [];
  let next = 0;
  let restarts = 0;

  async function writer(): Promise<void> {
    while (next < writes) {
      const name = `F${next++}`;
      await up;
      try {
        const response = await fetch(`${url}/api/entities/supplier`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name, status: 'active', currency: 'EUR', paymentTerms: 'net30' }),
        });
        await response.arrayBuffer();
        if (response.status === 201) acknowledged.push(name);
        else otherStatuses.push(response.status);
      } catch {
        // Killed while the request was in flight: the write may or may not have landed.
        unanswered.push(name);
      }
    }
  }

  // Kills at random points spread over the writes: when the writes reach random counts, plus a jitter.
  const killPoints = Array.from({ length: kills }, () => 20 + Math.floor(Math.random() * (writes - 40))).sort(
    (a, b) => a - b,
  );

  async function killer(): Promise<void> {
    for (const point of killPoints) {
      while (next < point) await pause(20);
      await pause(Math.random() * 300);
      let restarted!: () => void;
      up = new Promise((resolve) => (restarted = resolve));
      server.child.kill('SIGKILL');
      await server.exited;
      pendingAtKill.push(
        (await findPendingEvents(services.db, { types: ['supplier'], limit: writes })).length,
      );
      server = await startServer(port);
      restarts += 1;
      restarted();
    }
  }

  await services.withWorker(async () => {
    try {
      await Promise.all([writer(), writer(), writer(), writer(), killer()]);
      const runs = await settledRunCount(services, workflow._id, { stableFor: 6, timeoutMs: 900_000 });
      const recorded = await versionLog(services.db).find({ type: 'supplier', version: 1 }).toArray();
      const expected = new Set(recorded.map((doc) => triggerRunId(doc.eventId, workflow._id, 'start')));
      const started = await runIdsOf(services, workflow._id);
      const lost = [...expected].filter((id) => !started.includes(id));
      const duplicates =
        started.length - new Set(started).size + started.filter((id) => !expected.has(id)).length;
      const counts = {
        writesSent: writes,
        writesAcknowledged: acknowledged.length,
        responsesLostToKills: unanswered.length,
        eventsRecorded: recorded.length,
        runsStarted: runs,
        lost: lost.length,
        duplicates,
        restarts,
        undispatchedEventsAtEachKill: pendingAtKill,
      };
      console.log(`server crash fault test: ${JSON.stringify(counts)}`);

      expect(otherStatuses).toEqual([]);
      expect(restarts).toBe(kills);
      // Every acknowledged write is in the store; an unanswered one may or may not be.
      const names = new Set(recorded.map((doc) => doc.record.name));
      expect(acknowledged.filter((name) => !names.has(name))).toEqual([]);
      expect(recorded.length).toBeGreaterThanOrEqual(acknowledged.length);
      expect(recorded.length).toBeLessThanOrEqual(writes);
      expect(lost).toEqual([]);
      expect(duplicates).toBe(0);
      expect(runs).toBe(recorded.length);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  });
});
