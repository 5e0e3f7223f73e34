import { getEntityMeta } from '../../schemas/entity-metadata';
import type { EntityType } from '../../schemas/types/index.generated';

/** Why a status change was refused; `message` is ready for an HTTP 422 error. */
export type TransitionError =
  | { code: 'noStatusField'; type: EntityType; message: string }
  | { code: 'unknownStatus'; type: EntityType; field: string; status: string; message: string }
  | {
      code: 'transitionNotAllowed';
      type: EntityType;
      field: string;
      from: string;
      to: string;
      /** The statuses `from` may change to; empty when `from` is final. */
      allowed: readonly string[];
      message: string;
    }
  | {
      code: 'initialStatusNotAllowed';
      type: EntityType;
      field: string;
      status: string;
      allowed: readonly string[];
      message: string;
    };

export type TransitionCheck = { ok: true } | { ok: false; error: TransitionError };

/**
 * Checks a status change against the `x-transitions` of the type's status field. Keeping the same
 * status is no transition and always allowed.
 *
 * @example
 * checkTransition('invoice', 'issued', 'paid'); // { ok: true }
 * checkTransition('invoice', 'paid', 'draft');
 * // { ok: false, error: { code: 'transitionNotAllowed', …, allowed: ['partiallyPaid', 'issued'],
 * //   message: 'invoice status cannot change from paid to draft; allowed: partiallyPaid, issued' } }
 */
export function checkTransition(type: EntityType, from: string, to: string): TransitionCheck {
  const status = getEntityMeta(type).status;
  if (status === undefined) return noStatusField(type);
  const { field, transitions } = status;
  for (const value of [from, to]) {
    if (!Object.hasOwn(transitions, value)) return unknownStatus(type, field, value);
  }
  if (from === to) return { ok: true };
  const allowed = transitions[from] ?? [];
  if (allowed.includes(to)) return { ok: true };
  const reason = allowed.length === 0 ? `${from} is final` : `allowed: ${allowed.join(', ')}`;
  return {
    ok: false,
    error: {
      code: 'transitionNotAllowed',
      type,
      field,
      from,
      to,
      allowed,
      message: `${type} ${field} cannot change from ${from} to ${to}; ${reason}`,
    },
  };
}

/**
 * Checks the status a new record is created in against the field's initial statuses (`x-initial`, or
 * just its default), so that no record starts life as, say, a paid invoice.
 *
 * @example
 * checkInitialStatus('invoice', 'issued'); // { ok: true }
 * checkInitialStatus('quote', 'accepted');
 * // { ok: false, error: { code: 'initialStatusNotAllowed', …, message: 'a new quote cannot have status accepted; allowed: draft' } }
 */
export function checkInitialStatus(type: EntityType, value: string): TransitionCheck {
  const status = getEntityMeta(type).status;
  if (status === undefined) return noStatusField(type);
  if (!status.values.includes(value)) return unknownStatus(type, status.field, value);
  if (status.initial.includes(value)) return { ok: true };
  return {
    ok: false,
    error: {
      code: 'initialStatusNotAllowed',
      type,
      field: status.field,
      status: value,
      allowed: status.initial,
      message: `a new ${type} cannot have ${status.field} ${value}; allowed: ${status.initial.join(', ')}`,
    },
  };
}

/**
 * The statuses a record may move to from `from`; empty for a final status or a type without status.
 *
 * @example
 * allowedTransitions('goodsReceipt', 'draft'); // ['posted', 'cancelled']
 */
export function allowedTransitions(type: EntityType, from: string): readonly string[] {
  const transitions = getEntityMeta(type).status?.transitions;
  return transitions !== undefined && Object.hasOwn(transitions, from) ? (transitions[from] ?? []) : [];
}

function noStatusField(type: EntityType): TransitionCheck {
  return { ok: false, error: { code: 'noStatusField', type, message: `${type} has no status field` } };
}

function unknownStatus(type: EntityType, field: string, value: string): TransitionCheck {
  return {
    ok: false,
    error: {
      code: 'unknownStatus',
      type,
      field,
      status: value,
      message: `${type} ${field} has no value ${value}`,
    },
  };
}
