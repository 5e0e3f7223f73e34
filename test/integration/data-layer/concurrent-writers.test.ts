import { versionLog } from '../../../domain/entities';
import { freePort } from '../../../platform/ports';
import type { TestServices } from '../../setup/test-env';
import { callApi, logIn, type ApiResponse } from '../../support/api-client';
import {
  killApiServer,
  spawnApiServer,
  type ApiServerProcess,
  prepareServerProcesses,
  type ServerProcessTarget,
} from '../../support/api-server-process';

/*
 * Two API server processes (server/main.ts) write one record of one store at the same time, as two
 * replicas behind a load balancer would. Every write is applied exactly once or refused with 412,
 * and the version log holds exactly the applied ones: no update is lost, none is applied twice.
 */

jest.setTimeout(600_000);

const admin = { email: 'writers@example.com', password: 'writers-password-123' };
const writers = 50;

let target: ServerProcessTarget;
let services: TestServices;
let dataDir: string;
let servers: ApiServerProcess[];
let token: string;

beforeAll(async () => {
  target = await prepareServerProcesses('data-writers', admin);
  ({ services, dataDir } = target);
  servers = [];
  for (let i = 0; i < 2; i++) {
    servers.push(await spawnApiServer(services, { port: await freePort(), dataDir, admin }));
  }
  token = await logIn(servers[0]!.url, admin);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => killApiServer(server)));
  await target.close();
});

function call(i: number, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  return callApi(servers[i % servers.length]!.url, method, url, body, {
    authorization: `Bearer ${token}`,
    ...headers,
  });
}

async function createAccount(name: string): Promise<string> {
  const created = await call(0, 'POST', '/entities/account', { name, currency: 'EUR' });
  expect(created.status).toBe(201);
  return created.body._id as string;
}

/** The phone each committed version of the account wrote, by version. */
async function phonesInLog(id: string): Promise<Map<number, unknown>> {
  const versions = await versionLog(services.db).find({ type: 'account', entityId: id }).toArray();
  return new Map(versions.map((v) => [v.version, v.record.phone]));
}

test(`${writers} writers with If-Match on one record: each applied once or refused with 412`, async () => {
  const id = await createAccount('Contended');
  const responses: ApiResponse[] = await Promise.all(
    Array.from({ length: writers }, async (_, i) => {
      const read = await call(i, 'GET', `/entities/account/${id}`);
      return call(
        i,
        'PATCH',
        `/entities/account/${id}`,
        { phone: `w${i}` },
        { 'If-Match': `"${read.body.version}"` },
      );
    }),
  );
  expect(responses.filter((r) => r.status !== 200 && r.status !== 412).map((r) => r.status)).toEqual([]);
  const applied = responses.filter((r) => r.status === 200);
  const head = await call(0, 'GET', `/entities/account/${id}`);
  // One version per applied write, each acknowledged with its own version number.
  expect(head.body.version).toBe(1 + applied.length);
  expect(applied.map((r) => r.body.version as number).sort((a, b) => a - b)).toEqual(
    Array.from({ length: applied.length }, (_, i) => i + 2),
  );
  // The log holds exactly the applied writes, each in the version it was acknowledged with.
  const log = await phonesInLog(id);
  expect(log.size).toBe(head.body.version);
  for (const r of applied) expect(log.get(r.body.version as number)).toBe(r.body.phone);
  const refused = responses
    .map((r, i) => ({ r, phone: `w${i}` }))
    .filter(({ r }) => r.status === 412)
    .map(({ phone }) => phone);
  expect([...log.values()].filter((phone) => refused.includes(String(phone)))).toEqual([]);
});

test(`${writers} writers without If-Match on one record: every write lands once, none is lost`, async () => {
  const id = await createAccount('Shared');
  const responses = await Promise.all(
    Array.from({ length: writers }, (_, i) =>
      call(i, 'PATCH', `/entities/account/${id}`, { phone: `p${i}` }),
    ),
  );
  expect(responses.map((r) => r.status)).toEqual(Array.from({ length: writers }, () => 200));
  const log = await phonesInLog(id);
  expect(log.size).toBe(writers + 1);
  const written = [...log.entries()].filter(([version]) => version > 1).map(([, phone]) => phone);
  expect(written.sort()).toEqual(Array.from({ length: writers }, (_, i) => `p${i}`).sort());
  const head = await call(1, 'GET', `/entities/account/${id}`);
  expect(head.body.version).toBe(writers + 1);
});
