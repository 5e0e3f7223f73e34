import type { Router } from 'express';
import { createEntityRepository, type EntityRepository } from '../../../domain/entities';
import { createLogger } from '../../../platform/logger';
import { createApp } from '../../../server/app';
import { setActor, type Role } from '../../../server/auth/actor';
import { openApiRoutes } from '../../../server/openapi';
import { entityRoutes } from '../../../server/routes/entities';
import { listen } from '../../setup/listen';
import { connectTestServices, type TestServices } from '../../setup/test-env';

export interface ApiResponse {
  status: number;
  // Tests read response bodies loosely; the assertions say what they must hold.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface EntityApi {
  services: TestServices;
  repo: EntityRepository;
  /** Sends a request as an admin, or with the roles in `as`. */
  request(
    method: string,
    path: string,
    body?: unknown,
    options?: { headers?: Record<string, string>; as?: Role[]; raw?: string },
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

/**
 * Serves the entity routes over HTTP against the real store, with a test authenticator that lets
 * each request pick its roles through the `x-test-roles` header; `moreRoutes` mounts other API
 * routers beside them (the dashboards, say).
 */
export async function startEntityApi(
  name: string,
  moreRoutes: (services: TestServices) => Router[] = () => [],
): Promise<EntityApi> {
  const services = await connectTestServices(name);
  const repo = createEntityRepository(services.db);
  const app = createApp({
    log: createLogger({ level: 'silent', service: 'test' }),
    health: { store: () => Promise.resolve(), temporal: () => Promise.resolve() },
    authenticate: (req, _res, next) => {
      const roles = (req.get('x-test-roles') ?? 'admin').split(',') as Role[];
      setActor(req, { userId: `u-${roles.join('-')}`, email: 'tester@example.com', roles, via: 'token' });
      next();
    },
    apiRouters: [openApiRoutes(), entityRoutes({ db: services.db, repo }), ...moreRoutes(services)],
  });
  const server = await listen(app);
  return {
    services,
    repo,
    async request(method, path, body, options = {}) {
      const response = await fetch(`${server.url}/api${path}`, {
        method,
        headers: {
          ...(body === undefined && options.raw === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.as === undefined ? {} : { 'x-test-roles': options.as.join(',') }),
          ...options.headers,
        },
        ...(options.raw !== undefined
          ? { body: options.raw }
          : body === undefined
            ? {}
            : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
        headers: response.headers,
      };
    },
    async close() {
      await server.close();
      await services.close();
    },
  };
}

/** The ids of a list response's items. */
export function itemIds(body: unknown): string[] {
  return (body as { items: { _id: string }[] }).items.map((item) => item._id);
}

/** The paths named in an error response's details. */
export function detailPaths(body: unknown): string[] {
  return (body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
}
