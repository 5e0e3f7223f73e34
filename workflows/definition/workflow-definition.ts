/**
 * The stored shape of a workflow: what the editor draws, the server versions and the worker runs.
 * Mirrors `workflow-definition.schema.json`, which is what input is validated against; these types
 * are hand-written because they are also the types the editor edits, and the schema test keeps the
 * two in step (see workflow-definition-schema.test.ts).
 */
export interface WorkflowDefinition {
  name: string;
  description?: string;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  settings?: WorkflowSettings;
  /** Sub-processes: named groups of nodes the editor can collapse or open alone. Runs ignore them. */
  groups?: WorkflowGroup[];
}

/**
 * A sub-process: a named group of nodes, drawn as one box when collapsed. Purely visual; the
 * interpreter never reads it (see the README's "Sub-processes").
 */
export interface WorkflowGroup {
  id: string;
  /** The stage's name, shown on its box and in the breadcrumb. */
  name: string;
  /** The ids of the nodes in the group; a node is in one group at most. */
  nodes: string[];
  /** Drawn as one box when the workflow opens. */
  collapsed?: boolean;
}

export interface WorkflowNode {
  /** Unique within the definition. Expressions refer to outputs by it: `$nodes.approve`. */
  id: string;
  /** A node type name from the registry, e.g. `entity.update`. */
  type: string;
  /** Literal values, or strings starting with `=` that are JSONata expressions. */
  params: Record<string, unknown>;
  position?: { x: number; y: number };
  label?: string;
  /** Overrides the node type's default retry policy, field by field (activity nodes only). */
  retry?: RetryPolicy;
  /** A disabled node is skipped: it passes control on through its `out` port if it has one. */
  disabled?: boolean;
}

export interface WorkflowEdge {
  id: string;
  source: string;
  /** The source node's output port; `out` when omitted. */
  sourcePort?: string;
  target: string;
}

export interface WorkflowSettings {
  /** Node visits a run may start before it fails as a runaway loop. Default 1000. */
  maxSteps?: number;
  /**
   * A published workflow started once per failed run of this one (see the README's "Credentials
   * and alerts"); runs started as error runs never start one themselves.
   */
  errorWorkflowId?: string;
}

/** How an activity is retried. Durations are ISO 8601 (`PT1S`). */
export interface RetryPolicy {
  maximumAttempts?: number;
  initialInterval?: string;
  backoffCoefficient?: number;
  maximumInterval?: string;
  /** Error types (the activity's failure type) that are never retried. */
  nonRetryableErrorTypes?: string[];
}

/** The port an edge leaves from when the edge does not name one. */
export const DEFAULT_PORT = 'out';

/** The port an I/O node's failure leaves by, when an edge is connected to it. */
export const ERROR_PORT = 'error';

/** The step limit a run has when its settings do not give one. */
export const DEFAULT_MAX_STEPS = 1000;
