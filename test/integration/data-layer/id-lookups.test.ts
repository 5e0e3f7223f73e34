import { versionLog, versionLogCollection } from '../../../domain/entities';
import { versionKey } from '../../../domain/entities/version-log';
import { connectTestServices, testEnvKeys, type TestServices } from '../../setup/test-env';

/*
 * Every write of the data layer reads and marks documents by `_id`: the record's head, the version
 * it builds on, the unique-key claims, the dispatch marks. The store must answer those through its
 * `_id` index, or each write costs a scan of the whole collection and slows as the store grows. This
 * asks the real store for its plan of such lookups.
 */

jest.setTimeout(120_000);

let services: TestServices;

beforeAll(async () => {
  services = await connectTestServices('id-lookups');
  const docs = Array.from({ length: 50 }, (_, i) => ({
    _id: versionKey('account', `a${i}`, 1),
    type: 'account',
    dispatched: true,
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
  expect((await log.find({ dispatched: false }).toArray()).map((doc) => doc._id)).toEqual([
    versionKey('account', 'a7', 1),
  ]);
  expect((await log.deleteOne({ _id: versionKey('account', 'a8', 1) })).deletedCount).toBe(1);
  expect(await log.countDocuments()).toBe(49);
  expect(await log.findOne({ _id: versionKey('account', 'a8', 1) })).toBeNull();
});
