import { CancellationScope, condition, patched, proxyActivities } from '@temporalio/workflow';
import type { WaitForEntityRequest, WaitForEntityResult } from '../../workflows/interpreter';
import type { EntityChangedArgs } from '../../workflows/runtime/run-contract';
import type { EntityWatchActivities } from '../activities/entity-watch-activities';
import type { ActivityCall } from './activity-contract';

const storeActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10, initialInterval: '1 second', maximumInterval: '30 seconds' },
} as const;

const store = proxyActivities<{ 'entity.get': (call: ActivityCall) => Promise<unknown> }>(
  storeActivityOptions,
);
const watches = proxyActivities<EntityWatchActivities>(storeActivityOptions);

/**
 * Runs from here on register a watch before they read the record, and the dispatcher signals them
 * each write after it; runs recorded before it read first and relied on the poll (see the
 * DETERMINISM RULE in interpreted-workflow.ts).
 */
export const entityWatchPatch = 'flow-wait-for-registers-watch';

/** Re-read the record this often even without an `entityChanged` signal (a missed event, a direct DB write). */
const pollIntervalMs = 5 * 60 * 1000;

/**
 * `flow.waitFor`: the record is read once, then tested again with each version an `entityChanged`
 * signal brings (the dispatcher sends one for every write of the record while the run waits) or,
 * as a fallback, re-read when the poll interval passes, until `matches` accepts a version.
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
    return patched(entityWatchPatch) ? this.waitOnEvents(request) : this.waitByPolling(request);
  }

  /**
   * Registers the watch and reads the record in one activity, so that no write can fall between
   * the read and the signals. Signalled versions no newer than one already tested are dropped (a
   * write dispatched late may arrive after a read that saw it). The watch is removed however the
   * wait ends.
   */
  private async waitOnEvents(request: WaitForEntityRequest): Promise<WaitForEntityResult> {
    const deadline = request.timeoutMs === undefined ? undefined : Date.now() + request.timeoutMs;
    const call = this.call(request);
    const isMine = this.isMine(request);
    this.drop(isMine);
    try {
      let candidates = [await watches['entity.watch'](call)];
      let seen: number | undefined;
      for (;;) {
        for (const entity of candidates) {
          seen = versionOf(entity) ?? seen;
          if (await request.matches(entity)) return { timedOut: false, entity };
        }
        const remaining =
          deadline === undefined ? pollIntervalMs : Math.min(pollIntervalMs, deadline - Date.now());
        if (remaining <= 0) return { timedOut: true };
        if (await condition(() => this.pending.some(isMine), remaining)) {
          candidates = this.take(isMine)
            .map((args) => args.entity)
            .filter((entity) => isNewer(entity, seen))
            .sort((a, b) => (versionOf(a) ?? 0) - (versionOf(b) ?? 0));
        } else if (deadline !== undefined && Date.now() >= deadline) {
          return { timedOut: true };
        } else {
          candidates = [await store['entity.get'](call)];
        }
      }
    } finally {
      await CancellationScope.nonCancellable(() => watches['entity.unwatch'](call));
    }
  }

  /** The wait of runs that started before {@link entityWatchPatch}: read first, then signals or the poll. */
  private async waitByPolling(request: WaitForEntityRequest): Promise<WaitForEntityResult> {
    const deadline = request.timeoutMs === undefined ? undefined : Date.now() + request.timeoutMs;
    const read = () => store['entity.get'](this.call(request));
    const isMine = this.isMine(request);
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

  private call(request: WaitForEntityRequest): ActivityCall {
    return {
      params: { entityType: request.entityType, id: request.id },
      idempotencyKey: request.idempotencyKey,
      runId: this.runId,
      workflowId: this.workflowId,
      nodeId: request.nodeId,
      visit: request.visit,
    };
  }

  private isMine(request: WaitForEntityRequest): (args: EntityChangedArgs) => boolean {
    return (args) => args.entityType === request.entityType && args.id === request.id;
  }

  /** Removes this request's signals and returns the newest. */
  private drop(isMine: (args: EntityChangedArgs) => boolean): EntityChangedArgs | undefined {
    return this.take(isMine).at(-1);
  }

  /** Removes this request's signals and returns them in arrival order. */
  private take(isMine: (args: EntityChangedArgs) => boolean): EntityChangedArgs[] {
    const taken: EntityChangedArgs[] = [];
    for (let i = 0; i < this.pending.length;) {
      const args = this.pending[i] as EntityChangedArgs;
      if (isMine(args)) {
        taken.push(args);
        this.pending.splice(i, 1);
      } else i += 1;
    }
    return taken;
  }
}

function versionOf(entity: unknown): number | undefined {
  const version = (entity as { version?: unknown } | null | undefined)?.version;
  return typeof version === 'number' ? version : undefined;
}

/** Whether a signalled version is later than the newest one tested (unversioned ones always count). */
function isNewer(entity: unknown, seen: number | undefined): boolean {
  const version = versionOf(entity);
  return version === undefined || seen === undefined || version > seen;
}
