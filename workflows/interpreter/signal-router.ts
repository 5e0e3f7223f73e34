import type { WorkflowGraph } from '../definition/graph';
import {
  edgePort,
  edgesFrom,
  edgesFromPort,
  edgesInto,
  reachableFrom,
  stronglyConnectedComponents,
} from '../definition/graph';
import type { WorkflowEdge, WorkflowNode } from '../definition/workflow-definition';
import { defineOwn } from '../expressions/define-own';
import { logicJoin } from '../node-types/logic-nodes';
import type { ActivationScope, JoinArrival, RegionState } from './run-state';

/** What crosses an edge: control with its scope (live), or the news that it never will (dead). */
type Signal = { live: true; from: string | undefined; scope: ActivationScope } | { live: false };

const dead: Signal = { live: false };

/**
 * Moves control along edges within one region, with dead-path elimination:
 * - a node that leaves by a port sends live signals on that port's edges and dead signals on all
 *   its other edges, unless the port leads round a cycle back to the node: then control is still
 *   inside a loop and may leave by another port on a later visit, so nothing is dead yet;
 * - a non-join node runs on every live arrival (which is what makes rework loops work), and is dead
 *   itself once dead signals have arrived on all its incoming edges since it last ran;
 * - a join collects one signal per incoming edge per round: `all` fires when every edge has
 *   signalled and at least one was live, `any` fires on the first live arrival and absorbs the rest
 *   of the round; a round with no live arrival makes the join dead;
 * - when nothing is running or ready, a join still waiting can only be waiting for branches that
 *   will never come (a dead signal stopped inside a loop, say), so `resolveStall` settles it as if
 *   they had come dead.
 *
 * All of it mutates the RegionState, which is plain data, so it survives continue-as-new.
 */
export class SignalRouter {
  private readonly work: [WorkflowEdge, Signal][] = [];

  constructor(
    private readonly graph: WorkflowGraph,
    private readonly region: RegionState,
  ) {}

  /**
   * A node finished: control leaves by `port` (if any) with `scope`, and the other edges are dead
   * (see the loop exception above). `from` becomes `$` for the nodes activated.
   */
  leave(nodeId: string, port: string | undefined, from: string | undefined, scope: ActivationScope): void {
    const live: Signal = { live: true, from, scope };
    if (port !== undefined && this.loopsBack(nodeId, port)) {
      // Control is still inside a loop and may leave by another port on a later visit (a review
      // rejected now may be approved next time), so the other ports are not dead yet.
      for (const edge of edgesFromPort(this.graph, nodeId, port)) this.work.push([edge, live]);
    } else {
      this.send(nodeId, port, live);
    }
    this.drain();
  }

  /** A node that will not run this round (a trigger that did not fire) sends dead signals on. */
  kill(nodeId: string): void {
    this.send(nodeId, undefined, dead);
    this.drain();
  }

  /**
   * Settles one stalled join, if any, as if its missing branches had come dead. Joins that other
   * stalled joins can still reach go last, since their missing branches might yet come live.
   * Returns false when no join is waiting.
   */
  resolveStall(): boolean {
    const stalled = this.graph.definition.nodes.filter(
      (node) => (this.region.joins[node.id]?.length ?? 0) > 0,
    );
    const first =
      stalled.find((join) => !stalled.some((other) => other !== join && this.reaches(other.id, join.id))) ??
      stalled[0];
    if (!first) return false;
    this.settleJoin(first, true);
    this.drain();
    return true;
  }

  private send(nodeId: string, port: string | undefined, live: Signal): void {
    for (const edge of edgesFrom(this.graph, nodeId)) {
      this.work.push([edge, port !== undefined && edgePort(edge) === port ? live : dead]);
    }
  }

  private drain(): void {
    for (let next = this.work.shift(); next; next = this.work.shift()) this.arrive(...next);
  }

  private arrive(edge: WorkflowEdge, signal: Signal): void {
    const target = this.graph.nodes.get(edge.target);
    if (!target) return;
    if (target.type === logicJoin.type) {
      this.arriveAtJoin(target, edge, signal);
      return;
    }
    if (signal.live) {
      delete this.region.dead[target.id];
      this.region.pending.push({
        nodeId: target.id,
        ...(signal.from === undefined ? {} : { from: signal.from }),
        scope: signal.scope,
      });
      return;
    }
    const deadEdges = (this.region.dead[target.id] ??= []);
    if (!deadEdges.includes(edge.id)) deadEdges.push(edge.id);
    if (edgesInto(this.graph, target.id).every((incoming) => deadEdges.includes(incoming.id))) {
      delete this.region.dead[target.id];
      this.send(target.id, undefined, dead);
    }
  }

  private arriveAtJoin(join: WorkflowNode, edge: WorkflowEdge, signal: Signal): void {
    const rounds = (this.region.joins[join.id] ??= []);
    let round = rounds.find((open) => !open.arrivals.some((arrival) => arrival.edgeId === edge.id));
    if (!round) {
      round = { arrivals: [], fired: false };
      rounds.push(round);
    }
    round.arrivals.push(
      signal.live
        ? {
            edgeId: edge.id,
            live: true,
            ...(signal.from === undefined ? {} : { from: signal.from }),
            scope: signal.scope,
          }
        : { edgeId: edge.id, live: false },
    );
    this.settleJoin(join, false);
  }

  /** Fires or kills the join for each complete round at the head of its queue (the first one regardless, when forced). */
  private settleJoin(join: WorkflowNode, force: boolean): void {
    const rounds = this.region.joins[join.id] ?? [];
    const incoming = edgesInto(this.graph, join.id);
    const anyMode = join.params.mode === 'any';
    let forced = force;
    for (let head = rounds[0]; head; head = rounds[0]) {
      const round = head;
      if (anyMode && !round.fired) {
        const first = round.arrivals.find((arrival) => arrival.live);
        if (first) {
          this.fire(join, [first]);
          round.fired = true;
        }
      }
      const complete =
        forced || incoming.every((edge) => round.arrivals.some((arrival) => arrival.edgeId === edge.id));
      if (!complete) break;
      if (!round.fired) {
        // In incoming-edge order, not arrival order, so `$` and merged `$vars` do not depend on timing.
        const live = incoming
          .map((edge) => round.arrivals.find((arrival) => arrival.edgeId === edge.id && arrival.live))
          .filter((arrival): arrival is JoinArrival => arrival !== undefined);
        if (live.length > 0) this.fire(join, live);
        else this.send(join.id, undefined, dead);
      }
      rounds.shift();
      forced = false;
    }
    if (rounds.length === 0) delete this.region.joins[join.id];
  }

  private fire(join: WorkflowNode, arrivals: JoinArrival[]): void {
    this.region.pending.push({
      nodeId: join.id,
      joined: arrivals.map((arrival) => arrival.from).filter((from): from is string => from !== undefined),
      scope: mergeScopes(arrivals.map((arrival) => arrival.scope ?? { vars: {} })),
    });
  }

  /** Whether control leaving `fromId` can reach `toId`; only asked when joins stall. */
  private reaches(fromId: string, toId: string): boolean {
    let cache = reachability.get(this.graph);
    if (!cache) {
      cache = new Map();
      reachability.set(this.graph, cache);
    }
    let reached = cache.get(fromId);
    if (!reached) {
      reached = reachableFrom(
        this.graph,
        edgesFrom(this.graph, fromId).map((edge) => edge.target),
      );
      cache.set(fromId, reached);
    }
    return reached.has(toId);
  }

  /** Whether leaving by this port can bring control back to the node: an edge of the port stays in its cycle. */
  private loopsBack(nodeId: string, port: string): boolean {
    let components = cycles.get(this.graph);
    if (!components) {
      components = stronglyConnectedComponents(this.graph);
      cycles.set(this.graph, components);
    }
    const own = components.get(nodeId);
    return edgesFromPort(this.graph, nodeId, port).some((edge) => components.get(edge.target) === own);
  }
}

/*
 * Per graph, and so shared by every region of a run: the cycle structure, computed once in
 * O(nodes + edges) on the first visit that leaves by a port, and reachability from stalled joins,
 * computed only when a join stalls.
 */
const cycles = new WeakMap<WorkflowGraph, Map<string, number>>();
const reachability = new WeakMap<WorkflowGraph, Map<string, Set<string>>>();

/**
 * The scope after a join: for each variable, the value written latest (by step stamp) on any of
 * the branches, so a branch that merely carried an old value does not overwrite a newer one.
 */
export function mergeScopes(scopes: readonly ActivationScope[]): ActivationScope {
  const vars: Record<string, unknown> = {};
  const stamps: Record<string, number> = {};
  for (const scope of scopes) {
    for (const [name, value] of Object.entries(scope.vars)) {
      const stamp = scope.stamps?.[name] ?? 0;
      const seen = Object.prototype.hasOwnProperty.call(vars, name);
      if (!seen || stamp > (stamps[name] as number)) {
        defineOwn(vars, name, value);
        defineOwn(stamps, name, stamp);
      }
    }
  }
  const error = scopes
    .map((scope) => scope.error)
    .filter((item) => item !== undefined)
    .pop();
  return { vars, stamps, ...(error ? { error } : {}) };
}
