import path from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from '../platform/logger';
import { admission, type AdmissionOptions } from './http/admission';
import { errorHandler, notFoundHandler } from './http/error-handler';
import type { Registry } from 'prom-client';
import { createHttpMetrics } from './http/metrics';
import { jsonBodyParser } from './http/json-body';
import { healthRoutes, type HealthChecks } from './routes/health';

export interface AppDeps {
  log: Logger;
  health: HealthChecks;
  /** Routers under /api that need no authentication (login), mounted before `authenticate`. */
  publicApiRouters?: Router[];
  /** Sets the caller on every later /api request, or answers 401. */
  authenticate?: RequestHandler;
  /** Routers mounted under /api after authentication, in order. */
  apiRouters?: Router[];
  /** Routers mounted at the root before the editor (webhooks under /hooks). */
  rootRouters?: Router[];
  /** Directory of the built editor; served at / with history fallback when set. */
  editorDir?: string;
  /** Largest accepted JSON body. */
  bodyLimit?: string;
  /** Bounds on concurrent API requests past the health checks (see `admission`); unbounded when unset. */
  admission?: AdmissionOptions;
  /** Express `trust proxy` (see `TRUST_PROXY`); default false. */
  trustProxy?: false | number | string;
  /** Adds gauges of the platform's own to `/metrics` (runs, tasks). */
  registerMetrics?: (registry: Registry) => void;
}

/**
 * The API server as a value: tests call it in-process, `server/main.ts` listens with it.
 *
 * @example
 * const app = createApp({ log, health: { temporal: async () => {}, store: async () => {} } });
 * app.listen(3000);
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  const metrics = createHttpMetrics();
  deps.registerMetrics?.(metrics.registry);
  app.disable('x-powered-by');
  // Off unless configured: otherwise any client could name its own address in X-Forwarded-For.
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'"] },
      },
    }),
  );
  app.use(metrics.middleware);
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const api = express.Router();
  api.use(jsonBodyParser(deps.bodyLimit ?? '1mb'));
  api.use(healthRoutes(deps.health));
  if (deps.admission) api.use(admission(deps.admission));
  for (const router of deps.publicApiRouters ?? []) api.use(router);
  if (deps.authenticate) api.use(deps.authenticate);
  for (const router of deps.apiRouters ?? []) api.use(router);
  api.use(notFoundHandler);
  app.use('/api', api);
  for (const router of deps.rootRouters ?? []) app.use(router);

  if (deps.editorDir) {
    const editorDir = deps.editorDir;
    app.use(express.static(editorDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes: any other GET that wants HTML gets the app shell.
    app.get(/^\/(?!api\/|hooks\/|metrics$).*/, (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.sendFile(path.join(editorDir, 'index.html'));
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(deps.log));
  return app;
}
