import { Router } from 'express';

export interface HealthChecks {
  temporal: () => Promise<void>;
  store: () => Promise<void>;
  /**
   * True once first-start preparation (indexes, the admin account) is done; readiness waits for
   * it. Absent means nothing to wait for.
   */
  prepared?: () => boolean;
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

/**
 * `GET /api/health`: 200 when Temporal and the store answer, 503 naming the one that does not.
 * `GET /api/health/live`: 200 while the process serves requests at all (a liveness probe).
 * `GET /api/health/ready`: 200 only when both dependencies answer and first-start preparation is
 * done, so a load balancer or a client logging in as the admin is never early (a readiness probe).
 */
export function healthRoutes(checks: HealthChecks, timeoutMs = 2000): Router {
  const router = Router();
  const dependencies = async () => {
    const [temporal, store] = await Promise.all([
      check(checks.temporal, timeoutMs),
      check(checks.store, timeoutMs),
    ]);
    return { temporal, store, ok: temporal.status === 'ok' && store.status === 'ok' };
  };
  router.get('/health', async (_req, res) => {
    const { temporal, store, ok } = await dependencies();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', dependencies: { temporal, store } });
  });
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const { temporal, store, ok } = await dependencies();
    const prepared = checks.prepared?.() ?? true;
    const ready = ok && prepared;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      dependencies: { temporal, store },
      preparation: { status: prepared ? 'done' : 'pending' },
    });
  });
  return router;
}
