import type { ErrorDetail } from '../../http/http-error';
import { HttpError } from '../../http/http-error';

/**
 * Refuses any object key that Mongo could read as an operator or a path (`$…` or containing `.`), at any
 * depth, before the body reaches validation or the store.
 *
 * @example
 * assertNoOperatorKeys({ name: { $gt: '' } }); // throws 400 with details [{ path: 'name.$gt', … }]
 */
export function assertNoOperatorKeys(body: unknown): void {
  const details: ErrorDetail[] = [];
  walk(body, '', details);
  if (details.length > 0)
    throw new HttpError('validation_failed', 'request body contains operator keys', details);
}

function walk(value: unknown, path: string, details: ErrorDetail[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, join(path, String(i)), details));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = join(path, key);
    if (key.startsWith('$') || key.includes('.')) {
      details.push({ path: childPath, message: 'field names may not start with $ or contain .' });
    } else walk(child, childPath, details);
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The body of a create or patch: a JSON object. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError('bad_request', 'request body must be a JSON object', [
      { path: '', message: 'must be a JSON object' },
    ]);
  }
  assertNoOperatorKeys(body);
  return body as Record<string, unknown>;
}

/**
 * Reads the version from `If-Match`: `3`, `"3"` and `W/"3"` all mean version 3. Absent means the
 * write applies to whatever version is current.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?([0-9]{1,15})"?\s*$/.exec(header);
  if (match === null) {
    throw new HttpError('bad_request', 'If-Match must be a record version such as "3"', [
      { path: 'If-Match', message: 'must be a version number, e.g. "3"' },
    ]);
  }
  return Number(match[1]);
}

/** What a record id looks like: ids in URLs and filters are checked against it before any lookup. */
export const recordIdPattern = /^[A-Za-z0-9_.:-]{1,200}$/;

/** The ETag of a record version. */
export function etag(version: number): string {
  return `"${version}"`;
}
