import express, { type RequestHandler } from 'express';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../../platform/json-depth';
import { HttpError } from './http-error';

/**
 * Parses a JSON text from a request, refusing one nested deeper than the limit before anything
 * walks it: every later step (operator-key checks, validation, conversion to Temporal payloads)
 * recurses over the document, and a few thousand levels would overflow its stack.
 *
 * @example
 * parseJsonText('{"a": 1}'); // { a: 1 }
 */
export function parseJsonText(text: string): unknown {
  assertJsonDepth(text);
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    throw new HttpError('bad_request', 'Request body is not valid JSON', [
      { path: '', message: (error as Error).message },
    ]);
  }
}

/** Throws a 400 naming the first path that nests deeper than the limit. */
export function assertJsonDepth(text: string): void {
  const tooDeep = jsonTooDeep(text, MAX_JSON_DEPTH);
  if (tooDeep === undefined) return;
  throw new HttpError('bad_request', `Request body nests deeper than ${tooDeep.limit} levels`, [
    { path: tooDeep.path, message: `nests deeper than the limit of ${tooDeep.limit} levels` },
  ]);
}

/** express.json with the depth check run on the raw text first (body-parser's `verify` hook). */
export function jsonBodyParser(limit: string): RequestHandler {
  return express.json({
    limit,
    type: ['application/json', 'application/*+json'],
    verify: (_req, _res, buffer) => assertJsonDepth(buffer.toString('utf8')),
  });
}
