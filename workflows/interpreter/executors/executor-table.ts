import type { NodeTypeDeclaration } from '../../node-types/node-type';
import type { NodeExecutor } from '../node-execution';
import { runActivityNode } from './activity-executor';
import { runSubworkflow } from './child-run-executor';
import { runForEach } from './for-each-executor';
import { runApproval, runTask } from './human-executors';
import { runDataSet, runEnd, runFail, runIf, runJoin, runSwitch, runTrigger } from './pure-executors';
import { runWait, runWaitFor } from './wait-executors';

/** Executors for the node types that are neither triggers nor activities. */
const executors: Readonly<Record<string, NodeExecutor>> = {
  'data.set': runDataSet,
  'logic.if': runIf,
  'logic.switch': runSwitch,
  'logic.join': runJoin,
  'flow.forEach': runForEach,
  'flow.wait': runWait,
  'flow.waitFor': runWaitFor,
  'flow.subworkflow': runSubworkflow,
  'flow.end': runEnd,
  'flow.fail': runFail,
  'human.approval': runApproval,
  'human.task': runTask,
};

/** How to run a node of this type; undefined when the interpreter has no executor for it (a bug). */
export function executorFor(declaration: NodeTypeDeclaration): NodeExecutor | undefined {
  if (declaration.execution === 'trigger') return runTrigger;
  if (declaration.execution === 'activity') return runActivityNode;
  return Object.prototype.hasOwnProperty.call(executors, declaration.type)
    ? executors[declaration.type]
    : undefined;
}
