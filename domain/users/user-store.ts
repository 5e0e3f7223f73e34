import { randomUUID } from 'node:crypto';
import { MongoServerError, type Db } from 'mongodb';
import { hashPassword, verifyPassword } from './passwords';
import { hashSecret, newSecret, secretKind } from './secrets';
import { appendUserAudit, type AuditActor } from './user-audit';
import {
  DuplicateEmailError,
  toApiToken,
  toUser,
  type ApiToken,
  type ApiTokenDocument,
  type NewUser,
  type SessionDocument,
  type User,
  type UserDocument,
  type UserPatch,
} from './user-types';

/** Sessions last this long unless the store is told otherwise. */
export const defaultSessionTtlMs = 12 * 60 * 60 * 1000;
/** `lastUsedAt` of a token is written at most this often, so every call is not a write. */
const lastUsedResolutionMs = 60 * 1000;

/** Who a presented secret belongs to, and through what. */
export type Caller =
  { user: User; via: 'session'; session: SessionDocument } | { user: User; via: 'token'; token: ApiToken };

export interface NewSession {
  /** The secret for the cookie and the bearer header; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export type UserStore = ReturnType<typeof createUserStore>;

const normaliseEmail = (email: string) => email.trim().toLowerCase();

function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/**
 * Users, login sessions and API tokens over the store. Only single-document atomic writes and
 * unique indexes (the store has no transactions); every user and token change is audited.
 *
 * @example
 * const users = createUserStore(db);
 * await users.ensureIndexes();
 * const user = await users.verifyCredentials('ada@example.com', 'correct horse battery');
 */
export function createUserStore(db: Db, options: { sessionTtlMs?: number; now?: () => Date } = {}) {
  const usersCol = db.collection<UserDocument>('users');
  const sessionsCol = db.collection<SessionDocument>('sessions');
  const tokensCol = db.collection<ApiTokenDocument>('apiTokens');

  /** Deletes a token with its audit entry; false when there was none. */
  async function revokeToken(id: string, actor: AuditActor, reason?: string): Promise<boolean> {
    const deleted = await tokensCol.findOneAndDelete({ _id: id });
    if (!deleted) return false;
    await appendUserAudit(db, {
      actor,
      action: 'apiToken.deleted',
      resource: 'apiToken',
      resourceId: id,
      diff: {
        userId: { from: deleted.userId },
        name: { from: deleted.name },
        ...(reason === undefined ? {} : { reason: { to: reason } }),
      },
    });
    return true;
  }
  const sessionTtlMs = options.sessionTtlMs ?? defaultSessionTtlMs;
  const now = options.now ?? (() => new Date());

  async function findActiveUser(id: string): Promise<User | undefined> {
    const doc = await usersCol.findOne({ _id: id, active: true });
    return doc ? toUser(doc) : undefined;
  }

  async function resolveSession(secret: string): Promise<Caller | undefined> {
    const session = await sessionsCol.findOne({ _id: hashSecret(secret) });
    if (!session) return undefined;
    // The TTL index removes expired sessions only eventually (or not at all on some stores).
    if (session.expiresAt <= now()) {
      await sessionsCol.deleteOne({ _id: session._id });
      return undefined;
    }
    const user = await findActiveUser(session.userId);
    return user && { user, via: 'session', session };
  }

  async function resolveToken(secret: string): Promise<Caller | undefined> {
    const doc = await tokensCol.findOne({ _id: hashSecret(secret) });
    const at = now();
    if (!doc || (doc.expiresAt && doc.expiresAt <= at)) return undefined;
    const user = await findActiveUser(doc.userId);
    if (!user) return undefined;
    if (!doc.lastUsedAt || at.getTime() - doc.lastUsedAt.getTime() > lastUsedResolutionMs) {
      await tokensCol.updateOne({ _id: doc._id }, { $set: { lastUsedAt: at } });
      doc.lastUsedAt = at;
    }
    return { user, via: 'token', token: toApiToken(doc) };
  }

  return {
    /** Unique email, token lookups by user, and expiry of sessions where the store supports TTL. */
    async ensureIndexes(): Promise<void> {
      await usersCol.createIndex({ email: 1 }, { unique: true });
      await tokensCol.createIndex({ userId: 1 });
      await sessionsCol.createIndex({ userId: 1 });
      // FerretDB v1 refuses TTL indexes ("not implemented yet"); expiry is checked on every read
      // and a user's expired sessions are swept at their next login, so nothing depends on it.
      await sessionsCol.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }).catch(() => undefined);
    },

    async listUsers(): Promise<User[]> {
      const docs = await usersCol.find({}).sort({ email: 1 }).toArray();
      return docs.map(toUser);
    },

    async getUser(id: string): Promise<User | undefined> {
      const doc = await usersCol.findOne({ _id: id });
      return doc ? toUser(doc) : undefined;
    },

    async hasAdmin(): Promise<boolean> {
      return (await usersCol.countDocuments({ roles: 'admin' }, { limit: 1 })) > 0;
    },

    /** Creates a user; throws {@link DuplicateEmailError} when the email is taken. */
    async createUser(input: NewUser, actor: AuditActor): Promise<User> {
      const at = now();
      const doc: UserDocument = {
        _id: randomUUID(),
        email: normaliseEmail(input.email),
        name: input.name,
        roles: [...new Set(input.roles)],
        passwordHash: await hashPassword(input.password),
        active: true,
        createdAt: at,
        updatedAt: at,
      };
      try {
        await usersCol.insertOne(doc);
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateEmailError(doc.email);
        throw error;
      }
      await appendUserAudit(db, {
        actor,
        action: 'user.created',
        resource: 'user',
        resourceId: doc._id,
        diff: {
          email: { to: doc.email },
          name: { to: doc.name },
          roles: { to: doc.roles },
          active: { to: true },
        },
      });
      return toUser(doc);
    },

    /**
     * Applies the patch and audits what changed. Deactivating a user or changing their
     * password ends all of their sessions. Undefined when the user does not exist.
     */
    async updateUser(id: string, patch: UserPatch, actor: AuditActor): Promise<User | undefined> {
      const set: Partial<UserDocument> = { updatedAt: now() };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.roles !== undefined) set.roles = [...new Set(patch.roles)];
      if (patch.active !== undefined) set.active = patch.active;
      if (patch.password !== undefined) set.passwordHash = await hashPassword(patch.password);
      const before = await usersCol.findOneAndUpdate({ _id: id }, { $set: set });
      if (!before) return undefined;
      const after: UserDocument = { ...before, ...set };
      const diff: Record<string, { from?: unknown; to?: unknown }> = {};
      for (const field of ['name', 'roles', 'active'] as const) {
        if (set[field] !== undefined && JSON.stringify(before[field]) !== JSON.stringify(set[field])) {
          diff[field] = { from: before[field], to: set[field] };
        }
      }
      if (set.passwordHash !== undefined) diff.password = { to: '(changed)' };
      if (Object.keys(diff).length > 0) {
        const action = diff.roles ? 'user.roleChanged' : 'user.updated';
        await appendUserAudit(db, { actor, action, resource: 'user', resourceId: id, diff });
      }
      if (set.active === false || set.passwordHash !== undefined) {
        await sessionsCol.deleteMany({ userId: id });
        // A token outliving a password reset or a deactivation would keep the old access alive.
        const reason = set.passwordHash !== undefined ? 'password changed' : 'user deactivated';
        for (const token of await tokensCol.find({ userId: id }, { projection: { _id: 1 } }).toArray()) {
          await revokeToken(token._id, actor, reason);
        }
      }
      return toUser(after);
    },

    /** The active user with this email and password, or undefined, in the same time either way. */
    async verifyCredentials(email: string, password: string): Promise<User | undefined> {
      const doc = await usersCol.findOne({ email: normaliseEmail(email), active: true });
      const ok = await verifyPassword(doc?.passwordHash, password);
      return ok && doc ? toUser(doc) : undefined;
    },

    async createSession(userId: string): Promise<NewSession> {
      const token = newSecret('session');
      const csrfToken = newSecret('csrf');
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + sessionTtlMs);
      await sessionsCol.deleteMany({ userId, expiresAt: { $lte: createdAt } });
      await sessionsCol.insertOne({ _id: hashSecret(token), userId, csrfToken, createdAt, expiresAt });
      return { token, csrfToken, expiresAt };
    },

    async deleteSession(sessionId: string): Promise<void> {
      await sessionsCol.deleteOne({ _id: sessionId });
    },

    /** Who a session secret or API token belongs to; undefined if unknown, expired or inactive. */
    async resolveSecret(secret: string): Promise<Caller | undefined> {
      switch (secretKind(secret)) {
        case 'session':
          return resolveSession(secret);
        case 'apiToken':
          return resolveToken(secret);
        default:
          return undefined;
      }
    },

    /** Creates an API token; the returned `secret` is the only time it exists outside the caller. */
    async createApiToken(
      input: { userId: string; name: string; expiresAt: Date | null },
      actor: AuditActor,
    ): Promise<ApiToken & { token: string }> {
      const token = newSecret('apiToken');
      const doc: ApiTokenDocument = {
        _id: hashSecret(token),
        userId: input.userId,
        name: input.name,
        createdAt: now(),
        lastUsedAt: null,
        expiresAt: input.expiresAt,
      };
      await tokensCol.insertOne(doc);
      await appendUserAudit(db, {
        actor,
        action: 'apiToken.created',
        resource: 'apiToken',
        resourceId: doc._id,
        diff: { userId: { to: doc.userId }, name: { to: doc.name }, expiresAt: { to: doc.expiresAt } },
      });
      return { ...toApiToken(doc), token };
    },

    async listApiTokens(filter: { userId?: string } = {}): Promise<ApiToken[]> {
      const query = filter.userId === undefined ? {} : { userId: filter.userId };
      const docs = await tokensCol.find(query).sort({ createdAt: 1 }).toArray();
      return docs.map(toApiToken);
    },

    async getApiToken(id: string): Promise<ApiToken | undefined> {
      const doc = await tokensCol.findOne({ _id: id });
      return doc ? toApiToken(doc) : undefined;
    },

    /** Deletes the token; false when there was none. */
    deleteApiToken(id: string, actor: AuditActor): Promise<boolean> {
      return revokeToken(id, actor);
    },
  };
}
