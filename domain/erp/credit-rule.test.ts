import { assessCredit } from './credit-rule';

describe('assessCredit', () => {
  it.each([
    [
      'within the limit',
      { creditLimit: 100000, openBalance: 70000, amount: 20000, onHold: false },
      true,
      'withinLimit',
      90000,
      30000,
    ],
    [
      'exactly at the limit',
      { creditLimit: 100000, openBalance: 70000, amount: 30000, onHold: false },
      true,
      'withinLimit',
      100000,
      30000,
    ],
    [
      'one cent over',
      { creditLimit: 100000, openBalance: 70000, amount: 30001, onHold: false },
      false,
      'overLimit',
      100001,
      30000,
    ],
    [
      'already over before the order',
      { creditLimit: 50000, openBalance: 60000, amount: 0, onHold: false },
      false,
      'overLimit',
      60000,
      -10000,
    ],
    [
      'a zero limit takes nothing',
      { creditLimit: 0, openBalance: 0, amount: 1, onHold: false },
      false,
      'overLimit',
      1,
      0,
    ],
    ['no limit set', { openBalance: 900000, amount: 500000, onHold: false }, true, 'noLimit', 1400000, null],
    [
      'on hold, even within the limit',
      { creditLimit: 100000, openBalance: 0, amount: 1, onHold: true },
      false,
      'accountOnHold',
      1,
      100000,
    ],
  ] as const)('%s', (_name, position, approved, reason, exposure, available) => {
    expect(assessCredit(position)).toEqual({
      approved,
      reason,
      creditLimit: 'creditLimit' in position ? position.creditLimit : null,
      openBalance: position.openBalance,
      amount: position.amount,
      exposure,
      available,
    });
  });
});
