/*
 * Browser-safe: the editor's credentials page builds its forms from these field lists, and the
 * server validates against the same lists, so the two cannot disagree.
 */

/** The kinds of credential `http.request` can apply. */
export const credentialKinds = ['httpHeader', 'basicAuth', 'bearer', 'oauth2ClientCredentials'] as const;
export type CredentialKind = (typeof credentialKinds)[number];

/** One field of a kind: settings are shown back; secret fields are sealed and never returned. */
export interface CredentialField {
  name: string;
  label: string;
  optional?: boolean;
  /** A URL field must be http(s). */
  url?: boolean;
}

export interface CredentialKindSpec {
  label: string;
  /** What the kind does to a request, for the page and the README. */
  applies: string;
  settings: readonly CredentialField[];
  secret: readonly CredentialField[];
}

export const credentialKindSpecs: Record<CredentialKind, CredentialKindSpec> = {
  httpHeader: {
    label: 'HTTP header',
    applies: 'sends the secret as the value of the named header',
    settings: [{ name: 'headerName', label: 'Header name' }],
    secret: [{ name: 'value', label: 'Header value' }],
  },
  basicAuth: {
    label: 'Basic auth',
    applies: 'sends Authorization: Basic with the user name and password',
    settings: [{ name: 'username', label: 'User name' }],
    secret: [{ name: 'password', label: 'Password' }],
  },
  bearer: {
    label: 'Bearer token',
    applies: 'sends Authorization: Bearer with the token',
    settings: [],
    secret: [{ name: 'token', label: 'Token' }],
  },
  oauth2ClientCredentials: {
    label: 'OAuth2 client credentials',
    applies:
      'fetches an access token from the token URL with the client id and secret, caches it until it expires, and sends it as Authorization: Bearer',
    settings: [
      { name: 'tokenUrl', label: 'Token URL', url: true },
      { name: 'clientId', label: 'Client id' },
      { name: 'scope', label: 'Scope', optional: true },
    ],
    secret: [{ name: 'clientSecret', label: 'Client secret' }],
  },
};

/** Whether `value` names a credential kind. */
export function isCredentialKind(value: unknown): value is CredentialKind {
  return typeof value === 'string' && (credentialKinds as readonly string[]).includes(value);
}

/** One problem with credential input, at its field path. */
export interface CredentialInputProblem {
  path: string;
  message: string;
}

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The problems of `value` as the `settings` or `secret` object of `kind`: unknown fields, missing
 * or empty ones, and fields that are not strings (header names must be tokens, URLs http(s)).
 *
 * @example
 * fieldProblems('bearer', 'secret', { token: '' }); // [{ path: 'secret.token', message: 'must not be empty' }]
 */
export function fieldProblems(
  kind: CredentialKind,
  part: 'settings' | 'secret',
  value: unknown,
): CredentialInputProblem[] {
  const fields = credentialKindSpecs[kind][part];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fields.length === 0 && value === undefined ? [] : [{ path: part, message: 'must be an object' }];
  }
  const record = value as Record<string, unknown>;
  const problems: CredentialInputProblem[] = [];
  for (const key of Object.keys(record)) {
    if (!fields.some((field) => field.name === key)) {
      problems.push({ path: `${part}.${key}`, message: `is not a field of a ${kind} credential` });
    }
  }
  for (const field of fields) {
    const path = `${part}.${field.name}`;
    const given = record[field.name];
    if (given === undefined) {
      if (!field.optional) problems.push({ path, message: 'is required' });
    } else if (typeof given !== 'string') problems.push({ path, message: 'must be a string' });
    else if (given.length === 0) problems.push({ path, message: 'must not be empty' });
    else if (given.length > 4096) problems.push({ path, message: 'must be at most 4096 characters' });
    else if (field.url && !/^https?:\/\//.test(given))
      problems.push({ path, message: 'must be an http(s) URL' });
    else if (field.name === 'headerName' && !headerName.test(given)) {
      problems.push({ path, message: 'must be a valid HTTP header name' });
    }
  }
  return problems;
}
