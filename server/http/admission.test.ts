import type { AddressInfo } from 'node:net';
import express from 'express';
import { admission } from './admission';
import { errorHandler } from './error-handler';
import { createLogger } from '../../platform/logger';

/** An app whose one route holds its slot until `release` is called; counts the handlers that ran. */
async function serve(options: Parameters<typeof admission>[0]) {
  const releases: Array<() => void> = [];
  let ran = 0;
  const app = express();
  app.use(admission(options));
  app.get('/work', (_req, res) => {
    ran += 1;
    releases.push(() => res.json({ ok: true }));
  });
  app.use(errorHandler(createLogger({ level: 'silent', service: 'test' })));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/work`;
  return {
    url,
    ran: () => ran,
    releaseOne: () => releases.shift()?.(),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('admission', () => {
  it('runs up to the limit, queues the next, and answers 503 with Retry-After past the queue', async () => {
    const app = await serve({ concurrency: 1, queue: 1, maxWaitMs: 10_000 });
    const first = fetch(app.url);
    await tick();
    const second = fetch(app.url);
    await tick();
    const third = await fetch(app.url);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(await third.json()).toEqual({
      error: { code: 'unavailable', message: 'The server is busy; retry shortly', details: [] },
    });
    expect(app.ran()).toBe(1);
    app.releaseOne();
    expect((await first).status).toBe(200);
    await tick();
    app.releaseOne();
    expect((await second).status).toBe(200);
    expect(app.ran()).toBe(2);
    await app.close();
  });

  it('answers 503 when the wait for a slot outlasts maxWaitMs', async () => {
    const app = await serve({ concurrency: 1, queue: 5, maxWaitMs: 100 });
    const first = fetch(app.url);
    await tick();
    expect((await fetch(app.url)).status).toBe(503);
    app.releaseOne();
    await first;
    await app.close();
  });

  it('never runs a queued request whose client went away', async () => {
    const app = await serve({ concurrency: 1, queue: 5, maxWaitMs: 10_000 });
    const first = fetch(app.url);
    await tick();
    const abort = new AbortController();
    const gone = fetch(app.url, { signal: abort.signal }).catch(() => 'aborted');
    await tick();
    abort.abort();
    expect(await gone).toBe('aborted');
    await tick();
    app.releaseOne();
    expect((await first).status).toBe(200);
    const third = fetch(app.url);
    await tick();
    expect(app.ran()).toBe(2);
    app.releaseOne();
    expect((await third).status).toBe(200);
    await app.close();
  });
});
