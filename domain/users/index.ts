/** Accounts, login sessions and API tokens: the store the auth middleware and routes use. */
export { createUserStore, defaultSessionTtlMs } from './user-store';
export type { Caller, NewSession, UserStore } from './user-store';
export { ensureAdmin } from './ensure-admin';
export type { EnsureAdminResult } from './ensure-admin';
export { maxPasswordLength, minPasswordLength } from './passwords';
export { secretsEqual } from './secrets';
export type { AuditActor } from './user-audit';
export { DuplicateEmailError } from './user-types';
export type { ApiToken, NewUser, User, UserPatch } from './user-types';
