import type { WorkflowNode } from '../definition/workflow-definition';
import type { ExpressionLimits } from '../expressions/evaluation-budget';
import type { ExpressionBindings, RunInfo } from '../expressions/expression-bindings';
import type { NodeTypeDeclaration } from '../node-types/node-type';
import type { Effects } from './effects';
import type { ActivationScope, CompensationRecord } from './run-state';

/** What a node executor gets: the node, its resolved params, its bindings and the effects. */
export interface ExecutionContext {
  readonly node: WorkflowNode;
  readonly declaration: NodeTypeDeclaration;
  readonly visit: number;
  /** The run step this visit is (1 for the trigger); orders writes to `$vars`. */
  readonly step: number;
  /** `<run.id>/<nodeId>/<visit>`. */
  readonly idempotencyKey: string;
  /** Params with every expression evaluated, except the type's deferred params. */
  readonly params: Record<string, unknown>;
  /** `$` for this visit: the output of the node that activated it. */
  readonly input: unknown;
  readonly scope: ActivationScope;
  /** The bindings the params were resolved with, for deferred params. */
  readonly bindings: ExpressionBindings;
  readonly limits: ExpressionLimits;
  readonly effects: Effects;
  readonly run: RunInfo;
  /** Whether an edge leaves the node by this port. */
  hasEdgeFrom(port: string): boolean;
  /** Marks the visit as waiting on something outside the run (a person, a timer, a record). */
  markWaiting(): void;
  /**
   * Records a completed compensable step. Once the run has stopped, only a step it waits for
   * (run through `trackStep`) is still recorded: the others were abandoned.
   */
  recordCompensation(record: CompensationRecord, options?: { tracked: boolean }): void;
  /**
   * Runs a compensable step so that, if the run fails or is cancelled meanwhile, it waits for the
   * step before compensating; a run cancelled meanwhile stops once the step is done. Refuses (a
   * RunFailure) once the run has stopped.
   */
  trackStep<T>(work: () => Promise<T>): Promise<T>;
  /** Runs a forEach body once per item, at most `concurrency` at a time; results in item order. */
  runBody(bodyId: string, items: readonly unknown[], concurrency: number): Promise<unknown[]>;
}

/**
 * How a node visit ended:
 * - `next`: leave by `port` (the other ports become dead paths), with this output and,
 *   optionally, a new scope for the branches that follow (data.set's `$vars`, an error port's `$error`);
 * - `end`: the run (or the forEach item) ends with this output;
 * - `fail`: the run fails with this message.
 */
export type NodeOutcome =
  | { kind: 'next'; port: string; output: unknown; scope?: ActivationScope }
  | { kind: 'end'; output: unknown }
  | { kind: 'fail'; message: string };

export type NodeExecutor = (context: ExecutionContext) => Promise<NodeOutcome>;
