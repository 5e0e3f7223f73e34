import type { WorkflowNode } from '../definition/workflow-definition';
import type { NodeTypeDeclaration } from './node-type';
import { singleOutPort } from './node-type';
import {
  conditionParam,
  entityTypeParam,
  isoDurationParam,
  paramsObject,
  recordIdParam,
} from './param-schemas';

/** The most items a forEach works on at once. */
export const MAX_FOR_EACH_CONCURRENCY = 50;

export const flowForEach: NodeTypeDeclaration = {
  type: 'flow.forEach',
  group: 'flow',
  label: 'For each',
  description:
    'Runs the body sub-graph once per item, at most "concurrency" items at a time, and collects the results in item order. ' +
    'The body is the node named by "body" and every node reachable from it; no edge may enter the body from outside. ' +
    "Inside it, $item and $index are the current item and its position. An item's result is the output of a " +
    'flow.end in the body, or else that of the last body node to end a branch (leave by an unconnected port).',
  paramsSchema: paramsObject(
    {
      items: {
        type: 'array',
        title: 'Items',
        description: 'Usually an expression, e.g. =$nodes.order.lines.',
      },
      body: {
        type: 'string',
        title: 'Body',
        description: 'The id of the first node of the body sub-graph.',
        pattern: '^[A-Za-z0-9_-]{1,64}$',
        'x-literal': true,
      },
      concurrency: {
        type: 'integer',
        title: 'Concurrency',
        description: 'How many items run at once (default 1: one after another).',
        minimum: 1,
        maximum: MAX_FOR_EACH_CONCURRENCY,
        default: 1,
        'x-literal': true,
      },
    },
    ['items', 'body'],
  ),
  ports: singleOutPort,
  outputDescription: 'The array of item results, in item order.',
  execution: 'control',
};

export const flowWait: NodeTypeDeclaration = {
  type: 'flow.wait',
  group: 'flow',
  label: 'Wait',
  description: "Waits for a duration, or until a point in time, on the workflow's durable timer.",
  paramsSchema: {
    ...paramsObject({
      duration: { ...isoDurationParam, title: 'Duration' },
      until: {
        type: 'string',
        title: 'Until',
        description:
          'An ISO 8601 date-time, e.g. =$trigger.entity.dueDate. A time in the past does not wait.',
        format: 'date-time',
      },
    }),
    oneOf: [{ required: ['duration'] }, { required: ['until'] }],
  },
  ports: singleOutPort,
  outputDescription: 'When it woke up: {resumedAt}.',
  execution: 'control',
};

export const flowWaitFor: NodeTypeDeclaration = {
  type: 'flow.waitFor',
  group: 'flow',
  label: 'Wait for record',
  description:
    'Waits until a record matches a condition, evaluated against each new version of it, or leaves by "timeout".',
  paramsSchema: paramsObject(
    {
      entityType: entityTypeParam,
      id: recordIdParam,
      condition: {
        ...conditionParam,
        description: 'Evaluated with the record as $ and as $entity, e.g. =status = "paid".',
      },
      timeout: { ...isoDurationParam, title: 'Timeout' },
    },
    ['entityType', 'id', 'condition'],
  ),
  ports: ['out', 'timeout'],
  outputDescription: 'The record version that matched; {timedOut: true} on the timeout port.',
  execution: 'control',
  deferredParams: ['condition'],
};

export const flowSubworkflow: NodeTypeDeclaration = {
  type: 'flow.subworkflow',
  group: 'flow',
  label: 'Run workflow',
  description: 'Starts the latest published version of another workflow as a child run.',
  paramsSchema: paramsObject(
    {
      workflowId: { type: 'string', title: 'Workflow', minLength: 1 },
      input: { title: 'Input', description: "The child run's $input." },
      wait: {
        type: 'boolean',
        title: 'Wait for it',
        description: 'Wait for the child to finish (default), or go on once it has started.',
        default: true,
      },
    },
    ['workflowId'],
  ),
  ports: singleOutPort,
  outputDescription: "The child run's output when waiting; otherwise {runId}.",
  execution: 'control',
};

export const flowEnd: NodeTypeDeclaration = {
  type: 'flow.end',
  group: 'flow',
  label: 'End',
  description:
    'Ends the run with an output; branches still running are abandoned. Inside a forEach body it ends the item.',
  paramsSchema: paramsObject({ output: { title: 'Output', description: "The run's result." } }),
  ports: [],
  outputDescription: 'The output param.',
  execution: 'control',
};

export const flowFail: NodeTypeDeclaration = {
  type: 'flow.fail',
  group: 'flow',
  label: 'Fail',
  description: 'Fails the run with a message; completed compensable steps are undone.',
  paramsSchema: paramsObject({ message: { type: 'string', title: 'Message', minLength: 1 } }, ['message']),
  ports: [],
  outputDescription: 'Nothing; the run fails.',
  execution: 'control',
};

/** The first node of a forEach node's body, when its params name one. */
export function forEachBodyId(node: WorkflowNode): string | undefined {
  if (node.type !== flowForEach.type) return undefined;
  return typeof node.params.body === 'string' ? node.params.body : undefined;
}
