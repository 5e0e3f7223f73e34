import type {
  ActivityRequest,
  ChildRunRequest,
  Effects,
  HumanTaskRequest,
  HumanTaskResult,
  WaitForEntityRequest,
  WaitForEntityResult,
} from '../interpreter/effects';

/** What a fake activity does: return (or resolve to) its output, or throw (reject) to fail. */
export type FakeActivity = (request: ActivityRequest) => unknown;

export interface FakeEffectsOptions {
  /** Activities by name; an activity without one returns `{ ok: true }`. */
  activities?: Record<string, FakeActivity>;
  humanTask?: (request: HumanTaskRequest) => HumanTaskResult | Promise<HumanTaskResult>;
  waitForEntity?: (request: WaitForEntityRequest) => WaitForEntityResult | Promise<WaitForEntityResult>;
  startChild?: (request: ChildRunRequest) => unknown;
  shouldContinueAsNew?: () => boolean;
  /** Milliseconds since the epoch the clock starts at. */
  startTime?: number;
  /** Behaviour changes this run takes the older path of, as when a recorded history replays. */
  unpatched?: string[];
}

/** The error pending effects reject with after `cancel()`. */
export class FakeCancellation extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledFailure';
  }
}

/**
 * Effects for tests and benchmarks: no server, a manual clock, a log of every call, and an
 * in-flight gauge that shows how many effects were running at once.
 */
export class FakeEffects implements Effects {
  /** Every activity request, in call order. */
  readonly activityCalls: ActivityRequest[] = [];
  readonly humanTasks: HumanTaskRequest[] = [];
  readonly sleeps: number[] = [];
  /** `start <activity> <nodeId>` and `end …` lines, in order. */
  readonly log: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  time: number;
  private cancelled = false;
  private nonCancellableDepth = 0;
  private readonly cancelWaiters: ((error: FakeCancellation) => void)[] = [];

  constructor(private readonly options: FakeEffectsOptions = {}) {
    this.time = options.startTime ?? Date.UTC(2025, 0, 31, 9, 0, 0);
  }

  now(): number {
    return this.time;
  }

  async runActivity(request: ActivityRequest): Promise<unknown> {
    this.activityCalls.push(request);
    const work = async () => {
      const activity = this.options.activities?.[request.activity];
      return activity ? await activity(request) : { ok: true };
    };
    return this.track(`${request.activity} ${request.nodeId}`, work, request.finishOnCancel);
  }

  /** Expression steps reported, in order. */
  readonly paced: number[] = [];

  pace(steps: number): Promise<void> {
    this.paced.push(steps);
    return Promise.resolve();
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    await this.track(`sleep ${ms}`, () => {
      this.time += ms;
      return Promise.resolve();
    });
  }

  humanTask(request: HumanTaskRequest): Promise<HumanTaskResult> {
    this.humanTasks.push(request);
    const handler = this.options.humanTask ?? (() => ({ outcome: 'approved' as const, completedBy: 'fake' }));
    return this.track(`task ${request.nodeId}`, async () => handler(request));
  }

  waitForEntity(request: WaitForEntityRequest): Promise<WaitForEntityResult> {
    const handler = this.options.waitForEntity ?? (() => ({ timedOut: true as const }));
    return this.track(`waitFor ${request.nodeId}`, async () => handler(request));
  }

  startChild(request: ChildRunRequest): Promise<unknown> {
    const handler = this.options.startChild ?? (() => ({ runId: request.idempotencyKey }));
    return this.track(`child ${request.nodeId}`, () => Promise.resolve(handler(request)));
  }

  async nonCancellable<T>(fn: () => Promise<T>): Promise<T> {
    this.nonCancellableDepth += 1;
    try {
      return await fn();
    } finally {
      this.nonCancellableDepth -= 1;
    }
  }

  shouldContinueAsNew(): boolean {
    return this.options.shouldContinueAsNew?.() ?? false;
  }

  isCancellation(error: unknown): boolean {
    return error instanceof FakeCancellation;
  }

  throwIfCancelled(): void {
    if (this.cancelled && this.nonCancellableDepth === 0) throw new FakeCancellation();
  }

  patched(changeId: string): boolean {
    return !(this.options.unpatched ?? []).includes(changeId);
  }

  /** Cancels the run: pending effects reject, and later ones too, except inside nonCancellable. */
  cancel(): void {
    this.cancelled = true;
    for (const reject of this.cancelWaiters.splice(0)) reject(new FakeCancellation());
  }

  /**
   * Runs an effect's work, counting it as in flight and letting cancel() interrupt it, unless it
   * runs inside nonCancellable or asked to finish on cancel (and started before the cancel).
   */
  private async track<T>(label: string, work: () => Promise<T>, finishOnCancel = false): Promise<T> {
    if (this.cancelled && finishOnCancel && this.nonCancellableDepth === 0) throw new FakeCancellation();
    const cancellable = this.nonCancellableDepth === 0 && !finishOnCancel;
    if (this.cancelled && cancellable) throw new FakeCancellation();
    this.log.push(`start ${label}`);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (!cancellable) return await work();
      return await new Promise<T>((resolve, reject) => {
        this.cancelWaiters.push(reject);
        work().then(resolve, reject);
      });
    } finally {
      this.inFlight -= 1;
      this.log.push(`end ${label}`);
    }
  }
}

/** A promise with its resolve and reject exposed, for tests that decide when an effect finishes. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
