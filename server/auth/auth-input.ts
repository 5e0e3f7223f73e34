import { maxPasswordLength, minPasswordLength, type NewUser, type UserPatch } from '../../domain/users';
import { HttpError, type ErrorDetail } from '../http/http-error';
import { roles, type Role } from './actor';

type Body = Record<string, unknown>;

const emailPattern = /^[^\s@]+@[^\s@]+$/;

/**
 * Field checks at the HTTP boundary. Each reader records a detail with the field's path on a
 * mistake; `done` throws one 400 listing them all.
 */
class BodyReader {
  readonly details: ErrorDetail[] = [];
  readonly body: Body;

  constructor(body: unknown, allowed: string[]) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError('validation_failed', 'Request body must be a JSON object', [
        { path: '', message: 'must be an object' },
      ]);
    }
    this.body = body as Body;
    for (const key of Object.keys(this.body)) {
      if (!allowed.includes(key)) this.details.push({ path: `/${key}`, message: 'is not an allowed field' });
    }
  }

  private fail(field: string, message: string): undefined {
    this.details.push({ path: `/${field}`, message });
    return undefined;
  }

  string(field: string, opts: { required: boolean; min?: number; max: number }): string | undefined {
    const value = this.body[field];
    if (value === undefined) return opts.required ? this.fail(field, 'is required') : undefined;
    if (typeof value !== 'string') return this.fail(field, 'must be a string');
    const min = opts.min ?? 1;
    if (value.length < min) return this.fail(field, `must be at least ${min} characters`);
    if (value.length > opts.max) return this.fail(field, `must be at most ${opts.max} characters`);
    return value;
  }

  email(field: string, required: boolean): string | undefined {
    const value = this.string(field, { required, max: 254 });
    if (value !== undefined && !emailPattern.test(value.trim())) return this.fail(field, 'must be an email');
    return value?.trim();
  }

  password(field: string, required: boolean): string | undefined {
    return this.string(field, { required, min: minPasswordLength, max: maxPasswordLength });
  }

  roles(field: string, required: boolean): Role[] | undefined {
    const value = this.body[field];
    if (value === undefined) return required ? this.fail(field, 'is required') : undefined;
    if (!Array.isArray(value)) return this.fail(field, 'must be an array of roles');
    const before = this.details.length;
    value.forEach((role, i) => {
      if (!roles.includes(role as Role)) {
        this.details.push({ path: `/${field}/${i}`, message: `must be one of: ${roles.join(', ')}` });
      }
    });
    return this.details.length === before ? (value as Role[]) : undefined;
  }

  boolean(field: string): boolean | undefined {
    const value = this.body[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') return this.fail(field, 'must be a boolean');
    return value;
  }

  integer(field: string, min: number, max: number): number | undefined {
    const value = this.body[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return this.fail(field, `must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  done(): void {
    if (this.details.length > 0)
      throw new HttpError('validation_failed', 'Invalid request body', this.details);
  }
}

/** `{email, password}` of a login; no length rules here, so they reveal nothing about accounts. */
export function readLogin(body: unknown): { email: string; password: string } {
  const reader = new BodyReader(body, ['email', 'password']);
  const email = reader.string('email', { required: true, max: 254 });
  const password = reader.string('password', { required: true, max: maxPasswordLength });
  reader.done();
  return { email: email!, password: password! };
}

export function readNewUser(body: unknown): NewUser {
  const reader = new BodyReader(body, ['email', 'name', 'roles', 'password']);
  const email = reader.email('email', true);
  const name = reader.string('name', { required: true, max: 200 });
  const userRoles = reader.roles('roles', true);
  const password = reader.password('password', true);
  reader.done();
  return { email: email!, name: name!, roles: userRoles!, password: password! };
}

export function readUserPatch(body: unknown): UserPatch {
  const reader = new BodyReader(body, ['name', 'roles', 'active', 'password']);
  const patch: UserPatch = {
    name: reader.string('name', { required: false, max: 200 }),
    roles: reader.roles('roles', false),
    active: reader.boolean('active'),
    password: reader.password('password', false),
  };
  reader.done();
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}

/** `{name, expiresInDays?, userId?}` of a new API token. */
export function readNewToken(body: unknown): { name: string; expiresInDays?: number; userId?: string } {
  const reader = new BodyReader(body, ['name', 'expiresInDays', 'userId']);
  const name = reader.string('name', { required: true, max: 200 });
  const expiresInDays = reader.integer('expiresInDays', 1, 3650);
  const userId = reader.string('userId', { required: false, max: 100 });
  reader.done();
  return {
    name: name!,
    ...(expiresInDays === undefined ? {} : { expiresInDays }),
    ...(userId === undefined ? {} : { userId }),
  };
}
