import { dueLabel, fromNow } from './due-state';

const now = Date.parse('2026-03-02T12:00:00Z');
const hours = (count: number) => new Date(now + count * 3_600_000).toISOString();

describe('due times', () => {
  test.each([
    [47.9, 'Due in 2 days'],
    [36.5, 'Due in 2 days'],
    [30, 'Due tomorrow'],
    [22, 'Due tomorrow'],
    [21.6, 'Due in 22 hours'],
    [2.4, 'Due in 2 hours'],
    [0.8, 'Due in 1 hour'],
    [0.25, 'Due in 15 minutes'],
    [0.01, 'Due just now'],
    [-0.6, 'Overdue, due 36 minutes ago'],
    [-47.9, 'Overdue, due 2 days ago'],
  ])('%s hours away: %s', (away, label) => {
    expect(dueLabel({ status: 'open', dueAt: hours(away) }, now)).toBe(label);
  });

  test('a creation time reads the same way', () => {
    expect(fromNow(Date.parse(hours(-25)), now)).toBe('yesterday');
  });
});
