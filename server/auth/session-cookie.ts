import type { Request, Response } from 'express';

/** The session cookie's name; its value is the same `lls_` secret the login returns as `token`. */
export const sessionCookieName = 'll_session';
/** The header cookie-authenticated writes must carry, equal to the session's `csrfToken`. */
export const csrfHeaderName = 'x-csrf-token';

/**
 * httpOnly so scripts cannot read it, SameSite=Lax so cross-site writes do not carry it, and
 * Secure when the request came over https (directly or through a trusted proxy).
 */
export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  res.cookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

/** The session cookie's value, read from the raw header (the app mounts no cookie parser). */
export function readSessionCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === sessionCookieName) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
