export { scheduleRoutes } from './schedule-routes';
export type { ScheduleRoutesDeps } from './schedule-routes';
export { schedulePublicationListener } from './schedule-listener';
export { schedulesOpenApi } from './schedules-openapi';
