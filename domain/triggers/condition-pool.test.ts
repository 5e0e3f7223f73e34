import { createConditionPool, type ConditionPool } from './condition-pool';
import type { EntityTriggerEvent } from './trigger-event';

const event = {
  eventId: 'e1',
  event: 'created',
  entityType: 'quote',
  entityId: 'q1',
  entity: { _id: 'q1', discountBp: 1500 },
  previous: null,
  changes: {},
  chainDepth: 0,
} as unknown as EntityTriggerEvent;

let pool: ConditionPool;
beforeAll(() => {
  pool = createConditionPool({ size: 1, timeoutMs: 20_000, maxHeapMb: 64 });
});
afterAll(() => pool.close());

describe('the condition pool', () => {
  it('evaluates a condition in a thread', async () => {
    expect(await pool.evaluate('=$trigger.entity.discountBp > 1000', event)).toEqual({ matched: true });
    expect(await pool.evaluate('=entity.discountBp > 2000', event)).toEqual({ matched: false });
  });

  it('answers a literal or missing condition without a thread', async () => {
    expect(await pool.evaluate(undefined, event)).toEqual({ matched: true });
    expect(await pool.evaluate(false, event)).toEqual({ matched: false });
  });

  it.each([
    [
      '=($f := function($s,$n){$n=0?$s:$f($s&$s,$n-1)}; $length($f("a",27)))',
      'Expression in params.condition failed: would build a string of 1048576 characters, over the limit of 1000000 (position 59)',
    ],
    [`=$match("${'a'.repeat(28)}!", /(a+)+$/)`, undefined],
  ])('bounds %s', async (condition, error) => {
    expect(await pool.evaluate(condition, event)).toEqual(
      error === undefined ? { matched: false } : { error },
    );
  });

  it('keeps serving after a thread is lost', async () => {
    const small = createConditionPool({ size: 1, timeoutMs: 1 });
    try {
      const missed = await small.evaluate('=$count([1..90000]) > 0', event);
      expect(missed).toEqual({ error: 'condition evaluation did not finish within 1 ms' });
    } finally {
      await small.close();
    }
    expect(await pool.evaluate('=$count([1..9]) = 9', event)).toEqual({ matched: true });
  });
});
