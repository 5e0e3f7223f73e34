export { entityRoutes } from './entity-routes';
export type { EntityRoutesDeps } from './entity-routes';
export type { AccountRelated } from './account-related';
