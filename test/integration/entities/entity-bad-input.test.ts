import { entityTypes, getEntityMeta, getInputSchema, type JsonSchema } from '../../../schemas';
import { startEntityApi, type EntityApi } from './entity-api';
import { createFixtures, type Fixtures } from './fixtures';

let api: EntityApi;
let fixtures: Fixtures;
beforeAll(async () => {
  api = await startEntityApi('entity-bad-input');
  fixtures = createFixtures(api);
});
afterAll(async () => {
  await api.close();
});

/** A value of the wrong JSON type for a field. */
function wrongValue(schema: JsonSchema): unknown {
  switch (schema.type) {
    case 'string':
      return 12;
    case 'integer':
    case 'number':
      return 'twelve';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not a list';
    default:
      return 42;
  }
}

const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((d) => d.path);

describe.each(entityTypes.map((type) => [type]))('bad input for %s', (type) => {
  const schema = getInputSchema(type);
  const fields = Object.keys(schema.properties);

  it('names every field of the wrong type', async () => {
    const body = Object.fromEntries(fields.map((f) => [f, wrongValue(schema.properties[f]!)]));
    const response = await api.request('POST', `/entities/${type}`, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(new Set(paths(response.body))).toEqual(new Set(fields));
  });

  it('names every missing required field', async () => {
    const response = await api.request('POST', `/entities/${type}`, {});
    expect(response.status).toBe(400);
    expect(paths(response.body).sort()).toEqual([...schema.required].sort());
  });

  it('names an unknown field', async () => {
    const response = await api.request('POST', `/entities/${type}`, {
      ...(await fixtures.build(type)),
      colour: 'red',
    });
    expect(response).toMatchObject({
      status: 400,
      body: { error: { details: [{ path: 'colour', message: 'is not an allowed property' }] } },
    });
  });

  it('refuses an operator object in every body field, on create and patch', async () => {
    const body = Object.fromEntries(fields.map((f) => [f, { $gt: '' }]));
    const created = await api.request('POST', `/entities/${type}`, body);
    expect(created.status).toBe(400);
    expect(paths(created.body).sort()).toEqual(fields.map((f) => `${f}.$gt`).sort());
    const record = await fixtures.create(type);
    const patched = await api.request('PATCH', `/entities/${type}/${record._id}`, {
      [fields[0]!]: { $ne: null },
    });
    expect(patched.status).toBe(400);
    expect(paths(patched.body)).toEqual([`${fields[0]!}.$ne`]);
  });

  it('refuses an operator in every filter parameter', async () => {
    for (const { path } of getEntityMeta(type).filterable) {
      const asJson = await api.request(
        'GET',
        `/entities/${type}?${path}=${encodeURIComponent('{"$gt":""}')}`,
      );
      expect({ path, status: asJson.status, paths: paths(asJson.body) }).toEqual({
        path,
        status: 400,
        paths: [path],
      });
      const asBracket = await api.request('GET', `/entities/${type}?${path}[$gt]=`);
      expect({ path, status: asBracket.status }).toEqual({ path, status: 400 });
      const nested = await api.request('GET', `/entities/${type}?${path}[gt][x]=1`);
      expect({ path, status: nested.status }).toEqual({ path, status: 400 });
    }
  });

  it('names an unknown query parameter and a repeated one', async () => {
    const unknown = await api.request('GET', `/entities/${type}?colour=red`);
    expect(unknown).toMatchObject({ status: 400, body: { error: { details: [{ path: 'colour' }] } } });
    const repeated = await api.request('GET', `/entities/${type}?limit=1&limit=2`);
    expect(repeated).toMatchObject({ status: 400, body: { error: { details: [{ path: 'limit' }] } } });
  });
});

describe('bodies that are not objects', () => {
  it.each([['[]'], ['"text"'], ['42'], ['null'], ['{"name": ']])('refuses %s with a 4xx', async (raw) => {
    const response = await api.request('POST', '/entities/account', undefined, { raw });
    expect(response.status).toBe(400);
  });
});
