import type { Request } from 'express';
import { readSessionCookie } from './session-cookie';

const withCookie = (cookie: string | undefined) => ({ headers: { cookie } }) as unknown as Request;

describe('readSessionCookie', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['ll_session=lls_abc', 'lls_abc'],
    ['theme=dark; ll_session=lls_abc; other=1', 'lls_abc'],
    ['xll_session=lls_abc', undefined],
    ['ll_session=%E0%A4%A', undefined],
  ])('reads %j as %j', (cookie, expected) => {
    expect(readSessionCookie(withCookie(cookie))).toBe(expected);
  });
});
