import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { jsonTooDeep } from '../../platform/json-depth';
import { ApplicationFailure } from '@temporalio/activity';
import type { CredentialStore } from '../../domain/credentials';
import type { ActivityCall } from '../workflows/activity-contract';
import { createCredentialAuth, type AppliedCredential, type TokenPost } from './credential-auth';
import { applyStatusPolicy } from './http-status-policy';
import { resolveAllowedAddress, SsrfRefusedError, type Allowlist, type ResolvedAddress } from './ssrf-guard';

export interface HttpRequestDeps {
  allowlist: Allowlist;
  /** Response bodies larger than this fail the node (default 1 MiB). */
  maxResponseBytes?: number;
  /** Where `credentialId` is resolved; without it a node naming a credential fails. */
  credentials?: Pick<CredentialStore, 'open'>;
}

export interface HttpResponseOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const maxRedirects = 5;
const defaultTimeoutMs = 10_000;

/**
 * `http.request`, SSRF-guarded: every hop (redirects are followed by hand, at most 5) is resolved
 * and checked, and the socket connects to the checked address. A status in `failOn` (default:
 * 400 and above) fails the node; one also in `retryOn` (408, 425, 429, 500, 502, 503, 504) is
 * retried by the node's retry policy, after `Retry-After` when the server sends it. Network errors
 * and timeouts are retried; refusals and oversize responses are not.
 */
export function createHttpRequestActivities(deps: HttpRequestDeps) {
  const maxBytes = deps.maxResponseBytes ?? 1024 * 1024;
  const resolve = async (url: URL): Promise<ResolvedAddress> => {
    try {
      return await resolveAllowedAddress(url.hostname, deps.allowlist);
    } catch (error: unknown) {
      if (error instanceof SsrfRefusedError)
        throw ApplicationFailure.nonRetryable(error.message, 'SsrfRefused');
      throw error;
    }
  };
  // The OAuth2 token fetch goes through the same guard, without redirects.
  const post: TokenPost = async (text, headers, body) => {
    const url = parseUrl(text);
    const timeoutMs = defaultTimeoutMs;
    const response = await send(url, await resolve(url), {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
      maxBytes,
      timeoutMs,
    });
    return { status: response.status, headers: response.headers, text: response.bytes.toString('utf8') };
  };
  const credentialAuth = deps.credentials
    ? createCredentialAuth({ credentials: deps.credentials, post })
    : undefined;
  async function applyCredential(credentialId: unknown): Promise<AppliedCredential | undefined> {
    if (credentialId === undefined || credentialId === null || credentialId === '') return undefined;
    if (typeof credentialId !== 'string')
      throw ApplicationFailure.nonRetryable('http.request: credentialId must be a string', 'ValidationError');
    if (!credentialAuth)
      throw ApplicationFailure.nonRetryable(
        'http.request: this worker has no credentials store',
        'CredentialNotFound',
      );
    return credentialAuth.apply(credentialId);
  }
  return {
    async 'http.request'(call: ActivityCall): Promise<HttpResponseOutput> {
      const { params } = call;
      let method = (typeof params.method === 'string' ? params.method : 'GET').toUpperCase();
      let body = encodeBody(params.body);
      const headers = { ...(params.headers as Record<string, string> | undefined) };
      if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = typeof params.body === 'string' ? 'text/plain' : 'application/json';
      }
      const timeoutMs = typeof params.timeoutMs === 'number' ? params.timeoutMs : defaultTimeoutMs;
      const signal = AbortSignal.timeout(timeoutMs);
      let url = parseUrl(typeof params.url === 'string' ? params.url : '');
      const credential = await applyCredential(params.credentialId);
      // Like browsers with Authorization: a redirect to another origin does not carry the credential.
      const origin = url.origin;
      for (let hop = 0; ; hop += 1) {
        const address = await resolve(url);
        const hopHeaders =
          credential && url.origin === origin ? withHeaders(headers, credential.headers) : headers;
        const response = await send(url, address, {
          method,
          headers: hopHeaders,
          body,
          signal,
          maxBytes,
          timeoutMs,
        });
        if (credential && (response.status === 401 || response.status === 403)) credential.refused();
        const location = response.headers.location;
        if ([301, 302, 303, 307, 308].includes(response.status) && location) {
          if (hop >= maxRedirects) {
            throw ApplicationFailure.nonRetryable(`More than ${maxRedirects} redirects`, 'TooManyRedirects');
          }
          url = parseUrl(new URL(location, url).toString());
          if (
            response.status === 303 ||
            ((response.status === 301 || response.status === 302) && method === 'POST')
          ) {
            method = 'GET';
            body = undefined;
          }
          continue;
        }
        const output = { status: response.status, headers: response.headers, body: decodeBody(response) };
        applyStatusPolicy(output, params);
        return output;
      }
    },
  };
}

/** `headers` with `extra` set over any header of the same name in another case. */
function withHeaders(headers: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  const names = new Set(Object.keys(extra).map((name) => name.toLowerCase()));
  const kept = Object.entries(headers).filter(([name]) => !names.has(name.toLowerCase()));
  return { ...Object.fromEntries(kept), ...extra };
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw ApplicationFailure.nonRetryable(`Invalid URL ${JSON.stringify(text)}`, 'ValidationError');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw ApplicationFailure.nonRetryable(
      `Only http and https URLs are allowed, got ${url.protocol}`,
      'ValidationError',
    );
  }
  return url;
}

function encodeBody(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
}

function send(
  url: URL,
  address: ResolvedAddress,
  options: {
    timeoutMs: number;
    method: string;
    headers: Record<string, string>;
    body: string | undefined;
    signal: AbortSignal;
    maxBytes: number;
  },
): Promise<RawResponse> {
  // Connect to the address that was checked; the URL's host still goes into Host and TLS SNI.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [address]);
    } else callback(null, address.address, address.family);
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      { method: options.method, headers: options.headers, signal: options.signal, lookup: pinned },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            reject(
              ApplicationFailure.nonRetryable(
                `Response is larger than ${options.maxBytes} bytes`,
                'ResponseTooLarge',
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: response.statusCode ?? 0, headers, bytes: Buffer.concat(chunks) });
        });
        response.on('error', reject);
      },
    );
    request.on('error', (error) =>
      reject(
        options.signal.aborted
          ? ApplicationFailure.retryable(`http.request timed out after ${options.timeoutMs} ms`, 'Timeout')
          : error,
      ),
    );
    request.end(options.body);
  });
}

function decodeBody(response: RawResponse): unknown {
  const text = response.bytes.toString('utf8');
  if (/^application\/([\w.+-]+\+)?json/i.test(response.headers['content-type'] ?? '')) {
    // The run walks the output recursively (trace, expressions, payloads): refuse what would overflow.
    const tooDeep = jsonTooDeep(text);
    if (tooDeep !== undefined) {
      throw ApplicationFailure.nonRetryable(
        `http.request: the JSON response nests deeper than ${tooDeep.limit} levels at ${tooDeep.path}`,
        'ResponseTooDeep',
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
