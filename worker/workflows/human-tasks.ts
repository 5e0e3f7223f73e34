import { ApplicationFailure, condition, proxyActivities } from '@temporalio/workflow';
import type { HumanTaskRequest, HumanTaskResult } from '../../workflows/interpreter';
import type { CompleteTaskArgs } from '../../workflows/runtime/run-contract';
import type { HumanTaskActivities } from '../activities/human-task-activities';

const outcomesByKind: Record<HumanTaskRequest['kind'], readonly string[]> = {
  approval: ['approved', 'rejected'],
  task: ['completed'],
};

const tasks = proxyActivities<HumanTaskActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10, initialInterval: '1 second', maximumInterval: '30 seconds' },
});

interface OpenTask {
  kind: HumanTaskRequest['kind'];
  completion: CompleteTaskArgs | undefined;
}

/**
 * The human tasks of one run that wait for completion. The `completeTask` update's validator asks
 * it whether a task is open, so an unknown or already-completed task is rejected before it reaches
 * history (the API maps that rejection to 409).
 */
export class HumanTaskBoard {
  private readonly open = new Map<string, OpenTask>();

  constructor(
    private readonly runId: string,
    private readonly workflowId: string,
  ) {}

  get hasOpenTasks(): boolean {
    return this.open.size > 0;
  }

  /** Throws when the update may not complete a task; runs only for new updates, never on replay. */
  validate(args: CompleteTaskArgs): void {
    const task = this.open.get(args.taskId);
    if (!task || task.completion) {
      throw ApplicationFailure.nonRetryable(`Task ${args.taskId} is not open in this run`, 'TaskNotOpen');
    }
    if (!outcomesByKind[task.kind].includes(args.outcome)) {
      throw ApplicationFailure.nonRetryable(
        `Outcome ${JSON.stringify(args.outcome)} is not one of ${outcomesByKind[task.kind].join(', ')}`,
        'InvalidOutcome',
      );
    }
  }

  complete(args: CompleteTaskArgs): { taskId: string; outcome: string } {
    this.validate(args);
    const task = this.open.get(args.taskId);
    if (task) task.completion = args;
    return { taskId: args.taskId, outcome: args.outcome };
  }

  /**
   * Creates the task (idempotently: its id is the node visit's idempotency key) and waits for
   * its completion. When it is overdue it escalates once (and keeps waiting) if `escalateTo` is
   * set, else it resolves with `timeout`.
   */
  async wait(request: HumanTaskRequest): Promise<HumanTaskResult> {
    const taskId = request.idempotencyKey;
    const task: OpenTask = { kind: request.kind, completion: undefined };
    this.open.set(taskId, task);
    const now = Date.now();
    await tasks['human.createTask']({
      taskId,
      runId: this.runId,
      workflowId: this.workflowId,
      nodeId: request.nodeId,
      visit: request.visit,
      kind: request.kind,
      assigneeRole: request.assigneeRole,
      ...(request.assignee === undefined ? {} : { assignee: request.assignee }),
      title: request.title,
      ...(request.description === undefined ? {} : { description: request.description }),
      ...(request.formSchema === undefined ? {} : { formSchema: request.formSchema }),
      ...(request.dueInMs === undefined ? {} : { dueAt: new Date(now + request.dueInMs).toISOString() }),
      // Only the activity's input grows: the commands (and so replay) stay the same.
      ...(request.related === undefined ? {} : { related: request.related }),
      ...(request.requestedBy === undefined ? {} : { requestedBy: request.requestedBy }),
      createdAt: new Date(now).toISOString(),
    });
    const done = () => task.completion !== undefined;
    if (request.dueInMs === undefined) {
      await condition(done);
    } else if (!(await condition(done, Math.max(request.dueInMs - (Date.now() - now), 1)))) {
      if (request.escalateTo === undefined) {
        this.open.delete(taskId);
        await tasks['human.closeTasks']({ runId: this.runId, taskId, reason: 'timedOut' });
        return { outcome: 'timeout' };
      }
      await tasks['human.escalateTask']({ taskId, escalateTo: request.escalateTo });
      await condition(done);
    }
    this.open.delete(taskId);
    const completion = task.completion as unknown as CompleteTaskArgs;
    await tasks['human.recordCompletion']({
      taskId,
      outcome: completion.outcome,
      data: completion.data,
      completedBy: completion.completedBy,
      ...(completion.comment === undefined ? {} : { comment: completion.comment }),
      completedAt: new Date(Date.now()).toISOString(),
    });
    return {
      outcome: completion.outcome as HumanTaskResult['outcome'],
      data: completion.data,
      completedBy: completion.completedBy.userId,
    };
  }

  /** Cancels every task of the run still open (after a cancellation, failure or early end). */
  async closeAll(): Promise<void> {
    this.open.clear();
    await tasks['human.closeTasks']({ runId: this.runId, reason: 'cancelled' });
  }
}
