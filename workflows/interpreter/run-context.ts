import type { WorkflowGraph } from '../definition/graph';
import type { WorkflowDefinition } from '../definition/workflow-definition';
import type { ExpressionLimits } from '../expressions/evaluation-budget';
import type { RunInfo } from '../expressions/expression-bindings';
import type { Effects } from './effects';
import type { InFlightSteps } from './in-flight-steps';
import type { RunState } from './run-state';
import type { TraceRecorder } from './trace';

/** What starts a run: the definition of the version it runs, the trigger that fired and its event. */
export interface RunRequest {
  definition: WorkflowDefinition;
  /** The id of the trigger node that started the run. */
  startNodeId: string;
  /** `$trigger`: the event (for entity triggers `{event, entity, previous, changes}`). */
  trigger: unknown;
  /** `$input`: the run's input. */
  input: unknown;
  run: RunInfo;
}

/** Everything the schedulers of one run share: the forEach item regions included. */
export interface RunContext {
  readonly request: RunRequest;
  readonly graph: WorkflowGraph;
  readonly state: RunState;
  readonly effects: Effects;
  readonly trace: TraceRecorder;
  readonly maxSteps: number;
  readonly limits: ExpressionLimits;
  /** Compensable steps under way, which a failing or cancelled run waits for before undoing. */
  readonly inFlight: InFlightSteps;
  /**
   * Set once the run has ended, failed or been cancelled: regions still running (abandoned
   * branches, forEach items) start nothing more.
   */
  halted: boolean;
}
