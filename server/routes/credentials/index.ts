export { credentialRoutes } from './credential-routes';
export type { CredentialRoutesDeps } from './credential-routes';
