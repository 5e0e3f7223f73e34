import { parseIsoDuration } from '../../definition/iso-duration';
import { createBudget } from '../../expressions/evaluation-budget';
import { evaluateExpression } from '../../expressions/evaluate-expression';
import { ExpressionError } from '../../expressions/expression-error';
import { expressionSource, literalValue } from '../../expressions/expression-syntax';
import { isTruthy } from '../jsonata-truthiness';
import type { ExecutionContext, NodeExecutor } from '../node-execution';
import { invalidParam, nodeFailure } from '../node-failure';

/** flow.wait sleeps for `duration`, or until `until`; a time already past does not wait. */
export const runWait: NodeExecutor = async (context) => {
  const { params, effects, node } = context;
  let ms: number;
  if (params.duration !== undefined) {
    ms = durationParam(context, 'duration');
  } else {
    const until = typeof params.until === 'string' ? Date.parse(params.until) : Number.NaN;
    if (Number.isNaN(until)) throw invalidParam(node, 'params.until', 'an ISO 8601 date-time', params.until);
    ms = Math.max(0, until - effects.now());
  }
  if (ms > 0) {
    context.markWaiting();
    await effects.sleep(ms);
  }
  return { kind: 'next', port: 'out', output: { resumedAt: new Date(effects.now()).toISOString() } };
};

/**
 * flow.waitFor hands the effect a predicate that evaluates the node's `condition` against a
 * version of the record (as `$` and `$entity`), with the node's other bindings and a fresh budget
 * per version.
 */
export const runWaitFor: NodeExecutor = async (context) => {
  const { params, node, effects } = context;
  if (typeof params.entityType !== 'string')
    throw invalidParam(node, 'params.entityType', 'a string', params.entityType);
  if (typeof params.id !== 'string') throw invalidParam(node, 'params.id', 'a string', params.id);
  const timeoutMs = params.timeout === undefined ? undefined : durationParam(context, 'timeout');
  context.markWaiting();
  const result = await effects.waitForEntity({
    nodeId: node.id,
    visit: context.visit,
    idempotencyKey: context.idempotencyKey,
    entityType: params.entityType,
    id: params.id,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    matches: (entity) => conditionHolds(context, entity),
  });
  return result.timedOut
    ? { kind: 'next', port: 'timeout', output: { timedOut: true } }
    : { kind: 'next', port: 'out', output: result.entity };
};

async function conditionHolds(context: ExecutionContext, entity: unknown): Promise<boolean> {
  const condition = context.params.condition;
  const source = expressionSource(condition);
  if (source === undefined) return isTruthy(literalValue(condition));
  try {
    const bindings = { ...context.bindings, entity, context: entity };
    return isTruthy(await evaluateExpression(source, bindings, createBudget(context.limits)));
  } catch (error: unknown) {
    if (error instanceof ExpressionError) {
      throw nodeFailure(context.node, 'expression_failed', error.at('params.condition').message);
    }
    throw error;
  }
}

function durationParam(context: ExecutionContext, name: string): number {
  const value = context.params[name];
  const ms = typeof value === 'string' ? parseIsoDuration(value) : undefined;
  if (ms === undefined) throw invalidParam(context.node, `params.${name}`, 'an ISO 8601 duration', value);
  return ms;
}
