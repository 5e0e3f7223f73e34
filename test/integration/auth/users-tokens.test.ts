import { connectTestServices, type TestServices } from '../../setup/test-env';
import { adminEmail, adminPassword, login, seedAdmin, startAuthApp } from './auth-fixture';

let services: TestServices;
let app: Awaited<ReturnType<typeof startAuthApp>>;
let admin: string;
beforeAll(async () => {
  services = await connectTestServices('auth_users');
  app = await startAuthApp(services.db);
  await seedAdmin(app.users);
  admin = (await login(app.call, adminEmail, adminPassword)).token;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const newUser = (email: string) => ({
  email,
  name: 'Sam Seller',
  roles: ['sales', 'viewer'],
  password: 'twelve-chars-ok',
});

describe('/api/users', () => {
  it('lets an admin create a user with roles, who can then log in with them', async () => {
    const created = await app.call('POST', '/users', { bearer: admin, body: newUser('Sam@Example.com') });
    expect(created).toMatchObject({
      status: 201,
      body: {
        id: expect.any(String),
        email: 'sam@example.com',
        name: 'Sam Seller',
        roles: ['sales', 'viewer'],
        active: true,
      },
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    const session = await login(app.call, 'sam@example.com', 'twelve-chars-ok');
    expect(session.body.user.roles).toEqual(['sales', 'viewer']);
    expect((await app.call('GET', `/users/${created.body.id}`, { bearer: admin })).body).toEqual(
      created.body,
    );
    const list = await app.call('GET', '/users', { bearer: admin });
    expect((list.body.items as Array<{ email: string }>).map((u) => u.email)).toEqual([
      adminEmail,
      'sam@example.com',
    ]);
  });

  it('answers 409 for a taken email, whatever its case', async () => {
    await app.call('POST', '/users', { bearer: admin, body: newUser('dup@example.com') });
    expect(await app.call('POST', '/users', { bearer: admin, body: newUser('DUP@example.com') })).toEqual({
      status: 409,
      headers: expect.anything(),
      body: {
        error: {
          code: 'conflict',
          message: 'A user with email dup@example.com already exists',
          details: [{ path: '/email', message: 'is already taken' }],
        },
      },
    });
  });

  it('answers 400 with paths for a short password, an unknown role and a bad email', async () => {
    const response = await app.call('POST', '/users', {
      bearer: admin,
      body: { email: 'not-an-email', name: 'X', roles: ['sales', 'wizard'], password: 'short' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { path: '/email', message: 'must be an email' },
      {
        path: '/roles/1',
        message:
          'must be one of: admin, designer, sales, salesManager, finance, procurement, support, supportLead, viewer, auditor',
      },
      { path: '/password', message: 'must be at least 12 characters' },
    ]);
  });

  it('forbids users without admin.manageUsers with 403', async () => {
    await app.call('POST', '/users', { bearer: admin, body: newUser('plain@example.com') });
    const plain = (await login(app.call, 'plain@example.com', 'twelve-chars-ok')).token;
    const forbidden = {
      status: 403,
      body: {
        error: {
          code: 'forbidden',
          message: 'Your roles (sales, viewer) do not allow: manageUsers',
          details: [],
        },
      },
    };
    expect(await app.call('GET', '/users', { bearer: plain })).toMatchObject(forbidden);
    expect(await app.call('POST', '/users', { bearer: plain, body: newUser('x@example.com') })).toMatchObject(
      forbidden,
    );
  });

  it('patches roles with an audit entry, and deactivation ends sessions and logins', async () => {
    const { body: user } = await app.call('POST', '/users', {
      bearer: admin,
      body: newUser('leaver@example.com'),
    });
    const session = (await login(app.call, 'leaver@example.com', 'twelve-chars-ok')).token;
    const patched = await app.call('PATCH', `/users/${user.id}`, {
      bearer: admin,
      body: { roles: ['finance'] },
    });
    expect(patched.body.roles).toEqual(['finance']);
    // Role changes apply to live sessions at once.
    expect((await app.call('GET', '/auth/me', { bearer: session })).body.user.roles).toEqual(['finance']);

    const audit = await services.db
      .collection('audit')
      .find({ resourceId: user.id })
      .sort({ at: 1 })
      .toArray();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      action: 'user.created',
      actor: { userId: expect.any(String), email: adminEmail },
    });
    expect(audit[1]).toMatchObject({
      action: 'user.roleChanged',
      actor: { email: adminEmail },
      resource: 'user',
      diff: { roles: { from: ['sales', 'viewer'], to: ['finance'] } },
    });

    expect((await app.call('DELETE', `/users/${user.id}`, { bearer: admin })).body.active).toBe(false);
    expect((await app.call('GET', '/auth/me', { bearer: session })).status).toBe(401);
    const relogin = await app.call('POST', '/auth/login', {
      body: { email: 'leaver@example.com', password: 'twelve-chars-ok' },
    });
    expect(relogin.status).toBe(401);
  });

  it("revokes a user's sessions and API tokens when their password is reset or they are deactivated", async () => {
    const { body: user } = await app.call('POST', '/users', {
      bearer: admin,
      body: newUser('reset@example.com'),
    });
    const session = (await login(app.call, 'reset@example.com', 'twelve-chars-ok')).token;
    const tokens: string[] = [];
    for (const name of ['ci', 'report']) {
      tokens.push(
        (await app.call('POST', '/tokens', { bearer: session, body: { name } })).body.token as string,
      );
    }
    expect((await app.call('GET', '/auth/me', { bearer: tokens[0]! })).status).toBe(200);

    const reset = await app.call('PATCH', `/users/${user.id}`, {
      bearer: admin,
      body: { password: 'another-twelve-chars' },
    });
    expect(reset.status).toBe(200);
    for (const secret of [session, ...tokens]) {
      expect((await app.call('GET', '/auth/me', { bearer: secret })).status).toBe(401);
    }
    const revoked = await services.db
      .collection<{ diff: { name: { from: string }; reason: { to: string } } }>('audit')
      .find({ action: 'apiToken.deleted', 'diff.userId.from': user.id })
      .toArray();
    expect(revoked.map((entry) => [entry.diff.name.from, entry.diff.reason.to]).sort()).toEqual([
      ['ci', 'password changed'],
      ['report', 'password changed'],
    ]);

    // Deactivated, then reactivated: a token made in between does not come back to life.
    const again = (await login(app.call, 'reset@example.com', 'another-twelve-chars')).token;
    const later = (await app.call('POST', '/tokens', { bearer: again, body: { name: 'later' } })).body
      .token as string;
    expect((await app.call('DELETE', `/users/${user.id}`, { bearer: admin })).status).toBe(200);
    expect(
      (await app.call('PATCH', `/users/${user.id}`, { bearer: admin, body: { active: true } })).status,
    ).toBe(200);
    expect((await app.call('GET', '/auth/me', { bearer: later })).status).toBe(401);
    expect((await app.call('GET', '/tokens', { bearer: admin })).body.items).not.toContainEqual(
      expect.objectContaining({ userId: user.id }),
    );
  });

  it('refuses to let an admin deactivate themselves (422) and 404s unknown users', async () => {
    const me = (await app.call('GET', '/auth/me', { bearer: admin })).body.user;
    expect((await app.call('DELETE', `/users/${me.id}`, { bearer: admin })).status).toBe(422);
    expect(await app.call('PATCH', '/users/nope', { bearer: admin, body: { name: 'N' } })).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'User nope does not exist' } },
    });
  });
});

describe('/api/tokens', () => {
  it('creates a token shown once, usable as bearer, listed without secret, and dead once deleted', async () => {
    await app.call('POST', '/users', { bearer: admin, body: newUser('bot@example.com') });
    const owner = (await login(app.call, 'bot@example.com', 'twelve-chars-ok')).token;
    const created = await app.call('POST', '/tokens', {
      bearer: owner,
      body: { name: 'ci', expiresInDays: 30 },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { id: expect.any(String), name: 'ci', token: expect.stringMatching(/^llt_[\w-]{43}$/) },
    });
    const secret = created.body.token as string;

    expect(await app.call('GET', '/auth/me', { bearer: secret })).toMatchObject({
      status: 200,
      body: { user: { email: 'bot@example.com' }, via: 'token' },
    });
    const list = await app.call('GET', '/tokens', { bearer: owner });
    expect(list.body.items).toEqual([
      {
        id: created.body.id,
        userId: created.body.userId,
        name: 'ci',
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        expiresAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    expect((await app.call('DELETE', `/tokens/${created.body.id}`, { bearer: owner })).status).toBe(204);
    expect((await app.call('GET', '/auth/me', { bearer: secret })).status).toBe(401);
  });

  it("hides other users' tokens from non-admins but lets admins delete them", async () => {
    await app.call('POST', '/users', { bearer: admin, body: newUser('a1@example.com') });
    await app.call('POST', '/users', { bearer: admin, body: newUser('a2@example.com') });
    const a1 = (await login(app.call, 'a1@example.com', 'twelve-chars-ok')).token;
    const a2 = (await login(app.call, 'a2@example.com', 'twelve-chars-ok')).token;
    const { body: token } = await app.call('POST', '/tokens', { bearer: a1, body: { name: 'mine' } });
    expect((await app.call('GET', '/tokens', { bearer: a2 })).body.items).toEqual([]);
    expect((await app.call('DELETE', `/tokens/${token.id}`, { bearer: a2 })).status).toBe(404);
    expect(
      (await app.call('POST', '/tokens', { bearer: a2, body: { name: 'x', userId: token.userId } })).status,
    ).toBe(403);
    expect((await app.call('DELETE', `/tokens/${token.id}`, { bearer: admin })).status).toBe(204);
  });
});
