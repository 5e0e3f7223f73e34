import { entityTriggersOf, evaluateCondition, listensTo } from './entity-trigger-match';
import type { EntityTriggerEvent } from './trigger-event';

const event: EntityTriggerEvent = {
  event: 'updated',
  entity: { _id: 'q1', version: 4, archived: false, number: 'QUO-2026-000001', discountBp: 1500 },
  previous: { discountBp: 500 },
  changes: { discountBp: { from: 500, to: 1500 } },
  entityType: 'quote',
  entityId: 'q1',
  eventId: 'e4',
  seq: 4,
  at: '2026-01-01T00:00:00.000Z',
  actor: { userId: 'u1' },
  chainDepth: 1,
};

describe('evaluateCondition', () => {
  it.each([
    ['=$trigger.entity.discountBp > 1000', true],
    ['=$trigger.entity.discountBp > 2000', false],
    ['=entity.discountBp > 1000 and previous.discountBp <= 1000', true],
    ['=changes.discountBp.to - changes.discountBp.from = 1000', true],
    ['=$entity.number = "QUO-2026-000001"', true],
    ['=$exists(changes.status)', false],
    ['=$trigger.event = "created"', false],
    [true, true],
    [false, false],
    [undefined, true],
  ])('%j → matched %j', async (condition, matched) => {
    expect(await evaluateCondition(condition, event)).toEqual({ matched });
  });

  it('reports a condition that fails at run time instead of throwing', async () => {
    expect(await evaluateCondition('=$trigger.entity.number + 1', event)).toEqual({
      error:
        'Expression in params.condition failed: The left side of the "+" operator must evaluate to a number (position 24)',
    });
  });

  it('stops a runaway condition at the array size limit', async () => {
    const outcome = await evaluateCondition('=$count([1..1000000]) > 0', event);
    expect(outcome).toEqual({
      error:
        'Expression in params.condition failed: would build an array of 1000000 elements, over the limit of 100000',
    });
  });
});

describe('entityTriggersOf and listensTo', () => {
  const triggers = entityTriggersOf([
    {
      workflowId: 'w1',
      version: 3,
      triggers: [
        { nodeId: 'start', type: 'trigger.entity', params: { entityType: 'quote', events: ['updated'] } },
        { nodeId: 'nightly', type: 'trigger.schedule', params: { cron: '0 1 * * *' } },
      ],
    },
  ]);

  it('keeps the entity triggers of each published version', () => {
    expect(triggers).toEqual([
      { workflowId: 'w1', version: 3, nodeId: 'start', entityType: 'quote', events: ['updated'] },
    ]);
  });

  it.each([
    ['quote', 'updated', true],
    ['quote', 'created', false],
    ['invoice', 'updated', false],
  ] as const)('%s %s → %j', (type, kind, expected) => {
    expect(listensTo(triggers[0]!, type, kind)).toBe(expected);
  });
});
