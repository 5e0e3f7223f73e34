/** One field-level problem in an API error, e.g. `{ path: 'lines.0.quantity', message: 'must be >= 1' }`. */
export interface ApiErrorDetail {
  path: string;
  message: string;
}

/** An error answer of the API, in its one error shape `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Remembers the CSRF token of the session; every cookie-authenticated write must echo it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when any request answers 401, so the shell can show the login page. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** Answers 401 without telling the shell; the session probe and login use it. */
  quiet401?: boolean;
}

/**
 * Calls the Ledgerline API with the session cookie and, on writes, the CSRF header.
 * Resolves with the parsed JSON body (undefined for 204) or rejects with an {@link ApiError}.
 *
 * @example
 * const { items } = await api<{ items: unknown[] }>('/api/entities/account?limit=20');
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  Object.assign(headers, options.headers);
  if (method !== 'GET' && csrfToken !== undefined) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const body: unknown = text === '' ? undefined : parseJson(text);
  if (!response.ok) {
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw toApiError(response.status, body);
  }
  return body as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  const details = Array.isArray(error?.details)
    ? (error.details as unknown[]).filter(isDetail).map((d) => ({ path: d.path, message: d.message }))
    : [];
  return new ApiError(
    status,
    typeof error?.code === 'string' ? error.code : `http_${status}`,
    typeof error?.message === 'string' ? error.message : `Request failed with status ${status}`,
    details,
  );
}

function isDetail(value: unknown): value is ApiErrorDetail {
  const detail = value as Partial<ApiErrorDetail> | null;
  return typeof detail?.path === 'string' && typeof detail.message === 'string';
}

/** The message to show a user for anything a request threw. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
