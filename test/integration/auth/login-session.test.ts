import { connectTestServices, type TestServices } from '../../setup/test-env';
import { adminEmail, adminPassword, login, seedAdmin, startAuthApp } from './auth-fixture';

let services: TestServices;
let app: Awaited<ReturnType<typeof startAuthApp>>;
beforeAll(async () => {
  services = await connectTestServices('auth_login');
  app = await startAuthApp(services.db, {
    loginRateLimit: { windowMs: 60_000, perEmail: 3, perIp: 1000, perAccount: 1000 },
  });
  await seedAdmin(app.users);
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const wrongCredentials = {
  error: { code: 'unauthorized', message: 'Email or password is wrong', details: [] },
};

describe('POST /api/auth/login', () => {
  it('answers a token, a CSRF token and the user, and sets an httpOnly SameSite=Lax cookie', async () => {
    const session = await login(app.call, 'Admin@Example.com', adminPassword);
    expect(session.body).toEqual({
      token: expect.stringMatching(/^lls_[\w-]{43}$/),
      csrfToken: expect.stringMatching(/^llc_[\w-]{43}$/),
      expiresAt: expect.any(String),
      user: { id: expect.any(String), email: adminEmail, name: 'Admin', roles: ['admin'] },
    });
    expect(session.cookie).toBe(`ll_session=${session.token}`);
    expect(session.setCookie).toMatch(/; HttpOnly/);
    expect(session.setCookie).toMatch(/; SameSite=Lax/);
    // Plain http here; behind https the cookie is also Secure.
    expect(session.setCookie).not.toMatch(/Secure/);
  });

  it('marks the cookie Secure when a trusted proxy says the request came over https, and only then', async () => {
    const overHttps = (url: string) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ email: adminEmail, password: adminPassword }),
      });
    const untrusted = await overHttps(app.url);
    expect(untrusted.status).toBe(200);
    expect(untrusted.headers.get('set-cookie')).not.toMatch(/; Secure/);
    const proxied = await startAuthApp(services.db, { trustProxy: 'loopback' });
    try {
      const response = await overHttps(proxied.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('answers the same generic 401 for a wrong password and for an unknown email', async () => {
    const wrong = await app.call('POST', '/auth/login', { body: { email: adminEmail, password: 'nope' } });
    expect(wrong).toMatchObject({ status: 401, body: wrongCredentials });
    const unknown = await app.call('POST', '/auth/login', {
      body: { email: 'ghost@example.com', password: adminPassword },
    });
    expect(unknown).toMatchObject({ status: 401, body: wrongCredentials });
  });

  it('answers 400 with field paths for a malformed body', async () => {
    const response = await app.call('POST', '/auth/login', { body: { email: 42, extra: true } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Invalid request body',
        details: [
          { path: '/extra', message: 'is not an allowed field' },
          { path: '/email', message: 'must be a string' },
          { path: '/password', message: 'is required' },
        ],
      },
    });
  });

  it('rate limits repeated attempts for one email with 429 in the API error shape', async () => {
    const attempt = () =>
      app.call('POST', '/auth/login', { body: { email: 'victim@example.com', password: 'guess-guess' } });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    expect(await attempt()).toMatchObject({
      status: 429,
      body: {
        error: { code: 'rate_limited', message: 'Too many login attempts; try again later', details: [] },
      },
    });
    // Other accounts from the same address are not locked out by it.
    expect((await login(app.call, adminEmail, adminPassword)).token).toMatch(/^lls_/);
  });

  it('a client cannot escape the throttle by naming another address in X-Forwarded-For', async () => {
    const attempt = (i: number) =>
      fetch(`${app.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ email: 'spoofed@example.com', password: 'guess-guess' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(i)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('behind a trusted proxy, one account is throttled across client addresses', async () => {
    const proxied = await startAuthApp(services.db, {
      loginRateLimit: { windowMs: 60_000, perEmail: 1000, perIp: 1000, perAccount: 3 },
      trustProxy: 'loopback',
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${proxied.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}` },
          body: JSON.stringify({ email: 'target@example.com', password: 'guess-guess' }),
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await proxied.close();
    }
  });
});

describe('sessions', () => {
  it('needs authentication on every other /api route', async () => {
    expect(await app.call('GET', '/auth/me')).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'Authentication required', details: [] } },
    });
    expect(await app.call('GET', '/auth/me', { bearer: 'lls_forged' })).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'Session or token is invalid or expired' } },
    });
    expect((await app.call('GET', '/health')).status).toBe(200);
  });

  it('GET /auth/me answers the user, roles and the CSRF token for a cookie session', async () => {
    const session = await login(app.call, adminEmail, adminPassword);
    const me = await app.call('GET', '/auth/me', { cookie: session.cookie });
    expect(me).toMatchObject({
      status: 200,
      body: {
        user: { id: session.body.user.id, email: adminEmail, name: 'Admin', roles: ['admin'] },
        via: 'session',
        csrfToken: session.csrfToken,
      },
    });
  });

  it('requires X-CSRF-Token on cookie-authenticated writes, but not on bearer ones', async () => {
    const session = await login(app.call, adminEmail, adminPassword);
    const body = { name: 'ci' };
    expect(await app.call('POST', '/tokens', { cookie: session.cookie, body })).toMatchObject({
      status: 403,
      body: {
        error: { code: 'forbidden', message: 'Missing or wrong x-csrf-token header for a cookie session' },
      },
    });
    const wrong = await app.call('POST', '/tokens', { cookie: session.cookie, csrf: 'llc_wrong', body });
    expect(wrong.status).toBe(403);
    const withCsrf = await app.call('POST', '/tokens', {
      cookie: session.cookie,
      csrf: session.csrfToken,
      body,
    });
    expect(withCsrf.status).toBe(201);
    expect((await app.call('POST', '/tokens', { bearer: session.token, body })).status).toBe(201);
    // Reads with the cookie need no CSRF token.
    expect((await app.call('GET', '/tokens', { cookie: session.cookie })).status).toBe(200);
  });

  it('logout ends the session for both the cookie and the bearer token, and clears the cookie', async () => {
    const session = await login(app.call, adminEmail, adminPassword);
    const out = await app.call('POST', '/auth/logout', { cookie: session.cookie, csrf: session.csrfToken });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^ll_session=; .*Expires=Thu, 01 Jan 1970/);
    expect((await app.call('GET', '/auth/me', { cookie: session.cookie })).status).toBe(401);
    expect((await app.call('GET', '/auth/me', { bearer: session.token })).status).toBe(401);
  });
});
