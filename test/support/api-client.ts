/** An API answer, read loosely: the tests' assertions say what it must hold. */
export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

/** One call to the API as a signed-in user: `path` is below `/api`. */
export type ApiCall = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

/** An email and password a user signs in with. */
export interface Credentials {
  email: string;
  password: string;
}

/**
 * Sends one request to `<baseUrl>/api<path>`: `body` as JSON unless `headers` names another
 * content type, and the answer's body parsed (undefined when empty).
 *
 * @example
 * const answer = await callApi(url, 'GET', '/runs', undefined, { authorization: `Bearer ${token}` });
 */
export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const response = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: body instanceof JsonText ? body.text : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
    headers: response.headers,
  };
}

/** A body sent as this exact JSON text: for documents the test itself could not stringify. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** Signs in through `POST /api/auth/login` and returns the bearer token; a refused login throws. */
export async function logIn(baseUrl: string, credentials: Credentials): Promise<string> {
  const login = await callApi(baseUrl, 'POST', '/auth/login', credentials);
  if (login.status !== 200) {
    throw new Error(`login of ${credentials.email} answered ${login.status} ${JSON.stringify(login.body)}`);
  }
  return login.body.token as string;
}

/** The `authorization` header of a bearer token. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/**
 * Calls the API with a bearer token, as the user it belongs to.
 *
 * @example
 * const api = apiAs(url, await logIn(url, admin));
 * const runs = await api('GET', '/runs');
 */
export function apiAs(baseUrl: string, token: string): ApiCall {
  return (method, path, body) => callApi(baseUrl, method, path, body, bearer(token));
}
