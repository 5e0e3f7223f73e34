import { checkSignature, signBody } from './webhook-signature';

describe('webhook signatures', () => {
  const body = Buffer.from('{"orderId":"SO-1"}');
  const now = 1_767_225_600;

  test('sign the timestamp and the raw body as t=<unix>,v1=<hex HMAC-SHA256>', () => {
    // printf '1767225600.{"orderId":"SO-1"}' | openssl dgst -sha256 -hmac secret
    expect(signBody('secret', body, now)).toBe(
      't=1767225600,v1=345eed83677bd71ab59629165e3831853c2b4814bf6e1b4f27c8cb9857e4427a',
    );
  });

  test.each([
    ['the exact signature', (s: string) => s, 'ok'],
    [
      'upper-case hex',
      (s: string) => s.replace(/v1=(.*)$/, (_m, hex: string) => `v1=${hex.toUpperCase()}`),
      'ok',
    ],
    ['spaces around parts', (s: string) => s.replace(',', ' , '), 'ok'],
    ['a second v1 of an old secret', (s: string) => `${signBody('old', body, now)},${s.split(',')[1]}`, 'ok'],
    ['another body', () => signBody('secret', Buffer.from('{}'), now), 'mismatch'],
    ['another secret', () => signBody('other', body, now), 'mismatch'],
    [
      'another timestamp with the same v1',
      (s: string) => s.replace('t=1767225600', 't=1767225601'),
      'mismatch',
    ],
    ['signed 6 minutes ago', () => signBody('secret', body, now - 360), 'stale'],
    ['signed 6 minutes ahead', () => signBody('secret', body, now + 360), 'stale'],
    ['signed 4 minutes ago', () => signBody('secret', body, now - 240), 'ok'],
    ['a truncated v1', (s: string) => s.slice(0, -1), 'malformed'],
    ['no timestamp', (s: string) => s.split(',')[1]!, 'malformed'],
    [
      'the old sha256= form',
      () => 'sha256=bc2c1dc834cb213fdf7a70729344bb72804e197a8dfacd967d1350f748578141',
      'malformed',
    ],
  ])('%s: %s', (_name, transform, expected) => {
    expect(checkSignature('secret', body, transform(signBody('secret', body, now)), now)).toBe(expected);
  });
});
