export { dashboardRoutes } from './dashboard-routes';
export type { DashboardRoutesDeps } from './dashboard-routes';
export { dashboardsOpenApi } from './dashboards-openapi';
