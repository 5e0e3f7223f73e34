export { runRoutes } from './run-routes';
export type { RunRoutesDeps } from './run-routes';
export { runStatuses } from './run-status';
export type { RunStatus } from './run-status';
export type { RunView, TemporalUiLink } from './run-view';
