/** Authentication (who is calling) and authorisation (what they may do) for the API. */
export { authRoutes, defaultLoginRateLimit } from './auth-routes';
export type { LoginRateLimit } from './auth-routes';
export { createAuthenticate, getCaller } from './authenticate';
export { csrfHeaderName, sessionCookieName } from './session-cookie';
export { sessionRoutes } from './session-routes';
export { tokenRoutes } from './token-routes';
export { userRoutes } from './user-routes';
