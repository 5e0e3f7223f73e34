import { ensureVersionLogIndexes, versionLog, versionLogCollection } from '../../../domain/entities';
import { versionKey } from '../../../domain/entities/version-log';
import { connectTestServices, testEnvKeys, type TestServices } from '../../setup/test-env';

/*
 * Every write of the data layer reads and marks documents by `_id` (the record's head, the version
 * it builds on, the unique-key claims, the dispatch marks) and looks up duplicate candidates by a
 * normalised key; the dispatcher reads pending events by `{dispatched: false}`. The store must answer
 * these through its indexes, or each costs a scan of the whole collection and slows as the store
 * grows. This asks the real store for its plans, and checks that the answers stay exact, arrays and
 * escaped strings included.
 */

jest.setTimeout(120_000);

let services: TestServices;

beforeAll(async () => {
  services = await connectTestServices('indexed-lookups');
  await ensureVersionLogIndexes(services.db);
  const docs = Array.from({ length: 50 }, (_, i) => ({
    _id: versionKey('account', `a${i}`, 1),
    type: 'account',
    dispatched: i !== 13,
    seq: i,
  }));
  await versionLog(services.db).insertMany(docs as never[]);
});

afterAll(async () => {
  await services?.close();
});

/** The plan the store reports for a command, as text: SQLite's plan under FerretDB, MongoDB's stages otherwise. */
async function planOf(command: Record<string, unknown>): Promise<string> {
  const explained = await services.db.command({ explain: command });
  return JSON.stringify(explained.queryPlanner);
}

const ferretdb = process.env[testEnvKeys.store] === 'ferretdb';

it('finds a version by _id through the index', async () => {
  const plan = await planOf({ find: versionLogCollection, filter: { _id: versionKey('account', 'a42', 1) } });
  if (ferretdb) {
    expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_ /);
    expect(plan).not.toMatch(/SCAN/);
  } else {
    expect(plan).toMatch(/IDHACK|EXPRESS_IXSCAN|IXSCAN/);
  }
  const found = await versionLog(services.db).findOne({ _id: versionKey('account', 'a42', 1) });
  expect(found?.type).toBe('account');
});

it('updates and deletes by _id exactly the document named', async () => {
  const log = versionLog(services.db);
  const updated = await log.updateOne(
    { _id: versionKey('account', 'a7', 1) },
    { $set: { dispatched: false } },
  );
  expect(updated.modifiedCount).toBe(1);
  expect((await log.find({ dispatched: false }).sort({ seq: 1 }).toArray()).map((doc) => doc._id)).toEqual([
    versionKey('account', 'a7', 1),
    versionKey('account', 'a13', 1),
  ]);
  expect((await log.deleteOne({ _id: versionKey('account', 'a8', 1) })).deletedCount).toBe(1);
  expect(await log.countDocuments()).toBe(49);
  expect(await log.findOne({ _id: versionKey('account', 'a8', 1) })).toBeNull();
});

it('reads pending events through the dispatcher index', async () => {
  const plan = await planOf({ find: versionLogCollection, filter: { dispatched: false }, sort: { seq: 1 } });
  if (ferretdb) {
    expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+_pending /);
    expect(plan).not.toMatch(/SCAN/);
  } else {
    expect(plan).toMatch(/IXSCAN/);
  }
});

it('answers string and boolean equalities exactly: arrays that hold the value and escaped strings too', async () => {
  const things = services.db.collection<{ _id: string; key?: unknown; flag?: unknown }>('things');
  await things.createIndex({ key: 1 });
  await things.createIndex({ flag: 1 });
  await things.insertMany([
    { _id: 't1', key: 'acme', flag: true },
    { _id: 't2', key: ['x', 'acme'], flag: [false] },
    { _id: 't3', key: 'ACME', flag: false },
    { _id: 't4', key: 'a<b&"c"', flag: 'false' },
    { _id: 't5', key: { nested: 'acme' } },
    { _id: 't6' },
  ]);
  const ids = async (filter: Record<string, unknown>) =>
    (await things.find(filter).sort({ _id: 1 }).toArray()).map((doc) => doc._id);
  expect(await ids({ key: 'acme' })).toEqual(['t1', 't2']);
  expect(await ids({ flag: false })).toEqual(['t2', 't3']);
  expect(await ids({ flag: 'false' })).toEqual(['t4']);
  expect(await ids({ key: 'a<b&"c"' })).toEqual(['t4']);
  expect(await ids({ key: 'acme', flag: true })).toEqual(['t1']);
  expect(await ids({ key: 'nobody' })).toEqual([]);
  expect(await things.countDocuments({ flag: false })).toBe(2);
  expect((await things.updateMany({ key: 'acme' }, { $set: { seen: true } })).modifiedCount).toBe(2);
  expect(await ids({ seen: true })).toEqual(['t1', 't2']);
  if (ferretdb)
    expect(await planOf({ find: 'things', filter: { key: 'acme' } })).toMatch(/USING INDEX \S+_key_1/);
});
