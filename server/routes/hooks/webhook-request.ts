import type { Request } from 'express';
import { parseJsonText } from '../../http/json-body';
import { HttpError } from '../../http/http-error';

/** Headers that carry credentials: never handed to the run, whose history keeps its input. */
const credentialHeaders = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-ledgerline-token']);

/** The longest `Idempotency-Key` accepted; keys are hashed into the run id, so length is free. */
const maxIdempotencyKeyLength = 255;

/** The secret token a caller presents: `X-Ledgerline-Token: <token>` or `Authorization: Bearer <token>`. */
export function presentedToken(req: Request): string | undefined {
  const header = req.get('x-ledgerline-token')?.trim();
  if (header) return header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

/** The request's `Idempotency-Key`, or undefined; 400 when it is empty, too long or not printable. */
export function idempotencyKey(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > maxIdempotencyKeyLength || !/^[\x20-\x7e]+$/.test(key)) {
    throw new HttpError('bad_request', 'Idempotency-Key must be 1 to 255 printable ASCII characters', [
      { path: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' },
    ]);
  }
  return key;
}

/** The request headers a run sees as `$trigger.headers`: all but those carrying credentials. */
export function forwardedHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (credentialHeaders.has(name) || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function formPayload(text: string): Record<string, string | string[]> {
  const payload: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const previous = payload[key];
    payload[key] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return payload;
}

/**
 * The payload of a webhook body: JSON (`application/json`, `application/*+json`) or a form
 * (`application/x-www-form-urlencoded`, values as strings, repeated keys as arrays). Anything
 * else, or JSON that does not parse, is a 400 naming the problem.
 */
export function parsePayload(req: Request, body: Buffer): unknown {
  if (body.length === 0) {
    throw new HttpError('bad_request', 'Request body is empty', [
      { path: '', message: 'must be a JSON document or a form' },
    ]);
  }
  if (req.is(['application/json', 'application/*+json'])) return parseJsonText(body.toString('utf8'));
  if (req.is('application/x-www-form-urlencoded')) return formPayload(body.toString('utf8'));
  throw new HttpError(
    'bad_request',
    'Content-Type must be application/json or application/x-www-form-urlencoded',
    [{ path: 'Content-Type', message: `${req.get('content-type') ?? 'none'} is not supported` }],
  );
}
