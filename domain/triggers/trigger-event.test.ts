import type { EntityChangeEvent } from '../events/change-event';
import { buildTriggerEvent, recordAtEvent } from './trigger-event';

const event = (seq: number, changes: EntityChangeEvent['changes'], runId?: string): EntityChangeEvent => ({
  id: `e${seq}`,
  seq,
  event: seq === 1 ? 'created' : 'updated',
  changes,
  previous: Object.fromEntries(
    Object.entries(changes)
      .filter(([, c]) => c.from !== undefined)
      .map(([k, c]) => [k, c.from]),
  ),
  at: `2026-01-0${seq}T00:00:00.000Z`,
  actor: { userId: `u${seq}` },
  ...(runId === undefined ? {} : { runId }),
  dispatched: false,
});

const events = [
  event(1, { name: { to: 'Acme' }, status: { to: 'active' } }),
  event(2, { status: { from: 'active', to: 'onHold' }, note: { to: 'late payer' } }),
  event(3, { status: { from: 'onHold', to: 'active' }, note: { from: 'late payer' } }),
];
const latest = {
  _id: 's1',
  version: 3,
  archived: false,
  name: 'Acme',
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-03T00:00:00.000Z',
  updatedBy: 'u3',
};

describe('recordAtEvent', () => {
  it.each([
    [3, latest],
    [
      2,
      {
        ...latest,
        version: 2,
        status: 'onHold',
        note: 'late payer',
        updatedAt: '2026-01-02T00:00:00.000Z',
        updatedBy: 'u2',
      },
    ],
    [1, { ...latest, version: 1, status: 'active', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'u1' }],
  ])('undoes the later writes to give version %i', (seq, expected) => {
    expect(recordAtEvent(latest, events, events[seq - 1]!)).toEqual(expected);
  });

  it('gives the newest version when a later event has left the outbox', () => {
    expect(recordAtEvent(latest, [events[0]!, events[2]!], events[0]!)).toBe(latest);
  });
});

describe('buildTriggerEvent', () => {
  it('is $trigger: the event, the record then, previous values, changes and where it came from', () => {
    expect(
      buildTriggerEvent({ entityType: 'supplier', latest, events, event: events[1]!, chainDepth: 2 }),
    ).toEqual({
      event: 'updated',
      entity: expect.objectContaining({ version: 2, status: 'onHold' }),
      previous: { status: 'active' },
      changes: { status: { from: 'active', to: 'onHold' }, note: { to: 'late payer' } },
      entityType: 'supplier',
      entityId: 's1',
      eventId: 'e2',
      seq: 2,
      at: '2026-01-02T00:00:00.000Z',
      actor: { userId: 'u2' },
      chainDepth: 2,
    });
  });

  it('names the run that made the write', () => {
    const byRun = event(3, { status: { from: 'onHold', to: 'active' } }, 'run-7');
    expect(
      buildTriggerEvent({ entityType: 'supplier', latest, events, event: byRun, chainDepth: 3 }),
    ).toMatchObject({ causedByRunId: 'run-7', chainDepth: 3 });
  });
});
