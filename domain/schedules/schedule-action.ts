import type { ScheduleOptions } from '@temporalio/client';
import { runWorkflowType, type RunInput } from '../../workflows/runtime/run-contract';
import { runAuthorityOf, runSearchAttributePairs, type WorkflowVersionDocument } from '../workflows';
import { checkCron } from './cron-expression';
import { scheduleIdFor } from './schedule-documents';

/** The trigger a scheduled run is started with; the run adds `scheduledAt` from Temporal. */
export const scheduleTriggerEvent = { event: 'schedule' } as const;

/** A schedule trigger that cannot become a Temporal Schedule (it slipped past publish checks). */
export class InvalidScheduleError extends Error {
  override name = 'InvalidScheduleError';
}

/** The cron and time zone of a `trigger.schedule` node's params. */
export function scheduleParams(params: Record<string, unknown>): { cron: string; timezone: string } {
  const cron = typeof params.cron === 'string' ? params.cron : '';
  const timezone = typeof params.timezone === 'string' ? params.timezone : 'UTC';
  return { cron, timezone };
}

/**
 * The Temporal Schedule of one schedule trigger of a published version: its cron in its time
 * zone, overlap policy skip (a run still going when the next is due makes that one be skipped),
 * and an action that starts the interpreted workflow with the version's definition on the
 * workers' task queue, with the run search attributes (trigger `schedule`). Temporal names each
 * run `run-<scheduleId>-<scheduled time>`.
 */
export function scheduleOptions(
  version: WorkflowVersionDocument,
  nodeId: string,
  params: Record<string, unknown>,
  taskQueue: string,
): ScheduleOptions {
  const { cron, timezone } = scheduleParams(params);
  const checked = checkCron(cron);
  if (!checked.ok) throw new InvalidScheduleError(`params.cron ${checked.message}`);
  const scheduleId = scheduleIdFor(version.workflowId, nodeId);
  const input: RunInput = {
    workflowId: version.workflowId,
    version: version.version,
    definition: version.definition,
    startNodeId: nodeId,
    trigger: scheduleTriggerEvent,
    input: {},
    // Set by the run from its own start time; the action is written once for every run.
    startedAt: '',
    ...runAuthorityOf(version),
  };
  return {
    scheduleId,
    spec: { cronExpressions: [checked.temporalCron], timezone },
    action: {
      type: 'startWorkflow',
      workflowType: runWorkflowType,
      workflowId: `run-${scheduleId}`,
      taskQueue,
      args: [input],
      typedSearchAttributes: runSearchAttributePairs(version, 'schedule'),
    },
    // After an outage, a run missed by less than this still starts; older ones are dropped.
    policies: { overlap: 'SKIP', catchupWindow: '10 minutes' },
    memo: { ledgerlineWorkflowId: version.workflowId, nodeId },
  };
}
