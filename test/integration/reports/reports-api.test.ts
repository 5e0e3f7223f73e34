import { builtInReports } from '../../../domain/reports';
import { apiAs, callApi, logIn, type ApiCall } from '../../support/api-client';
import { serveApi, type ServedApi } from '../../support/api-server';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { accounts, customersByTier, customersByTierCsv, customersCsv, seedAccounts } from './report-fixtures';

/*
 * The reports API against the real store: definitions checked with the failing field's path, rows,
 * paging and group rows exact on a fixed data set, the CSV export byte for byte, built-in reports
 * read-only, and permissions (saving needs report.manage, running needs read on the entity type).
 */

const admin = { email: 'admin@example.com', password: 'admin-password-123' };
const system = { userId: 'seed', email: 'seed' };
let services: TestServices;
let server: ServedApi;
let api: ApiCall;
let ids: string[];
let reportId: string;

async function userApi(email: string, roles: string[]): Promise<ApiCall> {
  const password = 'report-password-12';
  await server.users.createUser({ email, name: email, roles: roles as never, password }, system);
  return apiAs(server.url, await logIn(server.url, { email, password }));
}

beforeAll(async () => {
  services = await connectTestServices('reports-api');
  server = await serveApi(services, { admin });
  api = apiAs(server.url, await logIn(server.url, admin));
  ids = await seedAccounts(api);
  const created = await api('POST', '/reports', customersByTier);
  expect(created.status).toBe(201);
  reportId = created.body._id as string;
});

afterAll(async () => {
  await server.close();
  await services.close();
});

describe('report definitions', () => {
  test('a saved report comes back as it was defined, with its id and version', async () => {
    const got = await api('GET', `/reports/${reportId}`);
    expect(got).toMatchObject({ status: 200 });
    expect(got.body).toEqual({
      _id: reportId,
      ...customersByTier,
      builtIn: false,
      version: 1,
      createdAt: expect.any(String),
      createdBy: expect.any(String),
      updatedAt: got.body.createdAt,
      updatedBy: got.body.createdBy,
    });
  });

  test.each([
    [
      { ...customersByTier, entityType: 'customer' },
      'entityType',
      expect.stringMatching(/^must be one of account, activity, contact/),
    ],
    [
      { ...customersByTier, columns: ['name', 'balance', 'creditLimit', 'employeeCount'] },
      'columns[1]',
      expect.stringMatching(/^balance is not a field; use one of name, type/),
    ],
    [
      { ...customersByTier, filters: [{ field: 'name', op: 'eq', value: 'x' }] },
      'filters[0].field',
      expect.stringMatching(/^name is not a filterable field of account; use one of type, /),
    ],
    [
      { ...customersByTier, filters: [{ field: 'type', op: '$where', value: 'x' }] },
      'filters[0].op',
      'must be one of eq, ne, in, nin, exists',
    ],
    [
      { ...customersByTier, filters: [{ field: 'type', op: 'eq', value: { $ne: null } }] },
      'filters[0].value',
      'must be text',
    ],
    [
      { ...customersByTier, groupBy: { field: 'tier', sums: ['tier'] } },
      'groupBy.sums[0]',
      expect.stringMatching(/^tier is not a number field/),
    ],
    [
      { ...customersByTier, sort: { field: 'name', direction: 'asc' } },
      'sort.field',
      expect.stringMatching(/^must be one of updatedAt, createdAt, _id, /),
    ],
  ])('%j is refused with 400 naming %s', async (definition, path, message) => {
    const created = await api('POST', '/reports', definition);
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: 'validation_failed', details: [{ path, message }] });
  });

  test('a body that is not an object is a 400 at the root', async () => {
    const created = await api('POST', '/reports', [1, 2]);
    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual([{ path: '', message: 'must be a JSON object' }]);
  });

  test('PUT replaces a definition and bumps the version; left-out parts are gone', async () => {
    const made = await api('POST', '/reports', { ...customersByTier, name: 'Scratch' });
    const { groupBy: _dropped, ...withoutGrouping } = customersByTier;
    const put = await api('PUT', `/reports/${made.body._id}`, { ...withoutGrouping, name: 'Scratch 2' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'Scratch 2', version: 2 });
    expect(put.body.groupBy).toBeUndefined();
    const bad = await api('PUT', `/reports/${made.body._id}`, { ...withoutGrouping, columns: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { path: 'columns', message: 'must be a list of 1 to 30 field names' },
    ]);
    expect((await api('DELETE', `/reports/${made.body._id}`)).status).toBe(204);
    expect((await api('GET', `/reports/${made.body._id}`)).status).toBe(404);
  });

  test('built-in reports are listed and read-only', async () => {
    const listed = await api('GET', '/reports');
    expect(listed.status).toBe(200);
    expect((listed.body.items as Array<{ name: string }>).map((r) => r.name)).toEqual([
      'Unpaid invoices past due',
      'Open purchase orders by supplier',
      'Stock with nothing available',
      'Quotes waiting for approval',
      'Open tickets by priority',
      'Orders on credit hold',
      'Customers by tier',
    ]);
    const builtIn = builtInReports[0]!;
    const put = await api('PUT', `/reports/${builtIn._id}`, customersByTier);
    expect(put.status).toBe(403);
    expect(put.body.error.message).toBe(
      `report ${builtIn._id} ships with Ledgerline and is read-only; save a copy to change it`,
    );
    expect((await api('DELETE', `/reports/${builtIn._id}`)).status).toBe(403);
  });

  test.each(builtInReports.map((report) => [report.name, report._id] as const))(
    'built-in "%s" runs (no records of its type here)',
    async (_name, id) => {
      const rows = await api('GET', `/reports/${id}/rows`);
      expect(rows.status).toBe(200);
      expect(rows.body.items).toEqual([]);
    },
  );
});

describe('rows and groups', () => {
  const customers = accounts.filter((a) => a.type === 'customer');

  test('the first page has the columns, the rows in order and the group rows', async () => {
    const rows = await api('GET', `/reports/${reportId}/rows`);
    expect(rows.status).toBe(200);
    expect(rows.body).toEqual({
      report: { _id: reportId, name: 'Customers by tier', entityType: 'account' },
      columns: [
        { path: 'name', title: 'Name', type: 'string' },
        { path: 'tier', title: 'Tier', type: 'string' },
        { path: 'phone', title: 'Phone', type: 'string' },
        { path: 'creditLimit', title: 'Credit limit', type: 'integer' },
        { path: 'employeeCount', title: 'Employees', type: 'integer' },
      ],
      items: customers.map((a, i) => ({
        _id: ids[i],
        name: a.name,
        tier: a.tier,
        phone: a.phone ?? null,
        creditLimit: a.creditLimit,
        employeeCount: a.employeeCount,
      })),
      nextCursor: null,
      groups: {
        field: 'tier',
        items: [
          { key: 'bronze', count: 1, sums: { creditLimit: 0, employeeCount: 12 } },
          { key: 'gold', count: 2, sums: { creditLimit: 600000, employeeCount: 125 } },
          { key: 'silver', count: 1, sums: { creditLimit: 200000, employeeCount: 40 } },
        ],
        total: { count: 4, sums: { creditLimit: 800000, employeeCount: 177 } },
        complete: true,
      },
    });
  });

  test('rows page with limit and cursor; later pages carry no group rows', async () => {
    const first = await api('GET', `/reports/${reportId}/rows?limit=3`);
    expect((first.body.items as Array<{ _id: string }>).map((r) => r._id)).toEqual(ids.slice(0, 3));
    const second = await api('GET', `/reports/${reportId}/rows?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect((second.body.items as Array<{ _id: string }>).map((r) => r._id)).toEqual([ids[3]]);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.groups).toBeUndefined();
  });

  test('relative dates count from today', async () => {
    const since = await api('POST', '/reports', {
      ...customersByTier,
      name: 'Created since yesterday',
      filters: [{ field: 'createdAt', op: 'gte', value: 'today-1' }],
    });
    const before = await api('POST', '/reports', {
      ...customersByTier,
      name: 'Created before today',
      filters: [{ field: 'createdAt', op: 'lt', value: 'today' }],
    });
    expect((await api('GET', `/reports/${since.body._id}/rows`)).body.items).toHaveLength(5);
    expect((await api('GET', `/reports/${before.body._id}/rows`)).body.items).toEqual([]);
  });

  test.each([
    ['limit=0', 'limit', 'must be an integer from 1 to 200'],
    ['limit=2&limit=3', 'limit', 'must be given once, as a plain value'],
    ['cursor=nonsense', 'cursor', 'is not a cursor this server issued'],
    ['sort=name', 'sort', 'is not a known parameter; use limit, cursor'],
  ])('rows?%s is a 400 naming %s', async (query, path, message) => {
    const rows = await api('GET', `/reports/${reportId}/rows?${query}`);
    expect(rows.status).toBe(400);
    expect(rows.body.error.details).toEqual([{ path, message }]);
  });

  test('an unknown report is a 404', async () => {
    expect((await api('GET', '/reports/rep_missing/rows')).status).toBe(404);
  });
});

describe('CSV export', () => {
  async function csv(path: string, token?: string) {
    const response = await fetch(`${server.url}/api${path}`, {
      headers: { authorization: `Bearer ${token ?? (await logIn(server.url, admin))}` },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      text: await response.text(),
    };
  }
  const today = () => new Date().toISOString().slice(0, 10);

  test('a grouped report exports its group rows with a total', async () => {
    expect(await csv(`/reports/${reportId}/export.csv`)).toEqual({
      status: 200,
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="customers-by-tier-${today()}.csv"`,
      text: customersByTierCsv,
    });
  });

  test('view=rows exports the rows: RFC 4180 quoting, formula-like cells prefixed with an apostrophe', async () => {
    const exported = await csv(`/reports/${reportId}/export.csv?view=rows`);
    expect(exported.status).toBe(200);
    expect(exported.text).toBe(customersCsv);
  });

  test.each([
    ['view=pdf', 'view', 'must be rows or groups'],
    ['format=xlsx', 'format', 'is not a known parameter; use view'],
  ])('export.csv?%s is a 400 naming %s', async (query, path, message) => {
    const exported = await api('GET', `/reports/${reportId}/export.csv?${query}`);
    expect(exported.status).toBe(400);
    expect(exported.body.error.details).toEqual([{ path, message }]);
  });

  test('a report without grouping has no group view', async () => {
    const plain = await api('POST', '/reports', { ...customersByTier, name: 'Plain', groupBy: undefined });
    const exported = await api('GET', `/reports/${plain.body._id}/export.csv?view=groups`);
    expect(exported.status).toBe(400);
    expect(exported.body.error.details).toEqual([
      { path: 'view', message: 'groups needs a report with a grouping; use rows' },
    ]);
    expect((await csv(`/reports/${plain.body._id}/export.csv`)).text).toBe(customersCsv);
  });
});

describe('permissions', () => {
  test('a user without read on the entity type gets 403 on the report, its rows and its export, and does not see it', async () => {
    const nobody = await userApi('nobody@example.com', []);
    for (const path of [
      `/reports/${reportId}`,
      `/reports/${reportId}/rows`,
      `/reports/${reportId}/export.csv`,
    ]) {
      const answer = await nobody('GET', path);
      expect([path, answer.status, answer.body.error.message]).toEqual([
        path,
        403,
        'Your roles () do not allow: read account',
      ]);
    }
    expect((await nobody('GET', '/reports')).body.items).toEqual([]);
  });

  test('saving a report needs the report.manage permission; reading it does not', async () => {
    const sales = await userApi('sal@example.com', ['sales']);
    const refused = await sales('POST', '/reports', customersByTier);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Your roles (sales) do not allow: manage reports');
    expect((await sales('DELETE', `/reports/${reportId}`)).status).toBe(403);
    expect((await sales('GET', `/reports/${reportId}/rows`)).status).toBe(200);
    const finance = await userApi('fin@example.com', ['finance']);
    expect((await finance('POST', '/reports', { ...customersByTier, name: 'Finance view' })).status).toBe(
      201,
    );
  });

  test('no route answers without authentication', async () => {
    expect((await callApi(server.url, 'GET', `/reports/${reportId}/export.csv`)).status).toBe(401);
  });
});
