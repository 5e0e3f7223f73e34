import type { Role } from '../../schemas/vocabulary';

/** A user as stored: `email` is unique and lower-cased, `passwordHash` is argon2id. */
export interface UserDocument {
  _id: string;
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A user as the API shows it: never the password hash. */
export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
  password: string;
}

export interface UserPatch {
  name?: string;
  roles?: Role[];
  active?: boolean;
  password?: string;
}

/** A login session; `_id` is the sha256 of the session secret, which is never stored. */
export interface SessionDocument {
  _id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

/** An API token; `_id` is the sha256 of the token, which is shown once and never stored. */
export interface ApiTokenDocument {
  _id: string;
  userId: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/** An API token as listed: its id (the hash) but never the secret. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** The API view of a stored user. */
export function toUser(doc: UserDocument): User {
  return {
    id: doc._id,
    email: doc.email,
    name: doc.name,
    roles: doc.roles,
    active: doc.active,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** The API view of a stored token: no secret exists to leak, only its hash as the id. */
export function toApiToken(doc: ApiTokenDocument): ApiToken {
  return {
    id: doc._id,
    userId: doc.userId,
    name: doc.name,
    createdAt: doc.createdAt.toISOString(),
    lastUsedAt: doc.lastUsedAt?.toISOString() ?? null,
    expiresAt: doc.expiresAt?.toISOString() ?? null,
  };
}

/** Thrown when a new user's email is taken; the HTTP layer maps it to 409. */
export class DuplicateEmailError extends Error {
  override name = 'DuplicateEmailError';
  constructor(readonly email: string) {
    super(`A user with email ${email} already exists`);
  }
}
