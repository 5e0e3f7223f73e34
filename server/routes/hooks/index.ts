export { hookRoutes } from './hook-routes';
export type { HookRoutesDeps, WebhookLimits } from './hook-routes';
export { webhookAdminRoutes } from './webhook-admin-routes';
export type { WebhookAdminRoutesDeps } from './webhook-admin-routes';
export { webhookPublicationListener } from './webhook-listener';
export { webhooksOpenApi } from './webhooks-openapi';
