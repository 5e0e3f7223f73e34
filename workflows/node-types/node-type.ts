import type { JsonSchema } from '../definition/json-schema';
import type { RetryPolicy } from '../definition/workflow-definition';
import { DEFAULT_PORT, ERROR_PORT } from '../definition/workflow-definition';

/** Palette sections of the editor. */
export type NodeGroup = 'trigger' | 'data' | 'logic' | 'flow' | 'people' | 'integration' | 'domain';

/**
 * How the interpreter runs a node:
 * - `trigger`: starts a run; never executed inside one;
 * - `pure`: computed in the workflow from its params, no effect at all;
 * - `activity`: I/O, run as a Temporal activity through `effects.runActivity`, with retries, an
 *   idempotency key and an optional `error` port;
 * - `control`: needs a dedicated effect or scheduler support (timers, human tasks, waiting for an
 *   entity, child runs, forEach, join, end and fail).
 */
export type NodeExecution = 'trigger' | 'pure' | 'activity' | 'control';

/** Output ports that depend on the node's params, such as a switch's case ports. */
export interface PortsFromParams {
  /** Shown by the editor and `GET /api/node-types`, e.g. "one per case port, then default". */
  readonly describe: string;
  /** The ports for these params; must tolerate params that are not valid yet (editor drafts). */
  readonly of: (params: Record<string, unknown>) => string[];
}

/** Defaults for an activity node; a node's `retry` overrides the policy field by field. */
export interface ActivityDefaults {
  readonly retry: Required<RetryPolicy>;
  /** ISO 8601 duration for one attempt (Temporal's startToCloseTimeout). */
  readonly startToCloseTimeout: string;
}

/** How a completed step is undone when its run later fails or is cancelled. */
export interface Compensation {
  /** The activity that undoes the step; the worker must provide it. */
  readonly activity: string;
  readonly description: string;
  /**
   * Params for the undo activity from the step's resolved params and its output; undefined when
   * the output shows there is nothing to undo. Must be pure: it runs inside the workflow.
   */
  readonly params: (params: Record<string, unknown>, output: unknown) => Record<string, unknown> | undefined;
}

/** One node type, declared once; the palette, inspector forms, validation and worker all read it. */
export interface NodeTypeDeclaration {
  readonly type: string;
  readonly group: NodeGroup;
  readonly label: string;
  readonly description: string;
  /** Draft-07 object schema with `additionalProperties: false`, titles and descriptions for forms. */
  readonly paramsSchema: JsonSchema;
  /** Output ports, not counting the `error` port every activity node has. */
  readonly ports: readonly string[] | PortsFromParams;
  readonly outputDescription: string;
  readonly execution: NodeExecution;
  /** Present exactly when `execution` is `activity`. The activity is named like the node type. */
  readonly activity?: ActivityDefaults;
  readonly compensation?: Compensation;
  /**
   * Params the interpreter must not resolve before the node starts, because the node evaluates
   * them itself with extra bindings (flow.waitFor evaluates `condition` against each new version
   * of the entity).
   */
  readonly deferredParams?: readonly string[];
  /**
   * The entity writes a node of this type makes whatever its params (a domain node's own records),
   * checked at publish against the publisher's roles; the `entity.*` nodes name theirs in params.
   */
  readonly entityWrites?: readonly { readonly type: string; readonly action: 'create' | 'update' }[];
}

/**
 * The ports a node can leave by: its type's ports for its params, plus `error` for activity nodes.
 *
 * @example
 * outputPorts(nodeTypes['logic.if'], { condition: true }); // ['true', 'false']
 * outputPorts(nodeTypes['entity.get'], { entityType: 'account', id: '1' }); // ['out', 'error']
 */
export function outputPorts(declaration: NodeTypeDeclaration, params: Record<string, unknown>): string[] {
  const ports = isPortsFromParams(declaration.ports) ? declaration.ports.of(params) : [...declaration.ports];
  return declaration.execution === 'activity' ? [...ports, ERROR_PORT] : ports;
}

/** Whether the node type's ports depend on params. */
export function isPortsFromParams(ports: NodeTypeDeclaration['ports']): ports is PortsFromParams {
  return !Array.isArray(ports);
}

/** The ports of almost every node type. */
export const singleOutPort: readonly string[] = [DEFAULT_PORT];
