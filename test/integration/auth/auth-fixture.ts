import type { Db } from 'mongodb';
import { createApp } from '../../../server/app';
import { createLogger } from '../../../platform/logger';
import { createUserStore, type UserStore } from '../../../domain/users';
import {
  authRoutes,
  createAuthenticate,
  sessionRoutes,
  tokenRoutes,
  userRoutes,
  type LoginRateLimit,
} from '../../../server/auth';
import { listen } from '../../setup/listen';

export const adminEmail = 'admin@example.com';
export const adminPassword = 'admin-password-long';

/** The API with auth wired as server/main.ts wires it, served on a free port. */
export async function startAuthApp(
  db: Db,
  options: { loginRateLimit?: LoginRateLimit; trustProxy?: false | number | string } = {},
) {
  const log = createLogger({ level: 'silent', service: 'test' });
  const users = createUserStore(db);
  await users.ensureIndexes();
  const app = createApp({
    log,
    health: { store: async () => {}, temporal: async () => {} },
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    publicApiRouters: [
      authRoutes({
        users,
        log,
        ...(options.loginRateLimit ? { loginRateLimit: options.loginRateLimit } : {}),
      }),
    ],
    authenticate: createAuthenticate({ users }),
    apiRouters: [sessionRoutes({ users }), userRoutes({ users }), tokenRoutes({ users })],
  });
  const server = await listen(app);
  return { users, ...server, call: caller(server.url) };
}

export interface CallOptions {
  body?: unknown;
  bearer?: string;
  cookie?: string;
  csrf?: string;
}

export interface CallResult {
  status: number;
  // Bodies are checked by the tests' exact expectations, not by a type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

function caller(base: string) {
  return async (method: string, path: string, options: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    if (options.cookie) headers.cookie = options.cookie;
    if (options.csrf) headers['x-csrf-token'] = options.csrf;
    const response = await fetch(`${base}/api${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
}

export type Call = ReturnType<typeof caller>;

/** Logs in and returns the bearer token, CSRF token and the `name=value` part of the cookie. */
export async function login(call: Call, email: string, password: string) {
  const response = await call('POST', '/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return {
    token: response.body.token as string,
    csrfToken: response.body.csrfToken as string,
    cookie: setCookie.split(';')[0]!,
    setCookie,
    body: response.body,
  };
}

export async function seedAdmin(users: UserStore) {
  return users.createUser(
    { email: adminEmail, name: 'Admin', roles: ['admin'], password: adminPassword },
    { userId: 'system', email: 'system' },
  );
}
