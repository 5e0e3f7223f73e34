export { buildOpenApi } from './build-openapi';
export type { OpenApiExtension, OpenApiOptions, PathItem } from './build-openapi';
export { errorResponses, json, pathParameter, ref } from './openapi-parts';
export { openApiRoutes } from './openapi-routes';
