import { getEntityMeta, getEntitySchema } from '../../schemas';
import { entityTypes } from '../../schemas/types/index.generated';
import { formatDocumentNumber, numberingYear, parseDocumentNumber, sequenceKey } from './document-number';

describe('formatDocumentNumber', () => {
  it.each([
    [{ prefix: 'QUO', year: 2026, sequence: 123 }, 'QUO-2026-000123'],
    [{ prefix: 'SO', year: 2026, sequence: 1 }, 'SO-2026-000001'],
    [{ prefix: 'BILL', year: 2031, sequence: 999999 }, 'BILL-2031-999999'],
    [{ prefix: 'INV', year: 2026, sequence: 1234567 }, 'INV-2026-1234567'],
  ])('%j → %s', (parts, text) => {
    expect(formatDocumentNumber(parts)).toBe(text);
    expect(parseDocumentNumber(text)).toEqual(parts);
  });

  it.each([
    [{ prefix: 'quo', year: 2026, sequence: 1 }, 'prefix must be 2 to 5 capital letters, got "quo"'],
    [{ prefix: 'Q', year: 2026, sequence: 1 }, 'prefix must be 2 to 5 capital letters, got "Q"'],
    [{ prefix: 'QUO', year: 26, sequence: 1 }, 'year must have four digits, got 26'],
    [{ prefix: 'QUO', year: 2026, sequence: 0 }, 'sequence must be a positive integer, got 0'],
    [{ prefix: 'QUO', year: 2026, sequence: 1.5 }, 'sequence must be a positive integer, got 1.5'],
  ])('refuses %j', (parts, message) => {
    expect(() => formatDocumentNumber(parts)).toThrow(new RangeError(message));
  });
});

describe('parseDocumentNumber', () => {
  it.each([
    '',
    'QUO-2026-123',
    'quo-2026-000123',
    'QUO-26-000123',
    'QUO-2026-000000',
    ' QUO-2026-000123',
    'QUO_2026_000123',
  ])('rejects %j', (text) => {
    expect(parseDocumentNumber(text)).toBeUndefined();
  });
});

describe('sequenceKey and numberingYear', () => {
  it('key one counter per prefix and UTC year', () => {
    expect(sequenceKey('QUO', 2026)).toBe('QUO-2026');
    expect(numberingYear(new Date('2026-12-31T23:30:00-02:00'))).toBe(2027);
    expect(numberingYear(new Date('2026-01-01T00:30:00+02:00'))).toBe(2025);
  });
});

describe('numbers and schemas', () => {
  it.each(entityTypes.filter((type) => getEntityMeta(type).numbering !== undefined))(
    'a formatted %s number matches its schema pattern',
    (type) => {
      const { field, prefix } = getEntityMeta(type).numbering!;
      const pattern = new RegExp(getEntitySchema(type).properties[field]!.pattern!);
      expect(formatDocumentNumber({ prefix, year: 2026, sequence: 7 })).toMatch(pattern);
      expect(formatDocumentNumber({ prefix, year: 2026, sequence: 12345678 })).toMatch(pattern);
    },
  );
});
