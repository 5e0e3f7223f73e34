import { versionLog } from '../../../domain/entities';
import { entityTypes } from '../../../schemas';
import { itemIds, startEntityApi, type EntityApi } from './entity-api';
import { createFixtures, patchableField, type Fixtures } from './fixtures';

let api: EntityApi;
let fixtures: Fixtures;
beforeAll(async () => {
  api = await startEntityApi('entity-crud');
  fixtures = createFixtures(api);
});
afterAll(async () => {
  await api.close();
});

describe.each(entityTypes.map((type) => [type]))('%s over HTTP', (type) => {
  it('is created, read, patched, listed and archived', async () => {
    const created = await api.request('POST', `/entities/${type}`, await fixtures.build(type));
    expect(created.status).toBe(201);
    const id = created.body._id as string;
    expect(created.body).toMatchObject({
      version: 1,
      archived: false,
      createdBy: 'u-admin',
      updatedBy: 'u-admin',
    });
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body._events).toBeUndefined();

    const read = await api.request('GET', `/entities/${type}/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(
      Object.fromEntries(Object.entries(created.body).filter(([k]) => k !== 'possibleDuplicates')),
    );

    const field = patchableField[type];
    const patched = await api.request(
      'PATCH',
      `/entities/${type}/${id}`,
      { [field]: 'Changed' },
      { headers: { 'If-Match': '"1"' } },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      _id: id,
      version: 2,
      [field]: 'Changed',
      createdAt: created.body.createdAt,
    });
    expect(patched.headers.get('etag')).toBe('"2"');

    const listed = await api.request('GET', `/entities/${type}?limit=200`);
    expect(listed.status).toBe(200);
    expect(itemIds(listed.body)).toContain(id);

    const archived = await api.request('DELETE', `/entities/${type}/${id}`, undefined, {
      headers: { 'If-Match': '2' },
    });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ _id: id, version: 3, archived: true });

    const afterArchive = await api.request('GET', `/entities/${type}?limit=200`);
    expect(itemIds(afterArchive.body)).not.toContain(id);
    const withArchived = await api.request('GET', `/entities/${type}?limit=200&includeArchived=true`);
    expect(itemIds(withArchived.body)).toContain(id);

    // The version log is the audit trail: one document per committed version, with its event.
    const versions = await versionLog(api.services.db)
      .find({ type, entityId: id })
      .sort({ version: 1 })
      .toArray();
    expect(versions.map((v) => [v.kind, v.version, v.actor.userId, v.record.version])).toEqual([
      ['created', 1, 'u-admin', 1],
      ['updated', 2, 'u-admin', 2],
      ['deleted', 3, 'u-admin', 3],
    ]);
    expect(versions[2]!.changes).toEqual({ archived: { from: false, to: true } });
  });
});

describe('unknown types and records', () => {
  it('answers 404 for an unknown entity type and an unknown id', async () => {
    expect(await api.request('GET', '/entities/spaceship')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'unknown entity type spaceship' } },
    });
    expect(await api.request('GET', '/entities/account/nope')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'account nope does not exist' } },
    });
  });
});
