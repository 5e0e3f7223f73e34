import { recordLabel, runTitle } from './run-title';

describe('run titles', () => {
  test.each([
    [{ number: 'OPP-2026-000013', name: 'Office refit 13' }, 'OPP-2026-000013 Office refit 13'],
    [{ number: 'INV-2026-000008' }, 'INV-2026-000008'],
    [{ subject: ' Printer jam ' }, 'Printer jam'],
    [{ email: 'ada@example.com' }, 'ada@example.com'],
    [{ amount: 5 }, undefined],
    [null, undefined],
  ])('the label of %j is %j', (record, label) => {
    expect(recordLabel(record)).toBe(label);
  });

  test('names the workflow, then the record by label or by type and id', () => {
    expect(
      runTitle('Quote to cash', {
        entityType: 'opportunity',
        entityId: 'o1',
        label: 'OPP-2026-000013 Office refit 13',
      }),
    ).toBe('Quote to cash · OPP-2026-000013 Office refit 13');
    expect(runTitle('Triage', { entityType: 'ticket', entityId: 't9' })).toBe('Triage · ticket t9');
    expect(runTitle('Nightly sync')).toBe('Nightly sync');
  });

  test('is cut to 200 characters', () => {
    const title = runTitle('W', { entityType: 'account', entityId: 'a', label: 'x'.repeat(300) });
    expect(title).toHaveLength(200);
    expect(title.endsWith('…')).toBe(true);
  });
});
