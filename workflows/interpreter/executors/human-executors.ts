import { parseIsoDuration } from '../../definition/iso-duration';
import { entityTypeNames } from '../../../schemas/vocabulary';
import type { HumanTaskRequest, HumanTaskResult } from '../effects';
import type { ExecutionContext, NodeExecutor } from '../node-execution';
import { invalidParam, nodeFailure } from '../node-failure';

/** human.approval leaves by `approved`, `rejected` or `timeout`; its output is the decision. */
export const runApproval: NodeExecutor = async (context) => {
  const result = await askHuman(context, 'approval');
  if (result.outcome === 'completed') {
    throw nodeFailure(context.node, 'node_failed', 'the approval was completed without a decision');
  }
  return {
    kind: 'next',
    port: result.outcome,
    output: { outcome: result.outcome, data: result.data ?? null, completedBy: result.completedBy ?? null },
  };
};

/** human.task leaves by `out` with the submitted data, or by `timeout`. */
export const runTask: NodeExecutor = async (context) => {
  const result = await askHuman(context, 'task');
  if (result.outcome === 'timeout') return { kind: 'next', port: 'timeout', output: { outcome: 'timeout' } };
  if (result.outcome !== 'completed') {
    throw nodeFailure(context.node, 'node_failed', `the task was ${result.outcome}, not completed`);
  }
  return { kind: 'next', port: 'out', output: result.data ?? null };
};

async function askHuman(context: ExecutionContext, kind: HumanTaskRequest['kind']): Promise<HumanTaskResult> {
  const { params, node } = context;
  if (typeof params.assigneeRole !== 'string') {
    throw invalidParam(node, 'params.assigneeRole', 'a role name', params.assigneeRole);
  }
  if (typeof params.title !== 'string') throw invalidParam(node, 'params.title', 'a string', params.title);
  let dueInMs: number | undefined;
  if (params.dueIn !== undefined) {
    dueInMs = typeof params.dueIn === 'string' ? parseIsoDuration(params.dueIn) : undefined;
    if (dueInMs === undefined) throw invalidParam(node, 'params.dueIn', 'an ISO 8601 duration', params.dueIn);
  }
  const related = relatedRecord(context);
  const requestedBy = kind === 'approval' && params.allowSelfApproval !== true ? requesters(context) : [];
  context.markWaiting();
  return context.effects.humanTask({
    kind,
    nodeId: node.id,
    visit: context.visit,
    idempotencyKey: context.idempotencyKey,
    assigneeRole: params.assigneeRole,
    ...(typeof params.assignee === 'string' && params.assignee !== '' ? { assignee: params.assignee } : {}),
    title: params.title,
    ...(typeof params.description === 'string' ? { description: params.description } : {}),
    ...(isObject(params.formSchema) ? { formSchema: params.formSchema } : {}),
    ...(dueInMs === undefined ? {} : { dueInMs }),
    ...(typeof params.escalateTo === 'string' ? { escalateTo: params.escalateTo } : {}),
    ...(related === undefined ? {} : { related }),
    ...(requestedBy.length === 0 ? {} : { requestedBy }),
    run: context.run,
  });
}

/**
 * Who caused the run, from `$trigger`: the user who started it by hand, or the user whose write
 * triggered it. A run started by a schedule, a webhook or another run has no person behind it here.
 */
function requesters({ bindings }: ExecutionContext): string[] {
  const trigger = bindings.trigger;
  if (!isObject(trigger)) return [];
  const person = trigger.event === 'manual' ? trigger.startedBy : trigger.actor;
  return isObject(person) && typeof person.userId === 'string' ? [person.userId] : [];
}

/** The `related` param once its expressions are resolved: a known entity type and a record id. */
function relatedRecord({ params, node }: ExecutionContext): HumanTaskRequest['related'] {
  if (params.related === undefined) return undefined;
  const related = params.related;
  if (!isObject(related)) throw invalidParam(node, 'params.related', 'an object {entityType, id}', related);
  const { entityType, id } = related;
  if (typeof entityType !== 'string' || !(entityTypeNames as readonly string[]).includes(entityType)) {
    throw invalidParam(node, 'params.related.entityType', 'an entity type', entityType);
  }
  if (typeof id !== 'string' || id === '') {
    throw invalidParam(node, 'params.related.id', 'a record id', id);
  }
  return { entityType, id };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
