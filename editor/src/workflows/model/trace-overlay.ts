import { edgePort, type TraceEntry, type TraceStatus, type WorkflowDefinition } from './core';

/** What the run viewer shows on one node: the state of its latest visit and every visit. */
export interface NodeRunState {
  status: TraceStatus;
  visits: TraceEntry[];
  /** Milliseconds of the latest visit, once it has ended. */
  durationMs?: number;
}

/** Milliseconds between a visit's start and end, or undefined while it runs. */
export function visitDuration(entry: TraceEntry): number | undefined {
  if (entry.endedAt === undefined) return undefined;
  return Date.parse(entry.endedAt) - Date.parse(entry.startedAt);
}

/**
 * The trace grouped by node, compensation visits included, in trace order. The latest visit decides
 * the colour: a loop's node that failed once and then completed shows completed.
 */
export function nodeRunStates(trace: readonly TraceEntry[]): Map<string, NodeRunState> {
  const states = new Map<string, NodeRunState>();
  for (const entry of trace) {
    const state = states.get(entry.nodeId);
    if (state) state.visits.push(entry);
    else states.set(entry.nodeId, { status: entry.status, visits: [entry] });
  }
  for (const state of states.values()) {
    const latest = state.visits[state.visits.length - 1]!;
    state.status = latest.status;
    const duration = visitDuration(latest);
    if (duration === undefined) delete state.durationMs;
    else state.durationMs = duration;
  }
  return states;
}

/** The edges a run went along: from a visit that left by the edge's port to a visited target. */
export function traversedEdges(definition: WorkflowDefinition, trace: readonly TraceEntry[]): Set<string> {
  const leftBy = new Set(
    trace.filter((entry) => entry.port !== undefined).map((e) => `${e.nodeId}\u0000${e.port}`),
  );
  const visited = new Set(trace.map((entry) => entry.nodeId));
  return new Set(
    definition.edges
      .filter((edge) => leftBy.has(`${edge.source}\u0000${edgePort(edge)}`) && visited.has(edge.target))
      .map((edge) => edge.id),
  );
}

/** Each finished node's latest output, as `$nodes` saw it at the end of the trace. */
export function nodeOutputs(trace: readonly TraceEntry[]): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const entry of trace) {
    if (entry.status === 'completed' && entry.output !== undefined && !entry.compensation && !entry.item) {
      outputs[entry.nodeId] = entry.output;
    }
  }
  return outputs;
}
