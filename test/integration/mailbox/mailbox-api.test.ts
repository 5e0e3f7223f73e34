import { createUserStore, ensureAdmin } from '../../../domain/users';
import { createLogger } from '../../../platform/logger';
import { createServerApp } from '../../../server/server-app';
import { listen } from '../../setup/listen';
import { connectTestServices, type TestServices } from '../../setup/test-env';

let services: TestServices;
let server: { url: string; close: () => Promise<void> };
let token: string;

beforeAll(async () => {
  services = await connectTestServices('mailbox');
  const users = createUserStore(services.db);
  await users.ensureIndexes();
  await ensureAdmin(users, { email: 'admin@example.com', password: 'admin-password-123' });
  server = await listen(
    createServerApp({
      db: services.db,
      temporal: services.temporal,
      users,
      namespace: services.namespace,
      taskQueue: services.taskQueue,
      log: createLogger({ level: 'silent', service: 'test' }),
      health: { store: async () => {}, temporal: async () => {} },
    }),
  );
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'admin-password-123' }),
  });
  token = ((await login.json()) as { token: string }).token;
  await services.db.collection('mailbox').insertMany([
    {
      _id: 'run-1/notify/1' as never,
      to: ['ops@example.com'],
      subject: 'First',
      body: 'a',
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    {
      _id: 'run-2/notify/1' as never,
      to: ['cfo@example.com'],
      subject: 'Second',
      body: 'b',
      createdAt: '2026-01-01T11:00:00.000Z',
    },
  ]);
});
afterAll(async () => {
  await server.close();
  await services.close();
});

const get = async (path: string) => {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('GET /api/mailbox', () => {
  it('lists caught mail newest first', async () => {
    expect(await get('/api/mailbox')).toEqual({
      status: 200,
      body: {
        items: [
          {
            id: 'run-2/notify/1',
            to: ['cfo@example.com'],
            subject: 'Second',
            body: 'b',
            createdAt: '2026-01-01T11:00:00.000Z',
          },
          {
            id: 'run-1/notify/1',
            to: ['ops@example.com'],
            subject: 'First',
            body: 'a',
            createdAt: '2026-01-01T10:00:00.000Z',
          },
        ],
      },
    });
  });

  it('filters by recipient', async () => {
    const { body } = await get('/api/mailbox?to=ops@example.com');
    expect((body.items as Array<{ subject: string }>).map((m) => m.subject)).toEqual(['First']);
  });

  it.each([
    ['/api/mailbox?limit=0', 'limit'],
    ['/api/mailbox?to[$ne]=x', 'to[$ne]'],
    ['/api/mailbox?sort=1', 'sort'],
  ])('refuses %s with 400 naming %s', async (path, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect((body.error as { details: Array<{ path: string }> }).details[0]!.path).toBe(field);
  });

  it('needs authentication', async () => {
    expect((await fetch(`${server.url}/api/mailbox`)).status).toBe(401);
  });
});
