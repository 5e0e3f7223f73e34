import {
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { createHash } from 'node:crypto';
import { canonicalJson, sameValue } from '../events/change-event';
import type { Db, Filter } from 'mongodb';
import { completeTaskUpdateName, type CompleteTaskArgs } from '../../workflows/runtime/run-contract';
import { appendAudit } from '../audit/audit-log';
import { UnusableSchemaError, validateAgainstSchema } from '../workflows/user-schema-validation';
import { taskIdCandidates } from './task-id';
import {
  outcomesByKind,
  mayDecide,
  rolesThatMayComplete,
  tasksCollection,
  type TaskDocument,
  type TaskStatus,
} from './task-documents';
import {
  CompletionRejectedError,
  InvalidCompletionError,
  RunUnavailableError,
  TaskForbiddenError,
  TaskNotFoundError,
  TaskNotOpenError,
} from './task-errors';

/** Who completes a task: the roles decide whether they may, the rest is recorded. */
export interface TaskActor {
  userId: string;
  email: string;
  roles: readonly string[];
}

export interface TaskListQuery {
  status?: TaskStatus;
  /**
   * Only tasks assigned (or escalated) to one of these roles, or to `userId` by name; a task named
   * for one user is not in the other role holders' lists.
   */
  roles?: readonly string[];
  userId?: string;
  runId?: string;
  workflowId?: string;
  limit?: number;
}

export interface TaskCompletion {
  outcome: string;
  data?: unknown;
  comment?: string;
}

export type TaskStore = ReturnType<typeof createTaskStore>;

/** How long the API waits for the run to accept a completion before it answers 503. */
const updateTimeoutMs = 30_000;
export const maxTaskListLimit = 200;

/**
 * The human-task inbox over the `tasks` collection, and completion, which hands the decision to
 * the run as a Temporal update and only then marks the task completed.
 *
 * @example
 * const tasks = createTaskStore(db);
 * await tasks.complete('task-1', { outcome: 'approved', data: {} }, actor, temporal);
 */
export function createTaskStore(db: Db, options: { now?: () => Date } = {}) {
  const tasks = db.collection<TaskDocument>(tasksCollection);
  const now = () => (options.now ?? (() => new Date()))().toISOString();

  async function get(id: string): Promise<TaskDocument> {
    const task = await tasks.findOne({ _id: { $in: taskIdCandidates(id) } });
    if (!task) throw new TaskNotFoundError(`task ${id} does not exist`);
    return task;
  }

  /** Everything that can be checked before the run is asked: role, status, outcome, form data. */
  function checkCompletion(task: TaskDocument, completion: TaskCompletion, actor: TaskActor): void {
    if (!mayDecide(task, actor)) {
      const to =
        task.assignee === undefined
          ? `the role ${rolesThatMayComplete(task).join(' or ')}`
          : `the user ${task.assignee}${task.escalatedTo === undefined ? '' : ` or the role ${task.escalatedTo}`}`;
      throw new TaskForbiddenError(`task ${task._id} is assigned to ${to}`);
    }
    if (task.status !== 'open') throw new TaskNotOpenError(`task ${task._id} is already ${task.status}`);
    if (task.kind === 'approval' && task.requestedBy?.includes(actor.userId)) {
      throw new TaskForbiddenError(
        `task ${task._id} was requested by you (you started its run or made the change that triggered it); another holder of the role ${rolesThatMayComplete(task).join(' or ')} must decide it`,
      );
    }
    const outcomes = outcomesByKind[task.kind];
    if (!outcomes.includes(completion.outcome)) {
      throw new InvalidCompletionError(`outcome must be one of: ${outcomes.join(', ')}`, [
        { path: 'outcome', message: `must be one of: ${outcomes.join(', ')}` },
      ]);
    }
    if (task.formSchema === undefined) return;
    let issues;
    try {
      issues = validateAgainstSchema(task.formSchema, completion.data ?? {}, 'data');
    } catch (error: unknown) {
      if (!(error instanceof UnusableSchemaError)) throw error;
      throw new InvalidCompletionError(`task ${task._id} has an unusable form schema: ${error.message}`);
    }
    if (issues.length > 0) throw new InvalidCompletionError('data does not match the task form', issues);
  }

  /** Whether `task` was completed by `actor` with exactly this completion. */
  function repeats(task: TaskDocument, completion: TaskCompletion, actor: TaskActor): boolean {
    return (
      task.status === 'completed' &&
      task.completedBy?.userId === actor.userId &&
      task.outcome === completion.outcome &&
      sameValue(task.data ?? {}, completion.data ?? {})
    );
  }

  async function handToRun(temporal: Client, task: TaskDocument, args: CompleteTaskArgs): Promise<void> {
    const handle = temporal.workflow.getHandle(task.runId);
    try {
      // The same completion sent again (a retry after a lost answer or a timeout) carries the same
      // update id, so Temporal answers it with the first one's outcome instead of refusing it.
      await temporal.withDeadline(Date.now() + updateTimeoutMs, () =>
        handle.executeUpdate(completeTaskUpdateName, { args: [args], updateId: completionUpdateId(args) }),
      );
    } catch (error: unknown) {
      if (error instanceof WorkflowUpdateFailedError) {
        const reason = error.cause?.message ?? error.message;
        throw new CompletionRejectedError(`the run refused the completion of task ${task._id}: ${reason}`);
      }
      if (error instanceof WorkflowNotFoundError) {
        throw new CompletionRejectedError(`the run ${task.runId} of task ${task._id} has ended`);
      }
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
        throw new RunUnavailableError(`the run ${task.runId} did not answer in time; try again`);
      }
      throw error;
    }
  }

  return {
    async ensureIndexes(): Promise<void> {
      await tasks.createIndex({ status: 1, assigneeRole: 1, createdAt: -1 });
      await tasks.createIndex({ runId: 1 });
    },

    /** Tasks matching every given filter, newest first. */
    async list(query: TaskListQuery = {}): Promise<TaskDocument[]> {
      const filter: Filter<TaskDocument> = {};
      if (query.status !== undefined) filter.status = query.status;
      if (query.runId !== undefined) filter.runId = query.runId;
      if (query.workflowId !== undefined) filter.workflowId = query.workflowId;
      if (query.roles !== undefined) {
        filter.$or = [
          { assigneeRole: { $in: [...query.roles] }, assignee: { $exists: false } },
          { escalatedTo: { $in: [...query.roles] } },
          ...(query.userId === undefined ? [] : [{ assignee: query.userId }]),
        ];
      }
      const limit = Math.min(query.limit ?? 50, maxTaskListLimit);
      return tasks.find(filter).sort({ createdAt: -1, _id: 1 }).limit(limit).toArray();
    },

    get,

    /**
     * Completes an open task: checks the caller's role, the outcome and the data against the task's
     * form schema, hands the decision to the run as the `completeTask` update (whose validator refuses a
     * task that is unknown or already completed), then marks the task completed and audits it. A second
     * completion gets {@link TaskNotOpenError} or {@link CompletionRejectedError}, both HTTP 409.
     */
    async complete(
      id: string,
      completion: TaskCompletion,
      actor: TaskActor,
      temporal: Client,
    ): Promise<TaskDocument> {
      const task = await get(id);
      // A repeat of the completion that completed the task answers as the first did.
      if (repeats(task, completion, actor)) return task;
      checkCompletion(task, completion, actor);
      const completedBy = { userId: actor.userId, email: actor.email };
      const data = completion.data ?? {};
      try {
        await handToRun(temporal, task, {
          taskId: task.key ?? task._id,
          outcome: completion.outcome,
          data,
          completedBy,
          ...(completion.comment === undefined ? {} : { comment: completion.comment }),
        });
      } catch (error: unknown) {
        // The run may have taken this very completion already (its answer was lost) and ended.
        const now = error instanceof CompletionRejectedError ? await get(task._id) : undefined;
        if (now !== undefined && repeats(now, completion, actor)) return now;
        throw error;
      }
      const completedAt = now();
      // The worker may already have recorded the completion the run accepted; either write wins once.
      await tasks.updateOne(
        { _id: task._id, status: 'open' },
        {
          $set: {
            status: 'completed',
            outcome: completion.outcome,
            data,
            completedBy,
            completedAt,
            ...(completion.comment === undefined ? {} : { comment: completion.comment }),
          },
        },
      );
      await appendAudit(
        db,
        {
          actor: { userId: actor.userId },
          action: 'task.completed',
          resource: 'task',
          resourceId: task._id,
          diff: {
            status: { from: 'open', to: 'completed' },
            outcome: { to: completion.outcome },
            data: { to: data },
          },
          at: completedAt,
          runId: task.runId,
        },
        `task.completed:${task._id}`,
      );
      return get(task._id);
    },
  };
}

/** The update id of a completion: the same for the same task, outcome, data, comment and user. */
function completionUpdateId(args: CompleteTaskArgs): string {
  const { taskId, outcome, data, comment, completedBy } = args;
  const digest = createHash('sha256')
    .update(canonicalJson({ taskId, outcome, data, comment: comment ?? null, userId: completedBy.userId }))
    .digest('hex');
  return `complete-${digest.slice(0, 40)}`;
}
