import {
  appendToOutbox,
  buildChangeEvent,
  diffFields,
  keptDispatchedEvents,
  type EntityChangeEvent,
} from './change-event';

describe('diffFields', () => {
  it.each([
    [{ status: 'draft', total: 5 }, { status: 'sent', total: 5 }, { status: { from: 'draft', to: 'sent' } }],
    [{ a: 1 }, { a: 1, b: 2 }, { b: { to: 2 } }],
    [{ a: 1, b: 2 }, { a: 1 }, { b: { from: 2 } }],
    [{ lines: [{ q: 1 }] }, { lines: [{ q: 2 }] }, { lines: { from: [{ q: 1 }], to: [{ q: 2 }] } }],
    [{ version: 1, updatedAt: 'x', updatedBy: 'u1' }, { version: 2, updatedAt: 'y', updatedBy: 'u2' }, {}],
  ])('%j → %j changes %j', (before, after, expected) => {
    expect(diffFields(before, after)).toEqual(expected);
  });
});

describe('buildChangeEvent', () => {
  it('keeps the previous values of changed fields and the run id', () => {
    const event = buildChangeEvent({
      event: 'updated',
      seq: 4,
      changes: { status: { from: 'new', to: 'won' }, note: { to: 'x' } },
      at: '2026-01-01T00:00:00.000Z',
      actor: { userId: 'u1' },
      runId: 'run-1',
    });
    expect(event).toEqual({
      id: expect.any(String),
      seq: 4,
      event: 'updated',
      changes: { status: { from: 'new', to: 'won' }, note: { to: 'x' } },
      previous: { status: 'new' },
      at: '2026-01-01T00:00:00.000Z',
      actor: { userId: 'u1' },
      runId: 'run-1',
      dispatched: false,
    });
  });
});

describe('appendToOutbox', () => {
  const event = (seq: number, dispatched: boolean): EntityChangeEvent => ({
    id: `e${seq}`,
    seq,
    event: 'updated',
    changes: {},
    previous: {},
    at: '',
    actor: { userId: 'u' },
    dispatched,
  });

  it('keeps every undispatched event and only the newest dispatched ones', () => {
    const outbox = [
      ...Array.from({ length: 8 }, (_, i) => event(i + 1, true)),
      event(9, false),
      event(10, true),
    ];
    const next = appendToOutbox(outbox, event(11, false));
    expect(next.map((e) => e.seq)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(next.filter((e) => e.dispatched)).toHaveLength(keptDispatchedEvents);
  });

  it('never drops undispatched events however many there are', () => {
    const outbox = Array.from({ length: 40 }, (_, i) => event(i + 1, false));
    expect(appendToOutbox(outbox, event(41, false))).toHaveLength(41);
  });
});
