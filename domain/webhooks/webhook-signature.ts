import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a webhook signature is sent in unless the trigger names another. */
export const defaultSignatureHeader = 'X-Ledgerline-Signature';

/** How far a signature's timestamp may be from the server's clock, either way. */
export const signatureToleranceSeconds = 300;

/** What the header should hold, for error details. */
export const signatureFormat = 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." followed by the raw body>';

/**
 * The signature header of a raw request body at `timestamp` (unix seconds): `t=<timestamp>,v1=<hex>`,
 * the HMAC-SHA256 under the signing secret of the timestamp, a dot and the body, as Stripe signs. The
 * timestamp is signed with the body, so a captured request can't be replayed later with a new one.
 *
 * @example
 * signBody('llw_secret', Buffer.from('{"a":1}'), 1767225600); // 't=1767225600,v1=9f2c…'
 */
export function signBody(secret: string, body: Buffer, timestamp: number): string {
  return `t=${timestamp},v1=${digest(secret, body, String(timestamp))}`;
}

function digest(secret: string, body: Buffer, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** Why a signature header is refused, or `ok`. */
export type SignatureCheck = 'ok' | 'malformed' | 'stale' | 'mismatch';

/**
 * Checks a signature header against the body: well formed, its timestamp within
 * {@link signatureToleranceSeconds} of `now` (unix seconds), and one of its `v1` values the HMAC of
 * the timestamp and body, compared in constant time. Several `v1` values are allowed, so a sender
 * can sign with an old and a new secret during a rotation.
 */
export function checkSignature(secret: string, body: Buffer, header: string, now: number): SignatureCheck {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^[0-9]{1,12}$/.test(value)) timestamp = value;
    else if (key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0 || signatures.length > 4) return 'malformed';
  if (Math.abs(now - Number(timestamp)) > signatureToleranceSeconds) return 'stale';
  const expected = Buffer.from(digest(secret, body, timestamp));
  return signatures.some((given) => timingSafeEqual(Buffer.from(given.toLowerCase()), expected))
    ? 'ok'
    : 'mismatch';
}
