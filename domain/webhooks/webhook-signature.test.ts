import { signatureMatches, signBody } from './webhook-signature';

describe('webhook signatures', () => {
  const body = Buffer.from('{"orderId":"SO-1"}');

  test('sign the raw body as sha256=<hex HMAC-SHA256>', () => {
    // echo -n '{"orderId":"SO-1"}' | openssl dgst -sha256 -hmac secret
    expect(signBody('secret', body)).toBe(
      'sha256=bc2c1dc834cb213fdf7a70729344bb72804e197a8dfacd967d1350f748578141',
    );
  });

  test.each([
    ['the exact signature', (s: string) => s, true],
    ['upper-case hex', (s: string) => s.toUpperCase().replace('SHA256=', 'sha256='), true],
    ['surrounding spaces', (s: string) => ` ${s} `, true],
    ['another body', () => signBody('secret', Buffer.from('{}')), false],
    ['another secret', () => signBody('other', body), false],
    ['a truncated signature', (s: string) => s.slice(0, -1), false],
    ['no prefix', (s: string) => s.slice('sha256='.length), false],
  ])('%s matches: %s', (_name, transform, expected) => {
    expect(signatureMatches('secret', body, transform(signBody('secret', body)))).toBe(expected);
  });
});
