export { buildOpenApi } from './build-openapi';
export type { OpenApiExtension, OpenApiOptions, PathItem } from './build-openapi';
export { openApiRoutes } from './openapi-routes';
