import { defineOwn } from '../../expressions/define-own';
import { SWITCH_DEFAULT_PORT } from '../../node-types/logic-nodes';
import { isTruthy } from '../jsonata-truthiness';
import type { NodeExecutor } from '../node-execution';
import { invalidParam } from '../node-failure';

/** A trigger inside a run just hands its event on. */
export const runTrigger: NodeExecutor = (context) =>
  Promise.resolve({ kind: 'next', port: 'out', output: context.bindings.trigger });

/** data.set: its values become its output and are added to `$vars` for the branches after it. */
export const runDataSet: NodeExecutor = (context) => {
  const values = context.params.values ?? {};
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return Promise.reject(invalidParam(context.node, 'params.values', 'an object', values));
  }
  const stamps = { ...context.scope.stamps };
  for (const name of Object.keys(values)) defineOwn(stamps, name, context.step);
  const scope = { ...context.scope, vars: { ...context.scope.vars, ...values }, stamps };
  return Promise.resolve({ kind: 'next', port: 'out', output: values, scope });
};

/** logic.if passes its input through, so the node after it sees the same `$`. */
export const runIf: NodeExecutor = (context) =>
  Promise.resolve({
    kind: 'next',
    port: isTruthy(context.params.condition) ? 'true' : 'false',
    output: context.input,
  });

/** logic.switch leaves by the first case that holds, else by `default`; input passes through. */
export const runSwitch: NodeExecutor = (context) => {
  const cases = Array.isArray(context.params.cases) ? (context.params.cases as unknown[]) : [];
  const taken = cases.find((entry) => isTruthy((entry as { condition?: unknown } | null)?.condition)) as
    { port?: unknown } | undefined;
  const port = typeof taken?.port === 'string' ? taken.port : SWITCH_DEFAULT_PORT;
  return Promise.resolve({ kind: 'next', port, output: context.input });
};

/** logic.join fires once the scheduler says so; its output is what arrived, by source node id. */
export const runJoin: NodeExecutor = (context) =>
  Promise.resolve({ kind: 'next', port: 'out', output: context.input });

export const runEnd: NodeExecutor = (context) =>
  Promise.resolve({ kind: 'end', output: context.params.output });

export const runFail: NodeExecutor = (context) => {
  const message = context.params.message;
  return Promise.resolve({
    kind: 'fail',
    message:
      typeof message === 'string' && message !== ''
        ? message
        : `Failed at node ${JSON.stringify(context.node.id)}`,
  });
};
