import type { RequestHandler } from 'express';
import { HttpError } from './http-error';

export interface AdmissionOptions {
  /** Requests doing store work at once; size it to the store connection pool. */
  concurrency: number;
  /** Requests waiting for a slot at most; more are answered 503 at once. */
  queue: number;
  /** Longest wait for a slot before a 503, in ms. */
  maxWaitMs: number;
  /** Seconds a 503 asks the client to wait (`Retry-After`). */
  retryAfterSeconds?: number;
}

/** Store connections of an API process; `main.ts` sizes its pool with it. */
export const storePoolSize = 32;

/**
 * The API server's bounds: as many requests at once as store connections, 256 more waiting at most
 * 5 s each; past them, 503 with Retry-After.
 */
export const defaultAdmission: AdmissionOptions = {
  concurrency: storePoolSize,
  queue: 256,
  maxWaitMs: 5_000,
};

/**
 * Bounds the API's store work so overload is answered, not stalled: at most `concurrency` requests
 * run at once and `queue` wait, each for at most `maxWaitMs`; any other request gets
 * `503 unavailable` with `Retry-After`. A waiting request whose client went away leaves the queue
 * without ever touching the store, so a backlog of abandoned requests cannot keep the store busy.
 *
 * @example
 * api.use(admission({ concurrency: 16, queue: 64, maxWaitMs: 2000 }));
 */
export function admission(options: AdmissionOptions): RequestHandler {
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  let running = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    const next = waiting.shift();
    if (next === undefined) running -= 1;
    else next();
  }

  return (req, res, next) => {
    const start = () => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        release();
      };
      res.once('finish', finish);
      res.once('close', finish);
      next();
    };
    if (running < options.concurrency) {
      running += 1;
      start();
      return;
    }
    const refuse = (message: string) => {
      res.setHeader('Retry-After', retryAfter);
      next(new HttpError('unavailable', message));
    };
    if (waiting.length >= options.queue) {
      refuse('The server is busy; retry shortly');
      return;
    }
    let settled = false;
    const slot = () => {
      if (settled) {
        release();
        return;
      }
      settled = true;
      clearTimeout(timer);
      start();
    };
    const leave = (then: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const index = waiting.indexOf(slot);
      if (index >= 0) waiting.splice(index, 1);
      then();
    };
    const timer = setTimeout(
      () => leave(() => refuse('The server is busy; retry shortly')),
      options.maxWaitMs,
    );
    // The response closes before it ended only when the client went away.
    res.once('close', () => {
      if (!res.writableEnded) leave(() => undefined);
    });
    waiting.push(slot);
  };
}
