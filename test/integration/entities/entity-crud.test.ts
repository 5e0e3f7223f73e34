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

    const stored = await api.services.db
      .collection<{ _id: string; _events: { event: string; seq: number }[] }>(type)
      .findOne({ _id: id });
    expect(stored?._events.map((e) => [e.event, e.seq])).toEqual([
      ['created', 1],
      ['updated', 2],
      ['deleted', 3],
    ]);
    const audit = await api.services.db
      .collection<{ action: string }>('audit')
      .find({ resourceId: id })
      .sort({ at: 1 })
      .toArray();
    expect(audit.map((a) => a.action)).toEqual(['entity.created', 'entity.updated', 'entity.deleted']);
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
