import { readVersion } from '../../../domain/entities/version-log';
import type { WorkflowDefinition } from '../../../workflows';
import { startDispatcher } from '../../support/trigger-dispatcher';
import {
  expectedRunIds,
  inParallel,
  runIdsOf,
  settledRunCount,
  startTriggerHarness,
  type TriggerHarness,
} from './trigger-harness';

/*
 * Each matching entity event starts exactly one run: through the full API with the dispatcher in the
 * server process, and with several dispatchers racing for the same events.
 */

jest.setTimeout(900_000);

let harness: TriggerHarness;

beforeAll(async () => {
  harness = await startTriggerHarness('triggers-once');
});

afterAll(async () => {
  await harness.close();
});

const fastSuppliers = (name: string): WorkflowDefinition => ({
  name,
  nodes: [
    {
      id: 'start',
      type: 'trigger.entity',
      params: {
        entityType: 'supplier',
        events: ['created'],
        condition: '=$trigger.entity.leadTimeDays < 100',
      },
    },
    {
      id: 'done',
      type: 'flow.end',
      params: {
        output: {
          entityId: '=$trigger.entityId',
          eventId: '=$trigger.eventId',
          name: '=$trigger.entity.name',
          event: '=$trigger.event',
          chainDepth: '=$trigger.chainDepth',
        },
      },
    },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'done' }],
});

const supplier = (name: string, leadTimeDays: number) => ({
  name,
  status: 'active',
  currency: 'EUR',
  paymentTerms: 'net30',
  leadTimeDays,
});

test('1,000 matching writes through the API start exactly 1,000 runs, one per event', async () => {
  const { services } = harness;
  await services.withWorker(async () => {
    const workflowId = await harness.publish(fastSuppliers('Fast suppliers'));
    // 1,000 writes that match and 100 that do not, interleaved.
    const writes = Array.from({ length: 1100 }, (_, i) => (i % 11 === 10 ? 200 : i % 90));
    const statuses = await inParallel(writes, 8, async (leadTimeDays, i) => {
      const response = await harness.api('POST', '/entities/supplier', supplier(`S${i}`, leadTimeDays));
      return response.status;
    });
    expect(statuses.filter((status) => status === 201)).toHaveLength(1100);

    expect(await settledRunCount(services, workflowId)).toBe(1000);
    const expected = await expectedRunIds(services, 'supplier', workflowId, 'start', {
      leadTimeDays: { $lt: 100 },
    });
    expect(expected).toHaveLength(1000);
    expect(await runIdsOf(services, workflowId)).toEqual(expected);
    // A run sees the event as $trigger.
    const sample = await services.db.collection('supplier').findOne({ name: 'S7' });
    const eventId = (await readVersion(services.db, 'supplier', String(sample?._id), 1))!.eventId;
    const result: unknown = await services.temporal.workflow
      .getHandle(`trigger:${workflowId}:start:${eventId}`)
      .result();
    expect(result).toEqual({
      entityId: sample?._id,
      eventId,
      name: 'S7',
      event: 'created',
      chainDepth: 1,
    });

    // Unpublished, it starts nothing more.
    expect((await harness.api('POST', `/workflows/${workflowId}/unpublish`)).status).toBe(200);
    expect((await harness.api('POST', '/entities/supplier', supplier('After', 1))).status).toBe(201);
    expect(await settledRunCount(services, workflowId)).toBe(1000);
  });
});

test('several dispatchers racing for the same events start each run once', async () => {
  const { services, repo } = harness;
  // Three more dispatchers on the same store, as other API servers and workers would be.
  const others = await Promise.all(
    Array.from({ length: 3 }, () => startDispatcher(services, { sweepIntervalMs: 1000, sweepGraceMs: 0 })),
  );
  const all = [harness.dispatcher, ...others];
  try {
    await services.withWorker(async () => {
      const workflowId = await harness.publish(fastSuppliers('Raced suppliers'));
      const before = all.map((dispatcher) => dispatcher.stats().runsStarted);
      await inParallel(
        Array.from({ length: 150 }, (_, i) => i),
        6,
        async (i) => {
          await repo.create('supplier', supplier(`R${i}`, 5), {
            actor: { userId: 'tester' },
            roles: ['admin'] as const,
          });
          // Every dispatcher also sweeps now and then, with no grace, to collide with the others.
          if (i % 10 === 0) await Promise.all(all.map((dispatcher) => dispatcher.sweep(0)));
        },
      );
      expect(await settledRunCount(services, workflowId)).toBe(150);
      const expected = await expectedRunIds(services, 'supplier', workflowId, 'start', {
        name: { $regex: '^R' },
      });
      expect(await runIdsOf(services, workflowId)).toEqual(expected);
      const started = all.reduce((sum, d, i) => sum + d.stats().runsStarted - before[i]!, 0);
      expect(started).toBe(150);
    });
  } finally {
    await Promise.all(others.map((dispatcher) => dispatcher.stop()));
  }
});
