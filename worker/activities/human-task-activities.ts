import type { Db } from 'mongodb';
import { tasksCollection, type TaskDocument } from '../../domain/tasks/task-documents';
import { taskIdFor } from '../../domain/tasks/task-id';
import type { CreateTaskCall, TaskCompletionCall } from '../workflows/activity-contract';
import type { Mailer } from './mailer';

/**
 * The `tasks` collection side of human tasks. The run names a task by the node visit's idempotency
 * key; the document's id is that key made URL-safe (see domain/tasks/task-id.ts). Every write is
 * keyed by it and conditional on the status, so retries and replays change nothing.
 */
export function createHumanTaskActivities(deps: { db: Db; mailer: Mailer }) {
  const tasks = deps.db.collection<TaskDocument>(tasksCollection);
  /** The task a run names `key`, created with a URL-safe id or, before those, with the key as id. */
  const byKey = (key: string) => ({ _id: { $in: [taskIdFor(key), key] } });
  return {
    async 'human.createTask'(call: CreateTaskCall): Promise<void> {
      const { taskId, ...fields } = call;
      // A retry of a call made before ids were URL-safe finds its task under the key.
      if (await tasks.findOne({ _id: taskId }, { projection: { _id: 1 } })) return;
      await tasks.updateOne(
        { _id: taskIdFor(taskId) },
        { $setOnInsert: { ...fields, key: taskId, status: 'open' } },
        { upsert: true },
      );
    },
    /** Reassigns an overdue task to its escalation role and tells the holders of that role. */
    async 'human.escalateTask'(call: { taskId: string; escalateTo: string }): Promise<void> {
      await tasks.updateOne(
        { ...byKey(call.taskId), status: 'open', escalatedTo: { $exists: false } },
        { $set: { escalatedTo: call.escalateTo, escalatedAt: new Date().toISOString() } },
      );
      const task = await tasks.findOne(byKey(call.taskId));
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
      await tasks.updateOne(
        { ...byKey(taskId), status: 'open' },
        { $set: { ...fields, status: 'completed' } },
      );
    },
    /** Cancels one task (an SLA timeout) or every open task of a run (cancelled or ended). */
    async 'human.closeTasks'(call: { runId: string; taskId?: string; reason: string }): Promise<number> {
      const result = await tasks.updateMany(
        { runId: call.runId, status: 'open', ...(call.taskId === undefined ? {} : byKey(call.taskId)) },
        { $set: { status: 'cancelled', closedReason: call.reason, closedAt: new Date().toISOString() } },
      );
      return result.modifiedCount;
    },
  };
}

export type HumanTaskActivities = ReturnType<typeof createHumanTaskActivities>;
