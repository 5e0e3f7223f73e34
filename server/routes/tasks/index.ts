export { taskRoutes } from './task-routes';
export type { TaskRoutesDeps } from './task-routes';
