import { applyMergePatch } from '../entities/merge-patch';
import { diffFields, sameValue } from './change-event';

describe('diffFields', () => {
  it.each([
    [{ status: 'draft', total: 5 }, { status: 'sent', total: 5 }, { status: { from: 'draft', to: 'sent' } }],
    [{ a: 1 }, { a: 1, b: 2 }, { b: { to: 2 } }],
    [{ a: 1, b: 2 }, { a: 1 }, { b: { from: 2 } }],
    [{ lines: [{ q: 1 }] }, { lines: [{ q: 2 }] }, { lines: { from: [{ q: 1 }], to: [{ q: 2 }] } }],
    [{ address: { city: 'Lyon', zip: '1' } }, { address: { zip: '1', city: 'Lyon' } }, {}],
    [{ version: 1, updatedAt: 'x', updatedBy: 'u1' }, { version: 2, updatedAt: 'y', updatedBy: 'u2' }, {}],
    [
      { _id: 'o1', createdAt: 't0', createdBy: 'u1', stage: 'qualify' },
      { _id: 'o1', createdAt: 't0', createdBy: 'u1', stage: 'propose' },
      { stage: { from: 'qualify', to: 'propose' } },
    ],
  ])('%j → %j changes %j', (before, after, expected) => {
    expect(diffFields(before, after)).toEqual(expected);
  });
});

/** A small seeded generator, so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const fields = ['name', 'stage', 'amount', 'tags', 'address', 'note', 'closed'];

function randomValue(next: () => number): unknown {
  const pick = Math.floor(next() * 6);
  if (pick === 0) return `v${Math.floor(next() * 3)}`;
  if (pick === 1) return Math.floor(next() * 3);
  if (pick === 2) return next() < 0.5;
  if (pick === 3) return Array.from({ length: Math.floor(next() * 3) }, () => Math.floor(next() * 2));
  if (pick === 4) return { city: `c${Math.floor(next() * 2)}`, zip: Math.floor(next() * 2) };
  return null; // in a merge patch: remove the field
}

function randomRecord(next: () => number): Record<string, unknown> {
  const record: Record<string, unknown> = { _id: 'r1', version: 3, createdAt: 't0', createdBy: 'u0' };
  for (const field of fields) {
    const value = randomValue(next);
    if (value !== null && next() < 0.7) record[field] = value;
  }
  return record;
}

function randomPatch(next: () => number): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of fields) if (next() < 0.4) patch[field] = randomValue(next);
  return patch;
}

describe('change events over random patches', () => {
  it.each(Array.from({ length: 500 }, (_, seed) => [seed]))('are exact for seed %i', (seed) => {
    const next = random(seed + 1);
    const before = randomRecord(next);
    const after: Record<string, unknown> = {
      ...(applyMergePatch(before, randomPatch(next)) as Record<string, unknown>),
      version: 4,
      updatedAt: 't1',
      updatedBy: 'u1',
    };
    const changes = diffFields(before, after);
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const changed =
        !['version', 'updatedAt', 'updatedBy'].includes(key) && !sameValue(before[key], after[key]);
      // Listed exactly when its value changed, with the exact old and new values.
      expect([key, key in changes]).toEqual([key, changed]);
      if (changed)
        expect(changes[key]).toEqual({
          ...(before[key] === undefined ? {} : { from: before[key] }),
          ...(after[key] === undefined ? {} : { to: after[key] }),
        });
    }
    // Undoing the changes on the new version gives back the previous one (bookkeeping aside).
    const undone: Record<string, unknown> = { ...after, version: 3 };
    delete undone.updatedAt;
    delete undone.updatedBy;
    for (const [key, change] of Object.entries(changes)) {
      if (change.from === undefined) delete undone[key];
      else undone[key] = change.from;
    }
    expect(sameValue(undone, before)).toBe(true);
  });
});
