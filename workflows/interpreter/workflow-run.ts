import { buildGraph } from '../definition/graph';
import { DEFAULT_MAX_STEPS } from '../definition/workflow-definition';
import type { ExpressionLimits } from '../expressions/evaluation-budget';
import { workflowExpressionLimits } from '../expressions/evaluation-budget';
import { getNodeType } from '../node-types/registry';
import { compensate } from './compensation';
import type { Effects } from './effects';
import { InFlightSteps } from './in-flight-steps';
import type { RunContext, RunRequest } from './run-context';
import { describeError, RunFailure } from './run-failure';
import type { RunState } from './run-state';
import { emptyRunState } from './run-state';
import { Scheduler } from './scheduler';
import type { TraceEntry, TraceLimits } from './trace';
import { defaultTraceLimits, TraceRecorder } from './trace';

export interface RunOptions {
  /** The state a previous execution handed to continue-as-new; absent for a new run. */
  state?: RunState;
  limits?: ExpressionLimits;
  traceLimits?: TraceLimits;
}

/** A run either completes with an output or hands its state to continue-as-new; failures throw. */
export type RunOutcome = { kind: 'completed'; output: unknown } | { kind: 'continueAsNew'; state: RunState };

/**
 * One run of a workflow definition, from its start trigger (or from a continue-as-new state) to
 * its end. Create it, register `trace()` as the run's query, then `execute()` once.
 *
 * - The output is that of the `flow.end` that ran; without one, that of the last visit that ended
 *   a branch (left by a port with no edge).
 * - A failure throws a RunFailure after the completed compensable steps are undone; a
 *   cancellation (an effect rejecting with an error `effects.isCancellation` accepts) is rethrown
 *   as is, also after compensating. Compensable steps of every branch and forEach item count,
 *   those still running when the run stopped too: the run waits for them to end first.
 * - `flow.end`, `flow.fail` and failures abandon branches still in flight: the interpreter stops
 *   waiting for them and ignores what they do next. The Temporal workflow should run the
 *   interpreter in a CancellationScope and cancel it afterwards, to stop their timers,
 *   activities, child runs and human tasks.
 *
 * @example
 * const run = new WorkflowRun({ definition, startNodeId: 'start', trigger, input, run: info }, effects);
 * setHandler(traceQuery, () => run.trace());
 * const outcome = await run.execute();
 * if (outcome.kind === 'continueAsNew') await continueAsNew({ ...args, state: outcome.state });
 */
export class WorkflowRun {
  private readonly context: RunContext;
  private readonly resumed: boolean;
  private executed = false;

  constructor(request: RunRequest, effects: Effects, options: RunOptions = {}) {
    const state = options.state ?? emptyRunState();
    this.resumed = options.state !== undefined;
    this.context = {
      request,
      graph: buildGraph(request.definition),
      state,
      effects,
      trace: new TraceRecorder(state, () => effects.now(), options.traceLimits ?? defaultTraceLimits),
      maxSteps: request.definition.settings?.maxSteps ?? DEFAULT_MAX_STEPS,
      limits: options.limits ?? workflowExpressionLimits,
      inFlight: new InFlightSteps(),
      halted: false,
    };
  }

  /** Every node visit so far, as a snapshot: safe to return from a query at any moment. */
  trace(): TraceEntry[] {
    return this.context.trace.snapshot();
  }

  /** Trace entries dropped so far to keep the state small. */
  traceDropped(): number {
    return this.context.state.traceDropped;
  }

  async execute(): Promise<RunOutcome> {
    if (this.executed) throw new Error('A WorkflowRun executes once');
    this.executed = true;
    const { context } = this;
    try {
      const scheduler = new Scheduler(context, context.state.region);
      if (!this.resumed) scheduler.seed(this.startNode());
      const result = await scheduler.run();
      if (result.kind === 'drained') return { kind: 'continueAsNew', state: context.state };
      context.state.compensations = [];
      return { kind: 'completed', output: result.output };
    } catch (error: unknown) {
      context.halted = true;
      // A sibling branch's or forEach item's compensable step may still be running: once it ends,
      // what it did is recorded and undone with the rest. With none, compensation starts in the
      // same turn as before, as histories recorded earlier expect.
      if (context.inFlight.busy) await context.inFlight.settle();
      const failures = await compensate(context);
      if (context.effects.isCancellation(error)) throw error;
      const failure =
        error instanceof RunFailure
          ? error
          : new RunFailure({ code: 'internal', message: describeError(error).message });
      throw failures.length > 0 ? failure.withCompensationFailures(failures) : failure;
    } finally {
      context.halted = true;
    }
  }

  private startNode(): string {
    const { startNodeId, definition } = this.context.request;
    const node = this.context.graph.nodes.get(startNodeId);
    if (!node || getNodeType(node.type)?.execution !== 'trigger') {
      throw new RunFailure({
        code: 'invalid_start',
        message: `Workflow ${JSON.stringify(definition.name)} has no trigger node ${JSON.stringify(startNodeId)}`,
      });
    }
    return startNodeId;
  }
}

/** Runs a workflow to its outcome; see WorkflowRun. */
export function runWorkflow(
  request: RunRequest,
  effects: Effects,
  options?: RunOptions,
): Promise<RunOutcome> {
  return new WorkflowRun(request, effects, options).execute();
}
