import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a webhook signature is sent in unless the trigger names another. */
export const defaultSignatureHeader = 'X-Ledgerline-Signature';

/**
 * The signature of a raw request body: `sha256=` and the hex HMAC-SHA256 under the signing secret.
 *
 * @example
 * signBody('llw_secret', Buffer.from('{"a":1}')); // 'sha256=5c0e…'
 */
export function signBody(secret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Whether `header` is the signature of `body`, compared in constant time. */
export function signatureMatches(secret: string, body: Buffer, header: string): boolean {
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
