export { workflowRoutes } from './workflow-routes';
export type { PublicationChange, PublicationListener, WorkflowRoutesDeps } from './workflow-routes';
export { defaultTemplatesDir, listTemplates, loadTemplate } from './template-catalog';
export type { TemplateSummary } from './template-catalog';
