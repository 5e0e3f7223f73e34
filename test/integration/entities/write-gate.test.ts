import {
  claimTransition,
  claimLeaseMs,
  ensureTransitionClaimIndexes,
  pruneTransitionClaims,
  transitionClaimsCollection,
} from '../../../domain/entities/write-gate';
import { connectTestServices, type TestServices } from '../../setup/test-env';

let services: TestServices;
beforeAll(async () => {
  services = await connectTestServices('write-gate');
  await ensureTransitionClaimIndexes(services.db);
});
afterAll(async () => {
  await services.close();
});

const state = { _id: 'r1', version: 3, _outboxRev: 1 };
const unchanged = () => Promise.resolve({ version: 3, _outboxRev: 1 });
const at = (iso: string) => () => new Date(iso);

describe('claimTransition', () => {
  it('lets exactly one of many racing writers move a record out of a state', async () => {
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => claimTransition(services.db, 'account', state, unchanged)),
    );
    expect(claims.filter((claim) => claim !== undefined)).toEqual(['account/r1@3.1']);
  });

  it('takes a new generation of an abandoned claim only once its lease has passed and the state is unchanged', async () => {
    const first = at('2026-01-01T00:00:00.000Z');
    const s = { _id: 'r2', version: 1 };
    const read = () => Promise.resolve({ version: 1 });
    expect(await claimTransition(services.db, 'account', s, read, first)).toBe('account/r2@1.0');
    const withinLease = at(new Date(Date.parse('2026-01-01T00:00:00.000Z') + claimLeaseMs - 1).toISOString());
    expect(await claimTransition(services.db, 'account', s, read, withinLease)).toBeUndefined();
    const afterLease = at(new Date(Date.parse('2026-01-01T00:00:00.000Z') + claimLeaseMs + 1).toISOString());
    expect(
      await claimTransition(services.db, 'account', s, () => Promise.resolve({ version: 2 }), afterLease),
    ).toBe(undefined);
    expect(await claimTransition(services.db, 'account', s, read, afterLease)).toBe('account/r2@1.0#2');
  });
});

describe('pruneTransitionClaims', () => {
  it('deletes claims older than the cut-off and keeps the recent ones', async () => {
    const claims = services.db.collection<{ _id: string; at: Date }>(transitionClaimsCollection);
    await claims.deleteMany({});
    await claims.insertMany([
      { _id: 'account/old@1.0', at: new Date('2026-01-01T08:00:00.000Z') },
      { _id: 'account/older@1.0', at: new Date('2026-01-01T07:00:00.000Z') },
      { _id: 'account/recent@1.0', at: new Date('2026-01-01T09:30:00.000Z') },
    ]);
    expect(await pruneTransitionClaims(services.db, new Date('2026-01-01T10:00:00.000Z'))).toBe(2);
    expect((await claims.find().toArray()).map((claim) => claim._id)).toEqual(['account/recent@1.0']);
  });
});
