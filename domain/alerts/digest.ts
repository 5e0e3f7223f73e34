import type { Db } from 'mongodb';
import { tasksCollection, type TaskDocument } from '../tasks';
import { workflowsCollection, type WorkflowDocument } from '../workflows/workflow-documents';
import type { AlertSubscription } from './alert-subscriptions';
import { runFailuresCollection, type RunFailureDocument } from './run-failures';

/** What one digest reports: the failures of its window and the tasks overdue at its end. */
export interface DigestContent {
  failures: Array<RunFailureDocument & { workflowName: string }>;
  overdue: TaskDocument[];
}

/**
 * The failures recorded in `[from, until)` and the tasks open and overdue at `until`, as far as
 * the subscription asks for them.
 */
export async function collectDigest(
  db: Db,
  subscription: AlertSubscription,
  window: { from: string; until: string },
): Promise<DigestContent> {
  const failures = subscription.events.includes('runFailures')
    ? await db
        .collection<RunFailureDocument>(runFailuresCollection)
        .find({ failedAt: { $gte: window.from, $lt: window.until } })
        .sort({ failedAt: 1 })
        .limit(500)
        .toArray()
    : [];
  const overdue = subscription.events.includes('overdueTasks')
    ? await db
        .collection<TaskDocument>(tasksCollection)
        .find({ status: 'open', dueAt: { $lt: window.until } })
        .sort({ dueAt: 1 })
        .limit(500)
        .toArray()
    : [];
  const ids = [...new Set(failures.map((failure) => failure.workflowId))];
  const workflows = await db
    .collection<WorkflowDocument>(workflowsCollection)
    .find({ _id: { $in: ids } }, { projection: { name: 1 } })
    .toArray();
  const names = new Map(workflows.map((workflow) => [workflow._id, workflow.name]));
  return {
    failures: failures.map((failure) => ({
      ...failure,
      workflowName: names.get(failure.workflowId) ?? failure.workflowId,
    })),
    overdue,
  };
}

/**
 * The digest mail: a subject with the counts, then one line per failure (grouped by workflow and
 * node) and one per overdue task. Undefined when there is nothing to report.
 *
 * @example
 * composeDigest(content, { from: '2026-01-01T00:00:00Z', until: '2026-01-01T01:00:00Z' }).subject;
 * // 'Ledgerline: 2 failed runs, 1 overdue task'
 */
export function composeDigest(
  content: DigestContent,
  window: { from: string; until: string },
): { subject: string; body: string } | undefined {
  const { failures, overdue } = content;
  if (failures.length === 0 && overdue.length === 0) return undefined;
  const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  const counts = [
    ...(failures.length > 0 ? [plural(failures.length, 'failed run')] : []),
    ...(overdue.length > 0 ? [plural(overdue.length, 'overdue task')] : []),
  ];
  const lines = [`Between ${window.from} and ${window.until}:`, ''];
  if (failures.length > 0) {
    lines.push('Failed runs:');
    const groups = new Map<string, typeof failures>();
    for (const failure of failures) {
      const key = `${failure.workflowName} · node ${failure.nodeId ?? '(none)'}`;
      groups.set(key, [...(groups.get(key) ?? []), failure]);
    }
    for (const [key, group] of groups) {
      lines.push(`- ${key}: ${plural(group.length, 'run')}`);
      for (const failure of group) lines.push(`  ${failure._id}: ${failure.message}`);
    }
    lines.push('');
  }
  if (overdue.length > 0) {
    lines.push('Overdue tasks:');
    for (const task of overdue) {
      lines.push(`- ${task.title} (${task.escalatedTo ?? task.assigneeRole}), due ${task.dueAt ?? ''}`);
    }
  }
  return { subject: `Ledgerline: ${counts.join(', ')}`, body: lines.join('\n').trimEnd() };
}
