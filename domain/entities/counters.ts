import type { Db } from 'mongodb';
import { formatDocumentNumber, numberingYear, sequenceKey } from '../rules';

/**
 * A hint per numbering sequence: a number known to be taken, never more than the highest. It only
 * saves probes; correctness never rests on it, so its `$max` update may race freely.
 */
interface SequenceHint {
  /** The sequence, e.g. `QUO-2026`. */
  _id: string;
  last: number;
}

export const sequenceHintsCollection = 'numberSequences';

/** One sequence's numbers in the order a create tries them. */
export interface NumberCandidates {
  /** The sequence, e.g. `QUO-2026`. */
  key: string;
  /** The next number to try: `QUO-2026-000017`. */
  number(): string;
  /** The tried number was taken by another record: move on to the next. */
  taken(): void;
  /** The tried number was committed with our record: raise the hint. */
  committed(): Promise<void>;
}

/**
 * Starts at the number after the sequence's hint. A create puts the candidate on its first version's
 * unique `claim` field and inserts; when another record holds it, it moves on by one. So the number is
 * taken by the very insert that stores the record (a crash between "take" and "write" cannot leave a
 * gap), and a number is only tried once the one before it is held by a committed record (the hint is
 * one, and so is every number a create moved past), which keeps the sequence gapless.
 *
 * @example
 * const numbers = await numberCandidates(db, 'QUO', new Date('2026-03-01T00:00:00Z'));
 * numbers.number(); // 'QUO-2026-000001' on an empty store
 */
export async function numberCandidates(db: Db, prefix: string, at: Date): Promise<NumberCandidates> {
  const year = numberingYear(at);
  const key = sequenceKey(prefix, year);
  const hints = db.collection<SequenceHint>(sequenceHintsCollection);
  let sequence = ((await hints.findOne({ _id: key }))?.last ?? 0) + 1;
  return {
    key,
    number: () => formatDocumentNumber({ prefix, year, sequence }),
    taken() {
      sequence += 1;
    },
    async committed() {
      await raiseSequenceHint(db, key, sequence);
    },
  };
}

/** Raises a sequence's hint to `taken` (a number held by a committed record) unless it is higher. */
export async function raiseSequenceHint(db: Db, key: string, taken: number): Promise<void> {
  try {
    await db
      .collection<SequenceHint>(sequenceHintsCollection)
      .updateOne({ _id: key }, { $max: { last: taken } }, { upsert: true });
  } catch (error: unknown) {
    // Two first upserts raced; the other one's hint serves as well.
    if ((error as { code?: unknown }).code !== 11000) throw error;
  }
}
