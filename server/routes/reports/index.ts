export { reportRoutes } from './report-routes';
export type { ReportRoutesDeps } from './report-routes';
export { reportsOpenApi } from './reports-openapi';
