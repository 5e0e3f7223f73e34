import { versionLog } from '../../../domain/entities';
import { triggerRunId } from '../../../domain/triggers';
import { createWorkflowStore } from '../../../domain/workflows';
import { freePort } from '../../../platform/ports';
import type { TestServices } from '../../setup/test-env';
import { callApi, logIn } from '../../support/api-client';
import {
  killApiServer,
  spawnApiServer,
  type ApiServerProcess,
  prepareServerProcesses,
  type ServerProcessTarget,
} from '../../support/api-server-process';
import { runIdsOf, settledRunCount } from '../triggers/trigger-harness';

/*
 * The API server process creates numbered tickets (and updates some) for four concurrent clients and
 * is SIGKILLed at random points, then restarted. A number is taken by the same insert that stores
 * the ticket, so the numbers stay gapless and unique whatever a kill interrupts; and every committed
 * version's event starts its triggered run exactly once.
 */

jest.setTimeout(1_800_000);

const admin = { email: 'numbers@example.com', password: 'numbers-password-123' };
const creates = 150;
const kills = 4;

let target: ServerProcessTarget;
let services: TestServices;
let dataDir: string;

beforeAll(async () => {
  target = await prepareServerProcesses('data-number-kills', admin);
  ({ services, dataDir } = target);
});

afterAll(async () => {
  await target.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('numbers stay gapless and every version is dispatched once under kill -9 of the API server', async () => {
  const workflows = createWorkflowStore(services.db);
  const workflow = await workflows.create(
    {
      name: 'Every ticket write',
      nodes: [
        {
          id: 'start',
          type: 'trigger.entity',
          params: { entityType: 'ticket', events: ['created', 'updated'] },
        },
        { id: 'done', type: 'flow.end', params: { output: { number: '=$trigger.entity.number' } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'done' }],
    },
    { userId: 'tester' },
  );
  await workflows.publish(workflow._id, { userId: 'tester', roles: ['admin'] });
  const port = await freePort();
  let server: ApiServerProcess = await spawnApiServer(services, { port, dataDir, admin });
  const token = await logIn(server.url, admin);
  const auth = { authorization: `Bearer ${token}` };
  const account = await callApi(
    server.url,
    'POST',
    '/entities/account',
    { name: 'Numbers', currency: 'EUR' },
    auth,
  );
  expect(account.status).toBe(201);

  let up: Promise<void> = Promise.resolve();
  let next = 0;
  const acknowledged: string[] = [];
  const otherStatuses: number[] = [];

  async function client(): Promise<void> {
    while (next < creates) {
      const subject = `T${next++}`;
      await up;
      try {
        const created = await callApi(
          server.url,
          'POST',
          '/entities/ticket',
          { subject, accountId: account.body._id },
          auth,
        );
        if (created.status !== 201) {
          otherStatuses.push(created.status);
          continue;
        }
        acknowledged.push(created.body.number as string);
        if (next % 3 === 0) {
          await callApi(
            server.url,
            'PATCH',
            `/entities/ticket/${created.body._id as string}`,
            { priority: 'high' },
            auth,
          );
        }
      } catch {
        // Killed while the request was in flight: the write may or may not have landed.
      }
    }
  }

  const killPoints = Array.from({ length: kills }, (_, k) => Math.floor(((k + 1) * creates) / (kills + 2)));
  async function killer(): Promise<void> {
    for (const point of killPoints) {
      while (next < point) await pause(20);
      await pause(Math.random() * 200);
      let restarted!: () => void;
      up = new Promise((resolve) => (restarted = resolve));
      await killApiServer(server);
      server = await spawnApiServer(services, { port, dataDir, admin });
      restarted();
    }
  }

  await services.withWorker(async () => {
    try {
      await Promise.all([client(), client(), client(), client(), killer()]);
      const runs = await settledRunCount(services, workflow._id, { stableFor: 6, timeoutMs: 900_000 });

      const tickets = await services.db
        .collection<{ number: string }>('ticket')
        .find({}, { projection: { number: 1 } })
        .toArray();
      const year = new Date().getUTCFullYear();
      const numbers = tickets.map((t) => t.number).sort();
      // Gapless and unique: exactly TKT-<year>-000001 … one per stored ticket.
      expect(numbers).toEqual(
        Array.from({ length: tickets.length }, (_, i) => `TKT-${year}-${String(i + 1).padStart(6, '0')}`),
      );
      expect(acknowledged.filter((n) => !numbers.includes(n))).toEqual([]);
      expect(otherStatuses).toEqual([]);

      // Every committed version was dispatched, and started its run exactly once.
      const versions = await versionLog(services.db).find({ type: 'ticket' }).toArray();
      expect(versions.filter((v) => !v.dispatched).map((v) => v._id)).toEqual([]);
      const expected = versions.map((v) => triggerRunId(v.eventId, workflow._id, 'start')).sort();
      expect(await runIdsOf(services, workflow._id)).toEqual(expected);
      expect(runs).toBe(versions.length);
    } finally {
      await killApiServer(server);
    }
  });
});
