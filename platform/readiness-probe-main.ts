/*
 * The image's HEALTHCHECK: exits 0 when the API server on this machine answers 200 on
 * /api/health/ready (Temporal and the store answer, first-start preparation done), else 1.
 * It reads PORT itself: it runs beside the server, not inside it.
 */
const port = process.env.PORT ?? '3000';

fetch(`http://127.0.0.1:${port}/api/health/ready`, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
