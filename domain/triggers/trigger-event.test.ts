import type { EntityChangeEvent } from '../events/change-event';
import { buildTriggerEvent } from './trigger-event';

const event = (seq: number, changes: EntityChangeEvent['changes'], runId?: string): EntityChangeEvent => ({
  id: `e${seq}`,
  seq,
  event: seq === 1 ? 'created' : 'updated',
  changes,
  previous: seq === 1 ? {} : { _id: 's1', version: seq - 1, status: changes.status?.from },
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
const atVersion2 = {
  _id: 's1',
  version: 2,
  archived: false,
  name: 'Acme',
  status: 'onHold',
  note: 'late payer',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  updatedBy: 'u2',
};

describe('buildTriggerEvent', () => {
  it('is $trigger: the event, the record then, the previous version, changes and where it came from', () => {
    expect(
      buildTriggerEvent({ entityType: 'supplier', entity: atVersion2, event: events[1]!, chainDepth: 2 }),
    ).toEqual({
      event: 'updated',
      entity: atVersion2,
      previous: { _id: 's1', version: 1, status: 'active' },
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
      buildTriggerEvent({ entityType: 'supplier', entity: atVersion2, event: byRun, chainDepth: 3 }),
    ).toMatchObject({ causedByRunId: 'run-7', chainDepth: 3 });
  });
});
