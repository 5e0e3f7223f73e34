/** The parts of a document number such as `QUO-2026-000123`. */
export interface DocumentNumber {
  /** 2–5 capital letters, from the schema's `x-numbering`. */
  prefix: string;
  year: number;
  /** 1-based position in the gapless per-prefix, per-year sequence. */
  sequence: number;
}

const PAD = 6;
const pattern = /^([A-Z]{2,5})-([0-9]{4})-([0-9]{6,})$/;

/**
 * Formats a document number: prefix, four-digit year and a sequence padded to six digits. A sequence past
 * 999999 simply grows wider, so numbers stay unique and still sort by year. Throws a RangeError for parts
 * that would not parse back.
 *
 * @example
 * formatDocumentNumber({ prefix: 'QUO', year: 2026, sequence: 123 }); // 'QUO-2026-000123'
 */
export function formatDocumentNumber({ prefix, year, sequence }: DocumentNumber): string {
  if (!/^[A-Z]{2,5}$/.test(prefix))
    throw new RangeError(`prefix must be 2 to 5 capital letters, got ${JSON.stringify(prefix)}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`year must have four digits, got ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `${prefix}-${year}-${String(sequence).padStart(PAD, '0')}`;
}

/**
 * Parses a document number; `undefined` when the text is not one.
 *
 * @example
 * parseDocumentNumber('INV-2026-000042'); // { prefix: 'INV', year: 2026, sequence: 42 }
 * parseDocumentNumber('INV-26-42'); // undefined
 */
export function parseDocumentNumber(text: string): DocumentNumber | undefined {
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const [, prefix, year, sequence] = match as unknown as [string, string, string, string];
  const parsed = { prefix, year: Number(year), sequence: Number(sequence) };
  return Number.isSafeInteger(parsed.sequence) && parsed.sequence >= 1 ? parsed : undefined;
}

/**
 * The id of the counter that hands out a prefix's numbers in one year; one counter document per key
 * gives each year its own gapless sequence.
 *
 * @example
 * sequenceKey('SO', 2026); // 'SO-2026'
 */
export function sequenceKey(prefix: string, year: number): string {
  return `${prefix}-${year}`;
}

/**
 * The year a document is numbered in: the UTC year of its creation time, so every server agrees.
 *
 * @example
 * numberingYear(new Date('2026-12-31T23:30:00-02:00')); // 2027
 */
export function numberingYear(createdAt: Date): number {
  return createdAt.getUTCFullYear();
}
