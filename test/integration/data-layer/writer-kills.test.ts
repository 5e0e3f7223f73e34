import { createEntityRepository, versionLog } from '../../../domain/entities';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { killChildWorker, spawnChildWorker } from '../../support/child-worker';
import { eventually } from '../../support/eventually';
import { graph, runInput, startRun } from '../engine/engine-harness';

/*
 * Workers writing records are SIGKILLed again and again mid-run, then a fresh worker finishes the
 * runs. The audit trail is the version log, so "an audit entry for every write" means: every
 * committed version is in the log once, with its actor, run, idempotency key and diff, and each
 * node visit wrote once however often its activity was retried.
 */

jest.setTimeout(900_000);

const runs = 6;
const updatesPerRun = 10;
const kills = 3;

let services: TestServices;
beforeAll(async () => {
  services = await connectTestServices('data-writer-kills');
});
afterAll(() => services.close());

test('audit entries equal committed versions exactly under kill -9 of the writing workers', async () => {
  const repo = createEntityRepository(services.db);
  const definition = graph(
    'Write ten times',
    [
      { id: 'start', type: 'trigger.manual' },
      {
        id: 'each',
        type: 'flow.forEach',
        params: { items: '=$input.phones', body: 'write', concurrency: 1 },
      },
      {
        id: 'write',
        type: 'entity.update',
        params: { entityType: 'account', id: '=$input.accountId', changes: { phone: '=$item' } },
      },
      { id: 'end', type: 'flow.end', params: { output: { count: '=$count($nodes.each)' } } },
    ],
    ['start->each', 'each->end'],
  );
  const phones = Array.from({ length: updatesPerRun }, (_, i) => `+49 30 ${i}`);
  const accountIds: string[] = [];
  for (let i = 0; i < runs; i++) {
    const { record } = await repo.create(
      'account',
      { name: `Killed ${i}`, currency: 'EUR' },
      { actor: { userId: 'tester' }, roles: ['admin'] as const },
    );
    accountIds.push(record._id);
  }
  const log = versionLog(services.db);
  const committed = () => log.countDocuments({ type: 'account', entityId: { $in: accountIds } });

  const handles = await Promise.all(
    accountIds.map((accountId) => startRun(services, runInput(definition, { phones, accountId }))),
  );
  for (let kill = 1; kill <= kills; kill++) {
    const worker = await spawnChildWorker(services);
    const target = runs + Math.floor((kill * runs * updatesPerRun) / (kills + 1));
    await eventually(async () => ((await committed()) >= target ? true : undefined), 300_000);
    await killChildWorker(worker);
  }
  expect(await committed()).toBeLessThan(runs * (updatesPerRun + 1));

  const outputs = await services.withWorker(() => Promise.all(handles.map((handle) => handle.result())));
  expect(outputs).toEqual(accountIds.map(() => ({ count: updatesPerRun })));

  for (const [i, accountId] of accountIds.entries()) {
    const versions = await log.find({ type: 'account', entityId: accountId }).sort({ version: 1 }).toArray();
    // Every version 1..11 committed once: the record, its audit entry and its event in one document.
    expect(versions.map((v) => v.version)).toEqual(
      Array.from({ length: updatesPerRun + 1 }, (_, v) => v + 1),
    );
    const writes = versions.slice(1);
    expect(writes.map((v) => v.record.phone)).toEqual(phones);
    expect(writes.map((v) => v.changes)).toEqual(
      phones.map((phone, v) => ({ phone: { ...(v === 0 ? {} : { from: phones[v - 1] }), to: phone } })),
    );
    // Each node visit wrote once, under its own idempotency key, as its run.
    expect(new Set(writes.map((v) => v.idem)).size).toBe(updatesPerRun);
    expect(
      writes.every((v) => v.runId === handles[i]!.workflowId && v.actor.userId === `workflow:${v.runId}`),
    ).toBe(true);
    expect(await repo.get('account', accountId)).toMatchObject({
      version: updatesPerRun + 1,
      phone: phones.at(-1),
    });
  }
});
