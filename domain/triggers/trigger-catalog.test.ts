import type { Db } from 'mongodb';
import { createTriggerCatalog } from './trigger-catalog';

/** A store whose catalog revision and published triggers the test sets, with reads that take a while. */
function fakeStore() {
  const state = {
    revision: 'r1',
    published: [] as Array<{
      workflowId: string;
      version: number;
      triggers: [] | Array<{ nodeId: string; type: string; params: Record<string, unknown> }>;
    }>,
  };
  const slow = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 20));
  const db = {
    collection: () => ({ findOne: () => slow({ _id: 'revision', revision: state.revision }) }),
  } as unknown as Db;
  const workflows = { listPublishedTriggers: () => slow(state.published) };
  return { state, db, workflows };
}

const supplierTrigger = {
  workflowId: 'wf-1',
  version: 1,
  triggers: [
    { nodeId: 'start', type: 'trigger.entity', params: { entityType: 'supplier', events: ['created'] } },
  ],
};

test('callers that arrive during a revision check get the triggers that check loads', async () => {
  const { state, db, workflows } = fakeStore();
  let clock = 0;
  const catalog = createTriggerCatalog(db, workflows, { now: () => clock, checkIntervalMs: 500 });
  expect(await catalog.current()).toEqual([]);

  // Another process publishes; the next check (after the interval) sees the new revision.
  state.published = [supplierTrigger];
  state.revision = 'r2';
  clock = 600;
  const answers = await Promise.all([catalog.current(), catalog.current(), catalog.current()]);
  const expected = [
    { workflowId: 'wf-1', version: 1, nodeId: 'start', entityType: 'supplier', events: ['created'] },
  ];
  expect(answers).toEqual([expected, expected, expected]);
});
