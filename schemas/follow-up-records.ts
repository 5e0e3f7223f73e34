import type { EntityType } from './types/index.generated';

/**
 * A record that people create for another one and that moves that other record on: a payment for
 * an invoice raises its amount paid, lowers its amount due and makes it partially paid or paid.
 * The run viewer offers it as the action that satisfies a wait, and the create form fills it in from
 * the record it is for (see {@link prefillFrom}).
 */
export interface FollowUpRecord {
  /** The record it is made for, e.g. `invoice`. */
  for: EntityType;
  /** The record created, e.g. `payment`; one of its fields references `for`. */
  create: EntityType;
  /** What the button that creates it says. */
  action: string;
  /**
   * The fields of the `for` record that it changes, each with the values it can bring (`any` for a
   * computed amount): a wait on those fields, for one of those values, is satisfied by it.
   */
  moves: Readonly<Record<string, readonly string[] | 'any'>>;
  /**
   * Fields of the new record filled from fields of the `for` record, beyond the general rules (a
   * reference to the record, and fields of the same name and kind): new field → source field.
   */
  prefill: Readonly<Record<string, string>>;
}

export const followUpRecords: readonly FollowUpRecord[] = [
  {
    for: 'invoice',
    create: 'payment',
    action: 'Record a payment',
    moves: { status: ['partiallyPaid', 'paid'], amountPaid: 'any', amountDue: 'any' },
    // What is still open on the invoice: its total less the payments already received.
    prefill: { amount: 'amountDue' },
  },
];

/** The follow-up records that can be made for a record of `type`. */
export function followUpsFor(type: string): FollowUpRecord[] {
  return followUpRecords.filter((followUp) => followUp.for === type);
}

/** The follow-up of a new record of type `create` made for a record of type `forType`, if declared. */
export function followUpOf(forType: string, create: string): FollowUpRecord | undefined {
  return followUpRecords.find((followUp) => followUp.for === forType && followUp.create === create);
}
