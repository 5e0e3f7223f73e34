import { Router } from 'express';

export interface HealthChecks {
  temporal: () => Promise<void>;
  store: () => Promise<void>;
}

type CheckResult = { status: 'ok' } | { status: 'down'; error: string };

async function check(probe: () => Promise<void>, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'ok' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /api/health`: 200 when Temporal and the store answer, 503 naming the one that does not. */
export function healthRoutes(checks: HealthChecks, timeoutMs = 2000): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [temporal, store] = await Promise.all([
      check(checks.temporal, timeoutMs),
      check(checks.store, timeoutMs),
    ]);
    const ok = temporal.status === 'ok' && store.status === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', dependencies: { temporal, store } });
  });
  return router;
}
