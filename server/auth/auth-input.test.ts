import { HttpError } from '../http/http-error';
import { readLogin, readNewToken, readNewUser, readUserPatch } from './auth-input';

function detailsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError)
      return { status: error.status, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected a validation error');
}

const validUser = { email: 'a@example.com', name: 'A', roles: ['sales'], password: 'twelve-chars' };

describe('auth input at the HTTP boundary', () => {
  it('reads a valid login and a valid new user', () => {
    expect(readLogin({ email: 'a@b', password: 'x' })).toEqual({ email: 'a@b', password: 'x' });
    expect(readNewUser({ ...validUser, email: ' a@example.com ' })).toEqual(validUser);
  });

  it.each([
    [
      'a non-object body',
      null,
      [{ path: '', message: 'must be an object' }],
      'Request body must be a JSON object',
    ],
    ['an array body', [], [{ path: '', message: 'must be an object' }], 'Request body must be a JSON object'],
    [
      'missing fields',
      {},
      [
        { path: '/email', message: 'is required' },
        { path: '/name', message: 'is required' },
        { path: '/roles', message: 'is required' },
        { path: '/password', message: 'is required' },
      ],
      'Invalid request body',
    ],
    [
      'an 11-character password and roles that are not an array',
      { ...validUser, password: 'eleven-char', roles: 'admin' },
      [
        { path: '/roles', message: 'must be an array of roles' },
        { path: '/password', message: 'must be at least 12 characters' },
      ],
      'Invalid request body',
    ],
    [
      'an unknown field and an empty name',
      { ...validUser, name: '', isAdmin: true },
      [
        { path: '/isAdmin', message: 'is not an allowed field' },
        { path: '/name', message: 'must be at least 1 characters' },
      ],
      'Invalid request body',
    ],
  ])('rejects a new user with %s as 400', (_case, body, details, message) => {
    expect(detailsOf(() => readNewUser(body))).toEqual({ status: 400, message, details });
  });

  it('keeps only the given fields of a patch and checks each', () => {
    expect(readUserPatch({ active: false })).toEqual({ active: false });
    expect(detailsOf(() => readUserPatch({ active: 'no', roles: ['root'] })).details).toEqual([
      {
        path: '/roles/0',
        message:
          'must be one of: admin, designer, sales, salesManager, finance, procurement, support, supportLead, viewer, auditor',
      },
      { path: '/active', message: 'must be a boolean' },
    ]);
  });

  it('bounds the expiry of a new token', () => {
    expect(readNewToken({ name: 'ci', expiresInDays: 30 })).toEqual({ name: 'ci', expiresInDays: 30 });
    expect(detailsOf(() => readNewToken({ name: 'ci', expiresInDays: 0.5 })).details).toEqual([
      { path: '/expiresInDays', message: 'must be an integer from 1 to 3650' },
    ]);
  });
});
