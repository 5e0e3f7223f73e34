import { createUserStore, ensureAdmin } from '../../../domain/users';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { login, startAuthApp } from './auth-fixture';

let services: TestServices;
beforeAll(async () => {
  services = await connectTestServices('auth_admin');
});
afterAll(async () => {
  await services.close();
});

describe('ensureAdmin', () => {
  it('generates a password on the first start only, and that password logs in', async () => {
    const app = await startAuthApp(services.db);
    try {
      // An empty ADMIN_PASSWORD counts as unset.
      const first = await ensureAdmin(app.users, { email: 'Root@Example.com', password: '' });
      expect(first).toEqual({
        created: true,
        email: 'root@example.com',
        generatedPassword: expect.stringMatching(/^[\w-]{24}$/),
      });
      expect(await ensureAdmin(app.users, { email: 'root@example.com', password: undefined })).toEqual({
        created: false,
      });
      // A second server process (a fresh store object) does not print it either.
      expect(
        await ensureAdmin(createUserStore(services.db), { email: 'other@example.com', password: undefined }),
      ).toEqual({ created: false });
      if (!first.created) throw new Error('unreachable');
      const session = await login(app.call, 'root@example.com', first.generatedPassword!);
      expect(session.body.user.roles).toEqual(['admin']);
    } finally {
      await app.close();
    }
  });

  it('uses the configured password and returns none', async () => {
    const db = services.mongo.db(`${services.db.databaseName}_cfg`);
    try {
      const users = createUserStore(db);
      await users.ensureIndexes();
      expect(
        await ensureAdmin(users, { email: 'boss@example.com', password: 'configured-password' }),
      ).toEqual({
        created: true,
        email: 'boss@example.com',
      });
      expect(await users.verifyCredentials('boss@example.com', 'configured-password')).toMatchObject({
        roles: ['admin'],
      });
    } finally {
      await db.dropDatabase();
    }
  });
});

describe('what the store holds', () => {
  it('keeps passwords as argon2id and sessions, CSRF and API tokens only as hashes', async () => {
    const app = await startAuthApp(services.db);
    try {
      await app.users.createUser(
        { email: 'store@example.com', name: 'S', roles: ['viewer'], password: 'stored-password' },
        { userId: 'system', email: 'system' },
      );
      const session = await login(app.call, 'store@example.com', 'stored-password');
      const { body: token } = await app.call('POST', '/tokens', {
        bearer: session.token,
        body: { name: 't' },
      });

      const user = await services.db.collection('users').findOne({ email: 'store@example.com' });
      expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
      const dump = JSON.stringify(
        await Promise.all(
          ['users', 'sessions', 'apiTokens', 'audit'].map((name) =>
            services.db.collection(name).find({}).toArray(),
          ),
        ),
      );
      expect(dump).not.toContain('stored-password');
      expect(dump).not.toContain(session.token);
      expect(dump).not.toContain(token.token);
    } finally {
      await app.close();
    }
  });
});

describe('expiry', () => {
  it('refuses expired sessions and API tokens even where the store has no TTL index', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const users = createUserStore(services.db, { sessionTtlMs: 60_000, now: () => clock });
    const user = await users.createUser(
      { email: 'clock@example.com', name: 'C', roles: ['viewer'], password: 'clock-password' },
      { userId: 'system', email: 'system' },
    );
    const session = await users.createSession(user.id);
    const { token } = await users.createApiToken(
      { userId: user.id, name: 'short', expiresAt: new Date('2026-01-01T00:00:30Z') },
      { userId: user.id, email: user.email },
    );
    expect(await users.resolveSecret(session.token)).toMatchObject({ via: 'session', user: { id: user.id } });
    expect(await users.resolveSecret(token)).toMatchObject({ via: 'token', user: { id: user.id } });

    clock = new Date('2026-01-01T00:01:00Z');
    expect(await users.resolveSecret(token)).toBeUndefined();
    expect(await users.resolveSecret(session.token)).toBeUndefined();
    expect(await services.db.collection('sessions').countDocuments({ userId: user.id })).toBe(0);
  });
});
