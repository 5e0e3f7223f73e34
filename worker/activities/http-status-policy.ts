import { ApplicationFailure } from '@temporalio/activity';

/** Statuses retried by default: the server asks for patience or is briefly unavailable. */
export const defaultRetryOn: readonly number[] = [408, 425, 429, 500, 502, 503, 504];

/** Statuses that fail the node by default: every client and server error. */
export const defaultFailOn: readonly string[] = ['4xx', '5xx'];

/** How much of a failed response's body the error keeps. */
const maxErrorBodyChars = 2_000;

/** The parts of a response the policy reads. */
export interface PolicyResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** `503`, `"503"` or a class such as `"5xx"`: whether `status` is one of the specs. */
export function statusMatches(status: number, specs: readonly (string | number)[]): boolean {
  return specs.some((spec) => {
    const text = String(spec).toLowerCase();
    return /^[1-5]xx$/.test(text) ? Math.floor(status / 100) === Number(text[0]) : Number(text) === status;
  });
}

/**
 * Applies `failOn` and `retryOn` to a final response: returns quietly when the status is a
 * success for this node, else throws the failure Temporal's retry policy acts on. A status in
 * `retryOn` is retryable and waits as long as `Retry-After` asks (seconds or an HTTP date); any
 * other failing status is not. The failure carries `{status, headers, body}` (body cut to 2,000
 * characters) as its details, which the run hands to the error port as `$error.status` and so on.
 *
 * @example
 * applyStatusPolicy({ status: 503, headers: { 'retry-after': '2' }, body: '' }, {}); // throws, retryable after 2 s
 */
export function applyStatusPolicy(
  response: PolicyResponse,
  params: { failOn?: unknown; retryOn?: unknown },
  now: number = Date.now(),
): void {
  const failOn = Array.isArray(params.failOn) ? (params.failOn as (string | number)[]) : defaultFailOn;
  const retryOn = Array.isArray(params.retryOn) ? (params.retryOn as (string | number)[]) : defaultRetryOn;
  if (!statusMatches(response.status, failOn)) return;
  const retryable = statusMatches(response.status, retryOn);
  const delayMs = retryable ? retryAfterMs(response.headers['retry-after'], now) : undefined;
  throw ApplicationFailure.create({
    message: `http.request: the server answered ${response.status}`,
    type: 'HttpStatus',
    nonRetryable: !retryable,
    details: [{ status: response.status, headers: response.headers, body: truncated(response.body) }],
    ...(delayMs === undefined ? {} : { nextRetryDelay: delayMs }),
  });
}

/** `Retry-After` as milliseconds from now: delta seconds or an HTTP date; undefined when absent or bad. */
export function retryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function truncated(body: unknown): unknown {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (text === undefined || text.length <= maxErrorBodyChars) return body;
  return `${text.slice(0, maxErrorBodyChars)}…`;
}
