import { edgesFromPort } from '../definition/graph';
import type { WorkflowNode } from '../definition/workflow-definition';
import { DEFAULT_PORT, ERROR_PORT } from '../definition/workflow-definition';
import type { ExpressionBindings } from '../expressions/expression-bindings';
import { ExpressionError } from '../expressions/expression-error';
import { createBudget } from '../expressions/evaluation-budget';
import { resolveParams } from '../expressions/resolve-params';
import type { NodeTypeDeclaration } from '../node-types/node-type';
import { outputPorts } from '../node-types/node-type';
import { getNodeType } from '../node-types/registry';
import { mapWithConcurrency } from './bounded-map';
import { CompletionQueue } from './completion-queue';
import { executorFor } from './executors/executor-table';
import type { ExecutionContext, NodeOutcome } from './node-execution';
import { nodeFailure } from './node-failure';
import type { RunContext } from './run-context';
import { describeError, RunFailure } from './run-failure';
import type { Activation, RegionState } from './run-state';
import { emptyRegion } from './run-state';
import type { TraceEntry } from './trace';
import { SignalRouter } from './signal-router';

/** How a region stopped: a flow.end ran, nothing was left to run, or continue-as-new drained it. */
export type RegionResult =
  { kind: 'ended'; output: unknown } | { kind: 'finished'; output: unknown } | { kind: 'drained' };

/** The whole graph, or one item of a forEach (whose body nodes' outputs stay local to the item). */
type Frame =
  | { kind: 'top' }
  | {
      kind: 'item';
      parent: Scheduler;
      forEachId: string;
      item: unknown;
      index: number;
      outputs: Record<string, unknown>;
    };

type Completion = { activation: Activation; node: WorkflowNode; entry: TraceEntry } & (
  | {
      outcome: NodeOutcome;
      /** A compensable step that ran on to its end even if the run was cancelled meanwhile. */
      tracked?: boolean;
    }
  | { error: unknown }
);

/**
 * Runs the activations of one region concurrently: every ready activation is started at once,
 * and each completion routes control onwards (see SignalRouter), until nothing is left, a
 * flow.end runs, or (top level only) continue-as-new is due and in-flight work has drained.
 */
export class Scheduler {
  private running = 0;
  private readonly completions = new CompletionQueue<Completion>();
  private readonly router: SignalRouter;

  constructor(
    private readonly context: RunContext,
    private readonly region: RegionState,
    private readonly frame: Frame = { kind: 'top' },
  ) {
    this.router = new SignalRouter(context.graph, region);
  }

  /** Queues the start trigger, and sends dead signals from every other trigger so joins do not wait for them. */
  seed(startNodeId: string): void {
    this.region.pending.push({ nodeId: startNodeId, scope: { vars: {} } });
    for (const node of this.context.graph.definition.nodes) {
      if (node.id !== startNodeId && getNodeType(node.type)?.execution === 'trigger') {
        this.router.kill(node.id);
      }
    }
  }

  /** Runs until the region ends; throws a RunFailure, or the effects' cancellation error. */
  async run(): Promise<RegionResult> {
    let draining = false;
    for (;;) {
      if (this.context.halted) {
        // An abandoned forEach item: the run has ended, failed or been cancelled around it.
        throw stoppedFailure();
      }
      if (this.frame.kind === 'top' && !draining && this.region.pending.length > 0) {
        draining = this.context.effects.shouldContinueAsNew();
      }
      while (!draining && this.region.pending.length > 0) {
        this.start(this.region.pending.shift() as Activation);
      }
      if (this.running === 0) {
        if (draining && this.region.pending.length > 0) return { kind: 'drained' };
        if (this.router.resolveStall()) continue;
        return { kind: 'finished', output: this.region.last?.value };
      }
      const completion = await this.completions.next();
      this.running -= 1;
      const result = this.finish(completion);
      if (result) return result;
    }
  }

  private start(activation: Activation): void {
    const { state, graph, maxSteps, trace } = this.context;
    const node = graph.nodes.get(activation.nodeId);
    const declaration = node && getNodeType(node.type);
    if (!node || !declaration) {
      throw new RunFailure({
        code: 'internal',
        message: `Node ${JSON.stringify(activation.nodeId)} cannot run`,
      });
    }
    if (state.steps >= maxSteps) {
      throw new RunFailure({
        code: 'step_limit',
        nodeId: node.id,
        message: `Step limit of ${maxSteps} reached (settings.maxSteps): node ${JSON.stringify(node.id)} would be step ${state.steps + 1} of this run. A loop may not terminate.`,
      });
    }
    state.steps += 1;
    const visit = (state.visits[node.id] ?? 0) + 1;
    state.visits[node.id] = visit;
    const entry = trace.begin({
      nodeId: node.id,
      type: node.type,
      visit,
      ...(this.frame.kind === 'item'
        ? { item: { forEach: this.frame.forEachId, index: this.frame.index } }
        : {}),
    });
    if (node.disabled) {
      // A disabled node is passed through as if it were not there: `$` stays its input's.
      const port = outputPorts(declaration, node.params).includes(DEFAULT_PORT) ? DEFAULT_PORT : undefined;
      trace.skip(entry, port);
      this.router.leave(node.id, port, activation.from, activation.scope);
      return;
    }
    this.running += 1;
    void this.execute(activation, node, declaration, visit, state.steps, entry).then((completion) =>
      this.completions.push(completion),
    );
  }

  /** Never rejects: failures become completions, so abandoned visits cannot cause unhandled rejections. */
  private async execute(
    activation: Activation,
    node: WorkflowNode,
    declaration: NodeTypeDeclaration,
    visit: number,
    step: number,
    entry: TraceEntry,
  ): Promise<Completion> {
    const { context } = this;
    let tracked = false;
    try {
      const executor = executorFor(declaration);
      if (!executor) throw nodeFailure(node, 'internal', `no executor for node type ${node.type}`);
      const bindings = this.bindingsFor(activation);
      let params: Record<string, unknown>;
      try {
        params = declaration.execution === 'trigger' ? {} : await this.resolve(node, declaration, bindings);
      } catch (error: unknown) {
        // A param that fails to evaluate is the node failing: an I/O node with its error port
        // connected leaves by it, as for a failed activity, with `$error` set.
        const routed = this.errorPortOutcome(node, declaration, activation, error);
        if (routed === undefined) throw error;
        context.trace.input(entry, {});
        return { activation, node, entry, outcome: routed };
      }
      if (declaration.execution !== 'trigger') context.trace.input(entry, params);
      const execution: ExecutionContext = {
        node,
        declaration,
        visit,
        step,
        idempotencyKey: `${context.request.run.id}/${node.id}/${visit}`,
        params,
        input: bindings.context,
        scope: activation.scope,
        bindings,
        limits: context.limits,
        effects: context.effects,
        run: context.request.run,
        hasEdgeFrom: (port) => edgesFromPort(context.graph, node.id, port).length > 0,
        markWaiting: () => context.trace.waiting(entry),
        recordCompensation: (record, options) => {
          if (!context.halted || options?.tracked) context.state.compensations.push(record);
        },
        trackStep: (work) => {
          if (context.halted) return Promise.reject(stoppedFailure());
          tracked = true;
          return context.inFlight.track(work);
        },
        runBody: (bodyId, items, concurrency) =>
          mapWithConcurrency(items, concurrency, (item, index) =>
            this.runItem(node.id, bodyId, item, index, activation),
          ),
      };
      const outcome = await executor(execution);
      // A visit that ends after the run stopped is never routed on, but its trace says how it ended.
      if (context.halted && outcome.kind === 'next')
        context.trace.complete(entry, outcome.port, outcome.output);
      return { activation, node, entry, outcome, ...(tracked ? { tracked } : {}) };
    } catch (error: unknown) {
      if (context.halted) {
        context.trace.fail(
          entry,
          context.effects.isCancellation(error)
            ? { message: 'The run was cancelled', type: 'Cancelled' }
            : describeError(error),
        );
      }
      return { activation, node, entry, error };
    }
  }

  private errorPortOutcome(
    node: WorkflowNode,
    declaration: NodeTypeDeclaration,
    activation: Activation,
    error: unknown,
  ): NodeOutcome | undefined {
    if (declaration.execution !== 'activity' || !(error instanceof RunFailure) || error.error === undefined) {
      return undefined;
    }
    if (edgesFromPort(this.context.graph, node.id, ERROR_PORT).length === 0) return undefined;
    const info = error.error;
    return {
      kind: 'next',
      port: ERROR_PORT,
      output: { error: info },
      scope: { ...activation.scope, error: info },
    };
  }

  private async resolve(
    node: WorkflowNode,
    declaration: NodeTypeDeclaration,
    bindings: ExpressionBindings,
  ): Promise<Record<string, unknown>> {
    const budget = createBudget(this.context.limits);
    try {
      return await resolveParams(node.params, bindings, {
        budget,
        ...(declaration.deferredParams ? { skip: declaration.deferredParams } : {}),
      });
    } catch (error: unknown) {
      if (!(error instanceof ExpressionError)) throw error;
      throw nodeFailure(node, 'expression_failed', error.message, {
        message: error.message,
        type: 'ExpressionError',
      });
    } finally {
      await this.context.effects.pace(budget.steps);
    }
  }

  /** Applies a completion; returns a result when the region is over, throws when the run fails. */
  private finish(completion: Completion): RegionResult | undefined {
    const { trace, effects } = this.context;
    const { node, entry, activation } = completion;
    if ('error' in completion) {
      if (effects.isCancellation(completion.error)) {
        trace.fail(entry, { message: 'The run was cancelled', type: 'Cancelled' });
        throw completion.error;
      }
      const failure =
        completion.error instanceof RunFailure
          ? completion.error
          : nodeFailure(
              node,
              'internal',
              describeError(completion.error).message,
              describeError(completion.error),
            );
      trace.fail(entry, failure.error ?? { message: failure.message, type: failure.code });
      throw failure;
    }
    const { outcome } = completion;
    switch (outcome.kind) {
      case 'next':
        this.outputs()[node.id] = outcome.output;
        // A visit that leaves by an unconnected port ends its branch; the last such end is the
        // result when no flow.end runs.
        if (edgesFromPort(this.context.graph, node.id, outcome.port).length === 0) {
          this.region.last = { value: outcome.output };
        }
        trace.complete(entry, outcome.port, outcome.output);
        // A step that ran on through a cancel is done, and the run goes no further.
        if (completion.tracked) effects.throwIfCancelled();
        this.router.leave(node.id, outcome.port, node.id, outcome.scope ?? activation.scope);
        return undefined;
      case 'end':
        trace.complete(entry, undefined, outcome.output);
        return { kind: 'ended', output: outcome.output };
      case 'fail':
        trace.fail(entry, { message: outcome.message, type: 'flow_fail' });
        throw new RunFailure({ code: 'flow_fail', nodeId: node.id, message: outcome.message });
    }
  }

  private async runItem(
    forEachId: string,
    bodyId: string,
    item: unknown,
    index: number,
    activation: Activation,
  ): Promise<unknown> {
    const region = emptyRegion();
    region.pending.push({ nodeId: bodyId, scope: activation.scope });
    const child = new Scheduler(this.context, region, {
      kind: 'item',
      parent: this,
      forEachId,
      item,
      index,
      outputs: {},
    });
    const result = await child.run();
    return result.kind === 'drained' ? undefined : result.output;
  }

  /** Where this region's node outputs go: the run's `$nodes`, or the item's own. */
  private outputs(): Record<string, unknown> {
    return this.frame.kind === 'top' ? this.context.state.outputs : this.frame.outputs;
  }

  /** `$nodes` as this region sees it: an item sees the run's outputs and, over them, its own. */
  nodesView(): Readonly<Record<string, unknown>> {
    if (this.frame.kind === 'top') return this.context.state.outputs;
    return { ...this.frame.parent.nodesView(), ...this.frame.outputs };
  }

  /** A fresh bindings object per visit. Only `$nodes` is shared, and a visit only ever sets its own node's entry. */
  private bindingsFor(activation: Activation): ExpressionBindings {
    const { request, effects } = this.context;
    const nodes = this.nodesView();
    let context: unknown;
    if (activation.joined) context = Object.fromEntries(activation.joined.map((id) => [id, nodes[id]]));
    else if (activation.from !== undefined) context = nodes[activation.from];
    else context = this.frame.kind === 'item' ? this.frame.item : request.trigger;
    return {
      trigger: request.trigger,
      input: request.input,
      run: request.run,
      nodes,
      vars: activation.scope.vars,
      ...(activation.scope.error ? { error: activation.scope.error } : {}),
      ...(this.frame.kind === 'item' ? { item: this.frame.item, index: this.frame.index } : {}),
      context,
      clock: () => effects.now(),
    };
  }
}

/** What an abandoned region or step gets when it would start something after the run stopped. */
function stoppedFailure(): RunFailure {
  return new RunFailure({ code: 'internal', message: 'The run has already stopped' });
}
