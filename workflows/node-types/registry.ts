import type { JsonSchema } from '../definition/json-schema';
import { dataSet, entityCreate, entityGet, entityQuery, entityUpdate, entityUpsert } from './data-nodes';
import {
  crmConvertLead,
  erpCreateInvoice,
  erpCreditCheck,
  erpReleaseStock,
  erpReserveStock,
  erpThreeWayMatch,
} from './domain-nodes';
import { flowEnd, flowFail, flowForEach, flowSubworkflow, flowWait, flowWaitFor } from './flow-nodes';
import { httpRequest, notifyEmail } from './integration-nodes';
import { logicIf, logicJoin, logicSwitch } from './logic-nodes';
import type { NodeExecution, NodeGroup, NodeTypeDeclaration } from './node-type';
import { isPortsFromParams } from './node-type';
import { humanApproval, humanTask } from './people-nodes';
import { reportRun } from './report-nodes';
import { triggerEntity, triggerManual, triggerSchedule, triggerWebhook } from './trigger-nodes';

/** Every node type, in palette order. */
export const nodeTypeList: readonly NodeTypeDeclaration[] = [
  triggerManual,
  triggerEntity,
  triggerSchedule,
  triggerWebhook,
  entityCreate,
  entityUpsert,
  entityUpdate,
  entityGet,
  entityQuery,
  dataSet,
  logicIf,
  logicSwitch,
  logicJoin,
  flowForEach,
  flowWait,
  flowWaitFor,
  flowSubworkflow,
  flowEnd,
  flowFail,
  humanApproval,
  humanTask,
  httpRequest,
  notifyEmail,
  reportRun,
  erpCreditCheck,
  erpReserveStock,
  erpReleaseStock,
  erpCreateInvoice,
  erpThreeWayMatch,
  crmConvertLead,
];

/** Node types by type name. */
export const nodeTypes: Readonly<Record<string, NodeTypeDeclaration>> = Object.freeze(
  Object.fromEntries(nodeTypeList.map((declaration) => [declaration.type, declaration])),
);

/**
 * The declaration of a node type, or undefined for a name the registry does not know.
 *
 * @example
 * getNodeType('human.approval')?.ports; // ['approved', 'rejected', 'timeout']
 */
export function getNodeType(type: string): NodeTypeDeclaration | undefined {
  return Object.prototype.hasOwnProperty.call(nodeTypes, type) ? nodeTypes[type] : undefined;
}

/**
 * The activity names the worker must register, sorted: one per activity node type (named like the
 * type) plus every compensation activity. The worker checks at startup that it provides exactly
 * these, so an I/O node type without an activity, or an activity without a node type, cannot ship.
 */
export function requiredActivityNames(): string[] {
  const names = new Set<string>();
  for (const declaration of nodeTypeList) {
    if (declaration.execution === 'activity') names.add(declaration.type);
    if (declaration.compensation) names.add(declaration.compensation.activity);
  }
  return [...names].sort();
}

/** A node type as JSON, for `GET /api/node-types` and the editor palette. */
export interface NodeTypeDescription {
  type: string;
  group: NodeGroup;
  label: string;
  description: string;
  paramsSchema: JsonSchema;
  /** Fixed ports, or the rule by which params give them (then `ports` lists the fixed ones). */
  ports: string[];
  portsFromParams?: string;
  hasErrorPort: boolean;
  outputDescription: string;
  execution: NodeExecution;
  compensation?: { activity: string; description: string };
}

/** Describes every node type as plain JSON (functions replaced by their descriptions). */
export function describeNodeTypes(): NodeTypeDescription[] {
  return nodeTypeList.map((declaration) => {
    const dynamic = isPortsFromParams(declaration.ports) ? declaration.ports : undefined;
    return {
      type: declaration.type,
      group: declaration.group,
      label: declaration.label,
      description: declaration.description,
      paramsSchema: declaration.paramsSchema,
      ports: dynamic ? dynamic.of({}) : [...(declaration.ports as readonly string[])],
      ...(dynamic ? { portsFromParams: dynamic.describe } : {}),
      hasErrorPort: declaration.execution === 'activity',
      outputDescription: declaration.outputDescription,
      execution: declaration.execution,
      ...(declaration.compensation
        ? {
            compensation: {
              activity: declaration.compensation.activity,
              description: declaration.compensation.description,
            },
          }
        : {}),
    };
  });
}
