export { credentialRoutes } from './credential-routes';
export type { CredentialRoutesDeps } from './credential-routes';
export { credentialsOpenApi } from './credentials-openapi';
