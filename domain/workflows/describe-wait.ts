import { parseIsoDuration } from '../../workflows/definition/iso-duration';
import { expressionSource, literalValue } from '../../workflows/expressions/expression-syntax';
import { getEntityMeta } from '../../schemas/entity-metadata';
import { getEntitySchema, isEntityType } from '../../schemas/entity-schemas';
import { followUpsFor, type FollowUpRecord } from '../../schemas/follow-up-records';
import { lowerWords, withArticle } from '../../schemas/words';
import { conditionWords, type ConditionWords } from './condition-words';
import { recordLabel } from './run-title';

/** One visit of a flow.waitFor that is waiting, as the run's trace holds it. */
export interface WaitVisit {
  nodeId: string;
  visit: number;
  /** ISO 8601: when the wait began. */
  startedAt: string;
  /** The node's params as resolved for this visit; the condition stays as written. */
  params: { entityType: string; id: string; condition: unknown; timeout?: unknown };
}

/** What a waiting run waits for, in words, and what would move it on. */
export interface WaitingFor {
  nodeId: string;
  visit: number;
  entityType: string;
  entityId: string;
  /** The record's number and name, e.g. `INV-2026-000008`; null when it has neither or is missing. */
  label: string | null;
  /** The condition as written in the node, without its `=`. */
  condition: string;
  /** The condition in words, e.g. `that makes it paid`. */
  conditionText: string;
  /** e.g. `Waiting for a payment on invoice INV-2026-000008 that makes it paid`. */
  sentence: string;
  /** ISO 8601: when the wait gives up and leaves by its timeout port; null when it has no timeout. */
  timesOutAt: string | null;
  /**
   * The record to create that satisfies the wait, when one does: the entity create form opened
   * with `?from=<from>` comes prefilled from the awaited record.
   */
  action: { label: string; entityType: string; from: string } | null;
}

/**
 * Reads the waiting flow.waitFor visits out of a run's trace, skipping any whose params were too
 * large to keep.
 */
export function waitingVisits(trace: readonly unknown[]): WaitVisit[] {
  const visits: WaitVisit[] = [];
  for (const raw of trace) {
    const entry = raw as Partial<WaitVisit> & { type?: unknown; status?: unknown; input?: unknown };
    const params = entry.input as Partial<WaitVisit['params']> | undefined;
    if (entry.type !== 'flow.waitFor' || entry.status !== 'waiting') continue;
    if (typeof params?.entityType !== 'string' || typeof params.id !== 'string') continue;
    if (typeof entry.nodeId !== 'string' || typeof entry.visit !== 'number') continue;
    visits.push({
      nodeId: entry.nodeId,
      visit: entry.visit,
      startedAt: String(entry.startedAt),
      params: { ...params, entityType: params.entityType, id: params.id, condition: params.condition },
    });
  }
  return visits;
}

/**
 * Describes one waiting visit for people, given the awaited record as it is now (or undefined when
 * it cannot be read). The words come from the node's params and the record's schema; the action
 * from the follow-up records the data model declares (schemas/follow-up-records.ts).
 *
 * @example
 * describeWait(visit, { number: 'INV-2026-000008', status: 'issued' }).sentence;
 * // 'Waiting for a payment on invoice INV-2026-000008 that makes it paid'
 */
export function describeWait(visit: WaitVisit, record: unknown): WaitingFor {
  const { entityType, id } = visit.params;
  const known = isEntityType(entityType);
  const words = conditionWords(visit.params.condition, known ? getEntitySchema(entityType) : undefined);
  const followUp = followUpsFor(entityType).find((candidate) => satisfies(candidate, words));
  const label = recordLabel(record) ?? null;
  const typeWords = known ? getEntityMeta(entityType).label.toLowerCase() : lowerWords(entityType);
  const subject = followUp
    ? `${withArticle(getEntityMeta(followUp.create).label.toLowerCase())} on`
    : 'a change to';
  const { condition } = visit.params;
  const timeoutMs =
    typeof visit.params.timeout === 'string' ? parseIsoDuration(visit.params.timeout) : undefined;
  return {
    nodeId: visit.nodeId,
    visit: visit.visit,
    entityType,
    entityId: id,
    label,
    condition: expressionSource(condition) ?? JSON.stringify(literalValue(condition)),
    conditionText: words.text,
    sentence: `Waiting for ${subject} ${typeWords} ${label ?? id} ${words.text}`,
    timesOutAt:
      timeoutMs === undefined ? null : new Date(Date.parse(visit.startedAt) + timeoutMs).toISOString(),
    action: followUp
      ? { label: followUp.action, entityType: followUp.create, from: `${entityType}:${id}` }
      : null,
  };
}

/** Whether creating the follow-up can make the condition hold: it moves every field the condition tests. */
function satisfies(followUp: FollowUpRecord, words: ConditionWords): boolean {
  if (words.kind === 'field') {
    const moves = followUp.moves[words.field];
    return (
      moves === 'any' || (moves !== undefined && words.values.some((value) => moves.includes(String(value))))
    );
  }
  return words.fields.length > 0 && words.fields.every((field) => followUp.moves[field] !== undefined);
}
