import {
  createBudget,
  defaultExpressionLimits,
  evaluateExpression,
  expressionSource,
  ExpressionError,
  literalValue,
} from '../../workflows';
import { isTruthy } from '../../workflows/interpreter/jsonata-truthiness';
import type { ChangeKind } from '../events/change-event';
import type { PublishedTrigger } from '../workflows/workflow-documents';
import type { EntityTriggerEvent } from './trigger-event';

/** A `trigger.entity` node of a published version. */
export interface EntityTrigger {
  workflowId: string;
  version: number;
  nodeId: string;
  entityType: string;
  events: readonly ChangeKind[];
  /** The `condition` param as published: an `=` expression, a literal, or absent. */
  condition?: unknown;
}

/** The `trigger.entity` nodes among published versions' triggers, ready to match. */
export function entityTriggersOf(
  published: ReadonlyArray<{ workflowId: string; version: number; triggers: readonly PublishedTrigger[] }>,
): EntityTrigger[] {
  return published.flatMap(({ workflowId, version, triggers }) =>
    triggers
      .filter((trigger) => trigger.type === 'trigger.entity')
      .map((trigger) => ({
        workflowId,
        version,
        nodeId: trigger.nodeId,
        entityType: String(trigger.params.entityType),
        events: Array.isArray(trigger.params.events) ? (trigger.params.events as ChangeKind[]) : [],
        ...(trigger.params.condition === undefined ? {} : { condition: trigger.params.condition }),
      })),
  );
}

/** The outcome of a trigger's condition for one event. */
export type ConditionOutcome = { matched: boolean } | { error: string };

/**
 * Evaluates a trigger's condition against an event, with the bounded JSONata evaluator. The event is
 * bound as `$trigger` (as in the run) and is also the context, so `entity.total`, `changes.status.to`
 * and `previous.status` work bare; `$entity` is the record. An expression that fails at run time is
 * reported as an error, which the dispatcher records and treats as no match.
 *
 * @example
 * await evaluateCondition('=$trigger.entity.discountBp > 1000', event); // { matched: true }
 */
export async function evaluateCondition(
  condition: unknown,
  event: EntityTriggerEvent,
  clock: () => number = Date.now,
  wallClock?: () => number,
): Promise<ConditionOutcome> {
  if (condition === undefined) return { matched: true };
  const source = expressionSource(condition);
  if (source === undefined) return { matched: isTruthy(literalValue(condition)) };
  try {
    const value = await evaluateExpression(
      source,
      { trigger: event, entity: event.entity, context: event, clock },
      createBudget(defaultExpressionLimits, wallClock),
    );
    return { matched: isTruthy(value) };
  } catch (error: unknown) {
    if (error instanceof ExpressionError) return { error: error.at('params.condition').message };
    throw error;
  }
}

/** Whether a trigger listens to this kind of event on this entity type (its condition aside). */
export function listensTo(trigger: EntityTrigger, entityType: string, kind: ChangeKind): boolean {
  return trigger.entityType === entityType && trigger.events.includes(kind);
}
