import { createHash } from 'node:crypto';

/**
 * A page cursor: Temporal's visibility page token, bound to the query it pages through, so a cursor
 * replayed with other filters is refused as a 400 rather than handed to Temporal.
 */
interface CursorBody {
  /** The visibility page token, base64. */
  t: string;
  /** The first hex digits of the query's SHA-256. */
  q: string;
}

function fingerprint(query: string): string {
  return createHash('sha256').update(query).digest('hex').slice(0, 16);
}

/** The opaque cursor of the page after this one. */
export function encodeCursor(token: Uint8Array, query: string): string {
  const body: CursorBody = { t: Buffer.from(token).toString('base64'), q: fingerprint(query) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The page token inside a cursor of `query`, or undefined when the cursor is not one. */
export function decodeCursor(cursor: string, query: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]{1,8000}$/.test(cursor)) return undefined;
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
    if (typeof body.t !== 'string' || body.q !== fingerprint(query) || body.t === '') return undefined;
    return Buffer.from(body.t, 'base64');
  } catch {
    return undefined;
  }
}
