import { fieldProblems } from './credential-kinds';
import { maskedHint } from './credential-documents';

describe('credential input', () => {
  it.each([
    ['bearer', 'secret', { token: 't' }, []],
    ['bearer', 'settings', {}, []],
    ['bearer', 'secret', undefined, [{ path: 'secret', message: 'must be an object' }]],
    ['bearer', 'secret', { token: '' }, [{ path: 'secret.token', message: 'must not be empty' }]],
    [
      'httpHeader',
      'settings',
      { headerName: 'bad name' },
      [{ path: 'settings.headerName', message: 'must be a valid HTTP header name' }],
    ],
    [
      'oauth2ClientCredentials',
      'settings',
      { tokenUrl: 'ftp://x', clientId: 'c' },
      [{ path: 'settings.tokenUrl', message: 'must be an http(s) URL' }],
    ],
    [
      'basicAuth',
      'secret',
      { password: 'p', extra: 'x' },
      [{ path: 'secret.extra', message: 'is not a field of a basicAuth credential' }],
    ],
  ] as const)('%s %s %j: %j', (kind, part, value, problems) => {
    expect(fieldProblems(kind, part, value)).toEqual(problems);
  });

  it.each([
    ['sk_live_0123456789abcdef', '••••cdef'],
    ['hunter2', '••••'],
    ['', '••••'],
  ])('masks %j as %j', (secret, hint) => {
    expect(maskedHint(secret)).toBe(hint);
  });
});
