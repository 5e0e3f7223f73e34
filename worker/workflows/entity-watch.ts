import { condition, proxyActivities } from '@temporalio/workflow';
import type { WaitForEntityRequest, WaitForEntityResult } from '../../workflows/interpreter';
import type { EntityChangedArgs } from '../../workflows/runtime/run-contract';
import type { ActivityCall } from './activity-contract';

const store = proxyActivities<{ 'entity.get': (call: ActivityCall) => Promise<unknown> }>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10, initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Re-read the record this often even without an `entityChanged` signal (a missed event, a direct DB write). */
const pollIntervalMs = 5 * 60 * 1000;

/**
 * `flow.waitFor`: the record is read once, then again whenever the `entityChanged` signal names it
 * (the signal's copy is used directly) or the poll interval passes, until `matches` accepts a version.
 */
export class EntityWatch {
  private readonly pending: EntityChangedArgs[] = [];

  constructor(
    private readonly runId: string,
    private readonly workflowId: string,
  ) {}

  /** The `entityChanged` signal handler. */
  changed(args: EntityChangedArgs): void {
    this.pending.push(args);
  }

  async wait(request: WaitForEntityRequest): Promise<WaitForEntityResult> {
    const deadline = request.timeoutMs === undefined ? undefined : Date.now() + request.timeoutMs;
    const read = () =>
      store['entity.get']({
        params: { entityType: request.entityType, id: request.id },
        idempotencyKey: request.idempotencyKey,
        runId: this.runId,
        workflowId: this.workflowId,
        nodeId: request.nodeId,
        visit: request.visit,
      });
    const isMine = (args: EntityChangedArgs) =>
      args.entityType === request.entityType && args.id === request.id;
    // Signals that arrived before this wait began are older than the read below.
    this.drop(isMine);
    let entity = await read();
    for (;;) {
      if (await request.matches(entity)) return { timedOut: false, entity };
      const remaining =
        deadline === undefined ? pollIntervalMs : Math.min(pollIntervalMs, deadline - Date.now());
      if (remaining <= 0) return { timedOut: true };
      const signalled = await condition(() => this.pending.some(isMine), remaining);
      if (signalled) {
        const latest = this.drop(isMine);
        entity = latest?.entity;
      } else if (deadline !== undefined && Date.now() >= deadline) {
        return { timedOut: true };
      } else {
        entity = await read();
      }
    }
  }

  /** Removes this request's signals and returns the newest. */
  private drop(isMine: (args: EntityChangedArgs) => boolean): EntityChangedArgs | undefined {
    let latest: EntityChangedArgs | undefined;
    for (let i = 0; i < this.pending.length;) {
      const args = this.pending[i] as EntityChangedArgs;
      if (isMine(args)) {
        latest = args;
        this.pending.splice(i, 1);
      } else i += 1;
    }
    return latest;
  }
}
