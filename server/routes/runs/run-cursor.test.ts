import { decodeCursor, encodeCursor } from './run-cursor';

describe('run list cursors', () => {
  const token = Uint8Array.from([1, 2, 3, 250]);

  test('carry the page token back for the same query', () => {
    const cursor = encodeCursor(token, 'q1');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Array.from(decodeCursor(cursor, 'q1') ?? [])).toEqual([1, 2, 3, 250]);
  });

  test.each([
    ['another query', encodeCursor(token, 'q1'), 'q2'],
    ['not base64url', 'a+b/c', 'q1'],
    ['not JSON', Buffer.from('nope').toString('base64url'), 'q1'],
    ['no token', Buffer.from(JSON.stringify({ t: '', q: 'x' })).toString('base64url'), 'q1'],
  ])('are refused for %s', (_case, cursor, query) => {
    expect(decodeCursor(cursor, query)).toBeUndefined();
  });
});
