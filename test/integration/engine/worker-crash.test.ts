import { connectTestServices, type TestServices } from '../../setup/test-env';
import { killChildWorker, spawnChildWorker } from '../../support/child-worker';
import { eventually } from '../../support/eventually';
import { graph, runInput, startRun } from './engine-harness';

let services: TestServices;
beforeAll(async () => {
  services = await connectTestServices('engine-crash');
});
afterAll(() => services.close());

describe('interpretedWorkflow: a killed worker', () => {
  it('loses and duplicates no entity write when the worker is SIGKILLed mid-run', async () => {
    const items = Array.from({ length: 12 }, (_, index) => `Crash ${index}`);
    const definition = graph(
      'Create many',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'each',
          type: 'flow.forEach',
          params: { items: '=$input.names', body: 'create', concurrency: 1 },
        },
        {
          id: 'create',
          type: 'entity.create',
          params: { entityType: 'account', data: { name: '=$item', currency: 'EUR' } },
        },
        {
          id: 'touch',
          type: 'entity.update',
          params: { entityType: 'account', id: '=$nodes.create._id', changes: { tier: 'gold' } },
        },
        { id: 'end', type: 'flow.end', params: { output: { count: '=$count($nodes.each)' } } },
      ],
      ['start->each', 'each->end', 'create->touch'],
    );
    const accounts = services.db.collection<{ name: string; version: number }>('account');
    const first = await spawnChildWorker(services);
    const handle = await startRun(services, runInput(definition, { names: items }));
    await eventually(async () => ((await accounts.countDocuments()) >= 4 ? true : undefined));
    await killChildWorker(first);
    // Killed mid-run: some records exist, not all.
    expect(await accounts.countDocuments()).toBeLessThan(items.length);

    const output = await services.withWorker(() => handle.result());
    expect(output).toEqual({ count: 12 });
    const stored = await accounts.find({}, { projection: { name: 1, version: 1 } }).toArray();
    expect(stored.map((doc) => doc.name).sort()).toEqual([...items].sort());
    expect(stored.every((doc) => doc.version === 2)).toBe(true);
  });
});
