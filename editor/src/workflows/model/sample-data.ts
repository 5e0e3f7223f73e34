import type { ExpressionBindings, TraceEntry, WorkflowDefinition } from './core';
import { nodeOutputs } from './trace-overlay';

/**
 * The data an expression preview evaluates against: a trigger sample (a recent record shaped as an
 * entity event, or the manual input) or what a past run saw (its trigger, input and node outputs).
 */
export interface SampleData {
  /** Shown beside the preview: where the data comes from. */
  label: string;
  trigger: unknown;
  input: unknown;
  /** `$nodes`: each node's latest output. */
  nodes: Record<string, unknown>;
}

// Fields of a stored record a trigger never sees (the outbox and write bookkeeping).
const internalFields = new Set(['_events', '_outboxRev', '_idem', '_applied']);

/**
 * A record shaped as the event `trigger.entity` hands its run, `{event, entity, previous, changes}`.
 * For `created`, every field is a change; for `updated` and `deleted` the sample has no earlier
 * version to compare with, so `previous` and `changes` are empty.
 *
 * @example
 * entityEventSample({ _id: 'q1', status: 'draft' }, 'created');
 * // { event: 'created', entity: { _id: 'q1', status: 'draft' }, previous: {}, changes: { _id: { to: 'q1' }, status: { to: 'draft' } } }
 */
export function entityEventSample(record: Record<string, unknown>, event: 'created' | 'updated' | 'deleted') {
  const entity = Object.fromEntries(Object.entries(record).filter(([key]) => !internalFields.has(key)));
  const changes =
    event === 'created'
      ? Object.fromEntries(
          Object.entries(entity)
            .filter(([key]) => !['version', 'updatedAt', 'updatedBy'].includes(key))
            .map(([key, to]) => [key, { to }]),
        )
      : {};
  return { event, entity, previous: {}, changes };
}

/**
 * A past run as sample data: `$trigger` from its trigger node's output, `$nodes` from the trace. The
 * trace names each visit's node type, so the run's own version is what counts, not today's draft.
 */
export function runSample(label: string, trace: readonly TraceEntry[], input: unknown): SampleData {
  const triggerEntry = trace.find((entry) => entry.type.startsWith('trigger.'));
  return { label, trigger: triggerEntry?.output, input, nodes: nodeOutputs(trace) };
}

/**
 * The bindings of a preview for one node: the sample's `$trigger`, `$input` and `$nodes`, a `$run`
 * that says it is a preview, and `$`: the output of the node whose edge leads here, as in a run (the
 * trigger's event for a node right after the trigger).
 */
export function previewBindings(
  sample: SampleData,
  definition: WorkflowDefinition,
  nodeId: string,
  now: number,
): ExpressionBindings {
  const incoming = definition.edges.find((edge) => edge.target === nodeId);
  const from = incoming && definition.nodes.find((node) => node.id === incoming.source);
  const context =
    from === undefined
      ? undefined
      : from.type.startsWith('trigger.')
        ? sample.trigger
        : sample.nodes[from.id];
  return {
    trigger: sample.trigger,
    input: sample.input,
    nodes: sample.nodes,
    vars: {},
    run: { id: 'preview', workflowId: 'preview', version: 0, startedAt: new Date(now).toISOString() },
    context,
    clock: () => now,
  };
}

/**
 * A starting input for a manual trigger's sample and start form: each property's default or first
 * example, recursively for nested objects.
 */
export function exampleFromSchema(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const s = schema as {
    default?: unknown;
    examples?: unknown[];
    type?: unknown;
    properties?: Record<string, unknown>;
  };
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.type === 'object' || s.properties) {
    const result: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(s.properties ?? {})) {
      const value = exampleFromSchema(property);
      if (value !== undefined) result[key] = value;
    }
    return result;
  }
  return undefined;
}
