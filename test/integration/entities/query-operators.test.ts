import { createEntityRepository } from '../../../domain/entities';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { graph, runInput, startRun } from '../engine/engine-harness';
import { startEntityApi, type EntityApi } from './entity-api';

/*
 * The list API and entity.query share one filter language: eq, ne, gt…lte, in, nin, exists and ieq
 * on filterable fields, and (in entity.query) and/or groups, sorted and paged with cursors.
 */

let api: EntityApi;
let services: TestServices;
beforeAll(async () => {
  api = await startEntityApi('query-operators');
  services = await connectTestServices('query-operators-runs');
});
afterAll(async () => {
  await api.close();
  await services.close();
});

const supplier = (name: string, extra: Record<string, unknown>) => ({
  name,
  status: 'active',
  currency: 'EUR',
  paymentTerms: 'net30',
  ...extra,
});

describe('list API operators', () => {
  beforeAll(async () => {
    for (const [name, extra] of [
      ['Alpha', { email: 'Buyer@Alpha.example' }],
      ['Beta', { email: 'sales@beta.example', status: 'onHold', paymentTerms: 'net14' }],
      ['Gamma', { status: 'inactive', paymentTerms: 'net60' }],
    ] as const) {
      const { status, ...initial } = supplier(name, extra);
      const created = await api.request('POST', '/entities/supplier', { ...initial, status: 'active' });
      expect(created.status).toBe(201);
      if (status !== 'active') {
        const id = (created.body as { _id: string })._id;
        expect((await api.request('PATCH', `/entities/supplier/${id}`, { status })).status).toBe(200);
      }
    }
  });

  async function names(query: string): Promise<string[]> {
    const response = await api.request('GET', `/entities/supplier?${query}&sort=createdAt`);
    expect(response.status).toBe(200);
    return (response.body.items as { name: string }[]).map((item) => item.name).sort();
  }

  it.each([
    ['status[ne]=active', ['Beta', 'Gamma']],
    ['status[nin]=active,onHold', ['Gamma']],
    ['paymentTerms[in]=net14,net60', ['Beta', 'Gamma']],
    ['email[exists]=false', ['Gamma']],
    ['email[exists]=true', ['Alpha', 'Beta']],
    ['email[ieq]=buyer@alpha.EXAMPLE', ['Alpha']],
    ['email[ieq]=buyer@alpha', []],
    ['status[eq]=onHold', ['Beta']],
  ])('%s finds %j', async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it.each([
    ['status[gt]=active', 'status[gt]', 'gt applies to numbers and dates only'],
    ['status[ieq]=x&archived[ieq]=true', 'archived[ieq]', 'ieq applies to text fields only'],
    ['email[exists]=maybe', 'email[exists]', 'must be true or false'],
    [
      'status[like]=a',
      'status[like]',
      'unknown operator like; use eq, ne, gt, gte, lt, lte, in, nin, exists, ieq',
    ],
    ['status[nin]=active,closed', 'status[nin]', 'must be one of active, onHold, inactive'],
  ])('%s is a 400 naming %s', async (query, path, message) => {
    const response = await api.request('GET', `/entities/supplier?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual(expect.arrayContaining([{ path, message }]));
  });
});

describe('entity.query in runs', () => {
  const query = (params: Record<string, unknown>) =>
    graph(
      'Find suppliers',
      [
        { id: 'start', type: 'trigger.manual' },
        { id: 'find', type: 'entity.query', params: { entityType: 'supplier', ...params } },
        {
          id: 'end',
          type: 'flow.end',
          params: {
            output: {
              names: '=$sort([$nodes.find.items.name])',
              complete: '=$nodes.find.complete',
              more: '=$nodes.find.nextCursor != null',
            },
          },
        },
      ],
      ['start->find', 'find->end'],
    );

  const run = (params: Record<string, unknown>, input: unknown = {}) =>
    services.withWorker(async () => (await startRun(services, runInput(query(params), input))).result());

  beforeAll(async () => {
    const repo = createEntityRepository(services.db);
    const actor = { actor: { userId: 'tester' }, roles: ['admin'] as const };
    for (let i = 0; i < 230; i++) {
      const terms = i % 3 === 0 ? 'net14' : 'net30';
      await repo.create(
        'supplier',
        supplier(`S${String(i).padStart(3, '0')}`, { paymentTerms: terms }),
        actor,
      );
    }
    const held = await repo.create('supplier', supplier('Held', { email: 'held@x.example' }), actor);
    await repo.update('supplier', held.record._id, { status: 'onHold' }, {}, actor);
  });

  it('combines and/or groups with values from expressions', async () => {
    expect(
      await run(
        {
          where: {
            or: [
              { field: 'status', op: 'eq', value: '=$input.status' },
              {
                and: [
                  { field: 'paymentTerms', op: 'eq', value: 'net14' },
                  { field: 'email', op: 'exists', value: true },
                ],
              },
            ],
          },
          sort: '-createdAt',
        },
        { status: 'onHold' },
      ),
    ).toEqual({ names: ['Held'], complete: true, more: false });
  });

  it('reads one page and says more match; all pages reads past the store page size', async () => {
    const where = { field: 'paymentTerms', op: 'eq', value: 'net30' };
    // 230 suppliers, a third on net14: 153 on net30 (and Held).
    expect(await run({ where, sort: '-createdAt', limit: 10 })).toMatchObject({
      complete: false,
      more: true,
    });
    const all = (await run({ where, sort: '-createdAt', allPages: true })) as {
      names: string[];
      complete: boolean;
    };
    expect(all.complete).toBe(true);
    expect(all.names).toHaveLength(154);
    expect(all.names[0]).toBe('Held');
    expect(all.names[153]).toBe('S229');
    const net14 = (await run({ filter: { paymentTerms: 'net14' }, limit: 500 })) as { names: string[] };
    expect(net14.names).toHaveLength(77);
  });

  it('a bad condition fails the node with a ValidationError naming its path', async () => {
    const failure = await run({ where: { field: 'status', op: 'gt', value: 'a' } }).catch(
      (error: unknown) => error,
    );
    expect(String((failure as { cause?: { message?: string } }).cause?.message)).toContain(
      'invalid list query: where.op gt applies to numbers and dates only',
    );
  });
});
