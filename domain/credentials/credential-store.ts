import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { openSecret, sealSecret } from '../secrets';
import {
  credentialsCollection,
  credentialSealContext,
  credentialView,
  maskedHint,
  type CredentialDocument,
  type CredentialView,
  type OpenedCredential,
} from './credential-documents';
import { CredentialInputError, CredentialNameTakenError, CredentialNotFoundError } from './credential-errors';
import {
  credentialKinds,
  credentialKindSpecs,
  fieldProblems,
  isCredentialKind,
  type CredentialInputProblem,
  type CredentialKind,
} from './credential-kinds';

export type CredentialStore = ReturnType<typeof createCredentialStore>;

/** Who writes: the user id goes on the document. */
export interface CredentialActor {
  userId: string;
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

function objectProblems(value: unknown, allowed: string[]): CredentialInputProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [{ path: '', message: 'must be a JSON object' }];
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ path: key, message: 'is not a known field' }));
}

/** The validated create input, or a CredentialInputError with every problem. */
function parseCreate(input: unknown): {
  name: string;
  kind: CredentialKind;
  description?: string;
  settings: Record<string, string>;
  secret: Record<string, string>;
} {
  const problems = objectProblems(input, ['name', 'kind', 'description', 'settings', 'secret']);
  if (problems.length > 0) throw new CredentialInputError(problems);
  const { name, kind, description, settings, secret } = input as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
    problems.push({ path: 'name', message: 'must be a non-empty string of at most 200 characters' });
  if (description !== undefined && (typeof description !== 'string' || description.length > 2000))
    problems.push({ path: 'description', message: 'must be a string of at most 2000 characters' });
  if (!isCredentialKind(kind)) {
    problems.push({ path: 'kind', message: `must be one of ${credentialKinds.join(', ')}` });
    throw new CredentialInputError(problems);
  }
  problems.push(...fieldProblems(kind, 'settings', settings ?? {}), ...fieldProblems(kind, 'secret', secret));
  if (problems.length > 0) throw new CredentialInputError(problems);
  return {
    name: (name as string).trim(),
    kind,
    ...(typeof description === 'string' ? { description } : {}),
    settings: (settings ?? {}) as Record<string, string>,
    secret: secret as Record<string, string>,
  };
}

function hintOf(kind: CredentialKind, secret: Record<string, string>): string {
  const main = credentialKindSpecs[kind].secret[0];
  return maskedHint(main === undefined ? '' : (secret[main.name] ?? ''));
}

/**
 * The credentials store: secrets sealed with AES-256-GCM under `secretsKey` (SECRETS_KEY), bound
 * to the credential's id. Only `open` returns a secret, and only the worker calls it.
 */
export function createCredentialStore(
  db: Db,
  secretsKey: Buffer | (() => Buffer),
  options: { now?: () => Date } = {},
) {
  const key = () => (typeof secretsKey === 'function' ? secretsKey() : secretsKey);
  const credentials = db.collection<CredentialDocument>(credentialsCollection);
  const now = () => (options.now ?? (() => new Date()))().toISOString();

  async function find(id: string): Promise<CredentialDocument> {
    const found = await credentials.findOne({ _id: id });
    if (!found) throw new CredentialNotFoundError(id);
    return found;
  }

  return {
    async ensureIndexes(): Promise<void> {
      await credentials.createIndex({ name: 1 }, { unique: true });
    },

    /** Stores a new credential; the secret is accepted here and on rotation only. */
    async create(input: unknown, actor: CredentialActor): Promise<CredentialView> {
      const parsed = parseCreate(input);
      const id = `cred_${randomBytes(9).toString('base64url')}`;
      const document: CredentialDocument = {
        _id: id,
        name: parsed.name,
        kind: parsed.kind,
        ...(parsed.description === undefined ? {} : { description: parsed.description }),
        settings: parsed.settings,
        sealed: sealSecret(key(), JSON.stringify(parsed.secret), credentialSealContext(id)),
        hint: hintOf(parsed.kind, parsed.secret),
        createdAt: now(),
        createdBy: actor.userId,
        secretVersion: 1,
      };
      try {
        await credentials.insertOne(document);
      } catch (error: unknown) {
        if (isDuplicateKey(error)) throw new CredentialNameTakenError(parsed.name);
        throw error;
      }
      return credentialView(document);
    },

    async list(): Promise<CredentialView[]> {
      const all = await credentials.find({}).sort({ name: 1 }).toArray();
      return all.map(credentialView);
    },

    async get(id: string): Promise<CredentialView> {
      return credentialView(await find(id));
    },

    /** Replaces the secret fields; runs use the new secret from their next request on. */
    async rotate(id: string, input: unknown, actor: CredentialActor): Promise<CredentialView> {
      const current = await find(id);
      const problems = objectProblems(input, ['secret']);
      if (problems.length === 0)
        problems.push(...fieldProblems(current.kind, 'secret', (input as { secret?: unknown }).secret));
      if (problems.length > 0) throw new CredentialInputError(problems);
      const secret = (input as { secret: Record<string, string> }).secret;
      const at = now();
      const updated = await credentials.findOneAndUpdate(
        { _id: id },
        {
          $set: {
            sealed: sealSecret(key(), JSON.stringify(secret), credentialSealContext(id)),
            hint: hintOf(current.kind, secret),
            rotatedAt: at,
            rotatedBy: actor.userId,
          },
          $inc: { secretVersion: 1 },
        },
        { returnDocument: 'after' },
      );
      if (!updated) throw new CredentialNotFoundError(id);
      return credentialView(updated);
    },

    async remove(id: string): Promise<void> {
      const { deletedCount } = await credentials.deleteOne({ _id: id });
      if (deletedCount === 0) throw new CredentialNotFoundError(id);
    },

    /** The credential with its secret in clear, for the worker to apply to one request. */
    async open(id: string): Promise<OpenedCredential> {
      const document = await find(id);
      const secret = JSON.parse(openSecret(key(), document.sealed, credentialSealContext(id))) as Record<
        string,
        string
      >;
      return {
        id,
        kind: document.kind,
        settings: document.settings,
        secret,
        secretVersion: document.secretVersion,
      };
    },
  };
}
