import type { Db } from 'mongodb';
import { Gauge, type Registry } from 'prom-client';
import { failureCounts } from '../../domain/alerts/run-failures';
import { tasksCollection, type TaskDocument } from '../../domain/tasks';

/**
 * Adds the operators' gauges to `registry`, read from the store at each scrape so every API server
 * reports the same numbers:
 * - `ledgerline_run_failures{workflow_id, node_id}`: failed runs recorded, by workflow and node;
 * - `ledgerline_task_backlog{role}`: open tasks by the role that must act now (after escalation);
 * - `ledgerline_tasks_overdue`: open tasks past their due time.
 */
export function registerOperationalMetrics(
  registry: Registry,
  db: Db,
  now: () => Date = () => new Date(),
): void {
  new Gauge({
    name: 'ledgerline_run_failures',
    help: 'Failed runs recorded in the store, by workflow and failing node',
    labelNames: ['workflow_id', 'node_id'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { workflowId, nodeId, count } of await failureCounts(db)) {
        this.set({ workflow_id: workflowId, node_id: nodeId ?? '' }, count);
      }
    },
  });
  const readOpenTasks = () =>
    db
      .collection<TaskDocument>(tasksCollection)
      .find({ status: 'open' }, { projection: { assigneeRole: 1, escalatedTo: 1, dueAt: 1 } })
      .toArray();
  new Gauge({
    name: 'ledgerline_task_backlog',
    help: 'Open human tasks by the role that must complete them now',
    labelNames: ['role'],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = new Map<string, number>();
      for (const task of await readOpenTasks()) {
        const role = task.escalatedTo ?? task.assigneeRole;
        counts.set(role, (counts.get(role) ?? 0) + 1);
      }
      for (const [role, count] of counts) this.set({ role }, count);
    },
  });
  new Gauge({
    name: 'ledgerline_tasks_overdue',
    help: 'Open human tasks past their due time',
    registers: [registry],
    async collect() {
      const at = now().toISOString();
      this.set((await readOpenTasks()).filter((task) => task.dueAt !== undefined && task.dueAt < at).length);
    },
  });
}
