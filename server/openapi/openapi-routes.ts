import { Router } from 'express';
import { buildOpenApi, type OpenApiOptions } from './build-openapi';

/**
 * Serves `GET /openapi.json` (under `/api`). The document is built once, at router creation.
 *
 * @example
 * createApp({ …, publicApiRouters: [openApiRoutes({ extensions: [workflowOpenApi] })] });
 */
export function openApiRoutes(options: OpenApiOptions = {}): Router {
  const document = buildOpenApi(options);
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
