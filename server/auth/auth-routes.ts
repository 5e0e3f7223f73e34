import { Router, type Request } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import type { UserStore } from '../../domain/users';
import type { Logger } from '../../platform/logger';
import { HttpError } from '../http/http-error';
import { readLogin } from './auth-input';
import { setSessionCookie } from './session-cookie';

export interface LoginRateLimit {
  windowMs: number;
  /** Failed attempts per window for one IP and email. */
  perEmail: number;
  /** Attempts per window for one IP over all emails (password spraying). */
  perIp: number;
  /** Failed attempts per window for one email from any address (guessing from many addresses). */
  perAccount: number;
}

export const defaultLoginRateLimit: LoginRateLimit = {
  windowMs: 60_000,
  perEmail: 10,
  perIp: 100,
  perAccount: 30,
};

function ipOf(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown');
}

function emailOf(req: Request): string {
  const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

function limiter(windowMs: number, limit: number, key: (req: Request) => string, skipSuccessful: boolean) {
  return rateLimit({
    windowMs,
    limit,
    skipSuccessfulRequests: skipSuccessful,
    keyGenerator: key,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => {
      next(new HttpError('rate_limited', 'Too many login attempts; try again later'));
    },
  });
}

/**
 * The public auth router: `POST /auth/login {email, password}` answers 200 with
 * `{token, csrfToken, expiresAt, user}` and sets the `ll_session` cookie; wrong credentials get
 * one generic 401 whether or not the email exists. Mount it in `publicApiRouters`.
 *
 * @example
 * createApp({ log, health, publicApiRouters: [authRoutes({ users, log })], authenticate, apiRouters });
 */
export function authRoutes(deps: { users: UserStore; log: Logger; loginRateLimit?: LoginRateLimit }): Router {
  const limits = deps.loginRateLimit ?? defaultLoginRateLimit;
  const router = Router();
  router.post(
    '/auth/login',
    // Every attempt costs an argon2 hash, so the per-IP limit counts successes too.
    limiter(limits.windowMs, limits.perIp, ipOf, false),
    limiter(limits.windowMs, limits.perEmail, (req) => `${ipOf(req)}|${emailOf(req)}`, true),
    limiter(limits.windowMs, limits.perAccount, (req) => `account|${emailOf(req)}`, true),
    async (req, res) => {
      const { email, password } = readLogin(req.body);
      const user = await deps.users.verifyCredentials(email, password);
      if (!user) {
        deps.log.info({ email: email.trim().toLowerCase(), ip: req.ip }, 'login failed');
        throw new HttpError('unauthorized', 'Email or password is wrong');
      }
      const session = await deps.users.createSession(user.id);
      setSessionCookie(req, res, session.token, session.expiresAt);
      res.set('Cache-Control', 'no-store');
      res.json({
        token: session.token,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
        user: { id: user.id, email: user.email, name: user.name, roles: user.roles },
      });
    },
  );
  return router;
}
