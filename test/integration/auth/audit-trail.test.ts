import { appendAudit } from '../../../domain/audit/audit-log';
import { createEntityRepository } from '../../../domain/entities';
import type { AuditItem } from '../../../domain/audit/audit-trail';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { apiAs, logIn, type ApiCall } from '../../support/api-client';
import { serveApi, type ServedApi } from '../../support/api-server';

/*
 * The audit trail on the real store through the whole API server: who changed which record and
 * what, users and workflows, for admins and auditors only; a record's history for anyone who may
 * read it; filters, exact paging and 400s naming the parameter.
 */

const password = 'a-long-enough-password';
const admin = { email: 'admin@example.com', password };
let services: TestServices;
let api: ServedApi;
let asAdmin: ApiCall;
let asSales: ApiCall;
let asAuditor: ApiCall;
let salesId: string;
let accountId: string;

type Item = AuditItem & { actor: { name?: string; email?: string } };

const items = (answer: { body: unknown }) => (answer.body as { items: Item[] }).items;

beforeAll(async () => {
  services = await connectTestServices('audit_trail');
  api = await serveApi(services, { admin });
  asAdmin = apiAs(api.url, await logIn(api.url, admin));
  const sales = await asAdmin('POST', '/users', {
    email: 'sam@example.com',
    name: 'Sam Seller',
    roles: ['sales'],
    password,
  });
  salesId = sales.body.id as string;
  await asAdmin('POST', '/users', {
    email: 'ava@example.com',
    name: 'Ava Auditor',
    roles: ['auditor'],
    password,
  });
  asSales = apiAs(api.url, await logIn(api.url, { email: 'sam@example.com', password }));
  asAuditor = apiAs(api.url, await logIn(api.url, { email: 'ava@example.com', password }));

  const created = await asSales('POST', '/entities/account', {
    name: 'Audit Traders',
    type: 'customer',
    currency: 'EUR',
    paymentTerms: 'net14',
  });
  expect(created.status).toBe(201);
  accountId = created.body._id as string;
  expect((await asSales('PATCH', `/entities/account/${accountId}`, { paymentTerms: 'net30' })).status).toBe(
    200,
  );
  expect(
    (await asAdmin('PATCH', `/entities/account/${accountId}`, { name: 'Audit Traders Ltd' })).status,
  ).toBe(200);
});

afterAll(async () => {
  await api?.close();
  await services?.close();
});

test("a record's changes: who, what and which version, newest first, for the auditor", async () => {
  const answer = await asAuditor('GET', `/audit?entityType=account&entityId=${accountId}`);
  expect(answer.status).toBe(200);
  expect(
    items(answer).map(({ action, version, actor, diff }) => ({ action, version, actor: actor.name, diff })),
  ).toEqual([
    {
      action: 'entity.updated',
      version: 3,
      actor: 'Administrator',
      diff: { name: { from: 'Audit Traders', to: 'Audit Traders Ltd' } },
    },
    {
      action: 'entity.updated',
      version: 2,
      actor: 'Sam Seller',
      diff: { paymentTerms: { from: 'net14', to: 'net30' } },
    },
    {
      action: 'entity.created',
      version: 1,
      actor: 'Sam Seller',
      diff: expect.objectContaining({ name: { to: 'Audit Traders' }, paymentTerms: { to: 'net14' } }),
    },
  ]);
  expect(items(answer)[1]).toMatchObject({
    resource: 'entity:account',
    resourceId: accountId,
    actor: { userId: salesId, email: 'sam@example.com' },
  });
  expect((answer.body as { nextCursor: unknown }).nextCursor).toBeNull();
});

test('filters by actor, action, resource and time', async () => {
  const bySam = items(await asAuditor('GET', `/audit?actor=${salesId}`));
  expect(bySam.map((item) => item.action)).toEqual(['entity.updated', 'entity.created']);

  const updates = items(await asAuditor('GET', `/audit?action=entity.updated&entityType=account`));
  expect(updates.map((item) => item.version)).toEqual([3, 2]);

  const userChanges = items(await asAuditor('GET', '/audit?resource=user'));
  expect(userChanges.map((item) => [item.action, item.diff.email?.to])).toEqual([
    ['user.created', 'ava@example.com'],
    ['user.created', 'sam@example.com'],
    ['user.created', 'admin@example.com'],
  ]);

  const [latest] = items(await asAuditor('GET', `/audit?entityType=account&entityId=${accountId}`));
  const before = new Date(Date.parse(latest!.at) - 1).toISOString();
  const upTo = items(await asAuditor('GET', `/audit?entityType=account&entityId=${accountId}&to=${before}`));
  expect(upTo.map((item) => item.version)).toEqual([2, 1]);
  const from = items(
    await asAuditor('GET', `/audit?entityType=account&entityId=${accountId}&from=${latest!.at}`),
  );
  expect(from.map((item) => item.version)).toEqual([3]);
});

test('pages give every entry once, even a burst written in one millisecond', async () => {
  const at = '2026-01-01T00:00:00.000Z';
  for (let n = 0; n < 7; n++) {
    await appendAudit(services.db, {
      actor: { userId: 'burst' },
      action: 'workflow.published',
      resource: 'workflow',
      resourceId: `wf${n}`,
      diff: {},
      at,
    });
  }
  const seen: string[] = [];
  let cursor: string | null = '';
  let pages = 0;
  while (cursor !== null) {
    const answer = await asAuditor(
      'GET',
      `/audit?actor=burst&limit=3${cursor === '' ? '' : `&cursor=${cursor}`}`,
    );
    expect(answer.status).toBe(200);
    seen.push(...items(answer).map((item) => item.resourceId));
    cursor = (answer.body as { nextCursor: string | null }).nextCursor;
    pages++;
  }
  expect(pages).toBe(3);
  expect(seen.sort()).toEqual(['wf0', 'wf1', 'wf2', 'wf3', 'wf4', 'wf5', 'wf6']);
});

test('only admins and auditors read the trail; the auditor changes nothing', async () => {
  expect((await asAdmin('GET', '/audit?limit=1')).status).toBe(200);
  const refused = await asSales('GET', '/audit');
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ error: { message: 'Your roles (sales) do not allow: readAudit' } });
  expect((await asAuditor('PATCH', `/entities/account/${accountId}`, { paymentTerms: 'net60' })).status).toBe(
    403,
  );
  expect(
    (await asAuditor('POST', '/users', { email: 'x@example.com', name: 'X', roles: ['admin'], password }))
      .status,
  ).toBe(403);
});

test('a malformed query is a 400 naming the parameter', async () => {
  const cases: Array<[string, string]> = [
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['from=yesterday', 'from'],
    ['entityType=nope', 'entityType'],
    ['colour=red', 'colour'],
    ['cursor=not-a-cursor', 'cursor'],
    ['actor=a&actor=b', 'actor'],
  ];
  for (const [query, path] of cases) {
    const answer = await asAuditor('GET', `/audit?${query}`);
    expect({
      query,
      status: answer.status,
      paths: (answer.body as { error: { details: Array<{ path: string }> } }).error.details.map(
        (d) => d.path,
      ),
    }).toEqual({ query, status: 400, paths: [path] });
  }
});

test("a record's history is open to anyone who may read the record", async () => {
  const history = await asSales('GET', `/entities/account/${accountId}/history`);
  expect(history.status).toBe(200);
  expect(items(history).map((item) => [item.version, item.actor.name])).toEqual([
    [3, 'Administrator'],
    [2, 'Sam Seller'],
    [1, 'Sam Seller'],
  ]);
  const paged = await asSales('GET', `/entities/account/${accountId}/history?limit=2`);
  expect(items(paged).map((item) => item.version)).toEqual([3, 2]);
  const rest = await asSales(
    'GET',
    `/entities/account/${accountId}/history?cursor=${(paged.body as { nextCursor: string }).nextCursor}`,
  );
  expect(items(rest).map((item) => item.version)).toEqual([1]);
  expect((await asSales('GET', '/entities/account/no-such-account/history')).status).toBe(404);
  expect((await asSales('GET', `/entities/nope/${accountId}/history`)).status).toBe(404);
  expect((await asSales('GET', `/entities/account/${accountId}/history?actor=x`)).status).toBe(400);
});

test('a change a run made names the run, and the run filter finds it', async () => {
  const repo = createEntityRepository(services.db);
  const { record } = await repo.create(
    'account',
    { name: 'Run Written', type: 'customer', currency: 'EUR', paymentTerms: 'net14' },
    { actor: { userId: 'seed' }, roles: ['admin'] as const },
  );
  await repo.update(
    'account',
    record._id,
    { paymentTerms: 'net30' },
    {},
    {
      actor: { userId: 'workflow:run-audit-1' },
      roles: ['admin'] as const,
      runId: 'run-audit-1',
    },
  );
  const [latest] = items(await asSales('GET', `/entities/account/${record._id}/history`));
  expect(latest).toMatchObject({
    action: 'entity.updated',
    version: 2,
    runId: 'run-audit-1',
    actor: { userId: 'workflow:run-audit-1' },
    diff: { paymentTerms: { from: 'net14', to: 'net30' } },
  });
  const byRun = items(await asAuditor('GET', '/audit?runId=run-audit-1'));
  expect(byRun.map((item) => [item.resourceId, item.version])).toEqual([[record._id, 2]]);
});
