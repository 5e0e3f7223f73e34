import type { Db } from 'mongodb';
import { tasksCollection, type TaskDocument } from '../../domain/tasks/task-documents';
import type { CreateTaskCall, TaskCompletionCall } from '../workflows/activity-contract';
import type { Mailer } from './mailer';

/**
 * The `tasks` collection side of human tasks. Every write is keyed by the task id (the node
 * visit's idempotency key) and conditional on the status, so retries and replays change nothing.
 */
export function createHumanTaskActivities(deps: { db: Db; mailer: Mailer }) {
  const tasks = deps.db.collection<TaskDocument>(tasksCollection);
  return {
    async 'human.createTask'(call: CreateTaskCall): Promise<void> {
      const { taskId, ...fields } = call;
      await tasks.updateOne(
        { _id: taskId },
        { $setOnInsert: { ...fields, status: 'open' } },
        { upsert: true },
      );
    },
    /** Reassigns an overdue task to its escalation role and tells the holders of that role. */
    async 'human.escalateTask'(call: { taskId: string; escalateTo: string }): Promise<void> {
      await tasks.updateOne(
        { _id: call.taskId, status: 'open', escalatedTo: { $exists: false } },
        { $set: { escalatedTo: call.escalateTo, escalatedAt: new Date().toISOString() } },
      );
      const task = await tasks.findOne({ _id: call.taskId });
      const users = await deps.db
        .collection<{ email: string; roles: string[]; active: boolean }>('users')
        .find({ roles: call.escalateTo, active: { $ne: false } })
        .toArray();
      for (const user of users) {
        await deps.mailer.send({
          key: `${call.taskId}/escalate/${user.email}`,
          to: user.email,
          subject: `Overdue task escalated to you: ${task?.title ?? call.taskId}`,
          body: `The task "${task?.title ?? call.taskId}" passed its due time and is now assigned to ${call.escalateTo}.`,
        });
      }
    },
    async 'human.recordCompletion'(call: TaskCompletionCall): Promise<void> {
      const { taskId, ...fields } = call;
      await tasks.updateOne({ _id: taskId, status: 'open' }, { $set: { ...fields, status: 'completed' } });
    },
    /** Cancels one task (an SLA timeout) or every open task of a run (cancelled or ended). */
    async 'human.closeTasks'(call: { runId: string; taskId?: string; reason: string }): Promise<number> {
      const result = await tasks.updateMany(
        { runId: call.runId, status: 'open', ...(call.taskId === undefined ? {} : { _id: call.taskId }) },
        { $set: { status: 'cancelled', closedReason: call.reason, closedAt: new Date().toISOString() } },
      );
      return result.modifiedCount;
    },
  };
}

export type HumanTaskActivities = ReturnType<typeof createHumanTaskActivities>;
