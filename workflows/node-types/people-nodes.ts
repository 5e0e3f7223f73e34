import type { JsonSchema } from '../definition/json-schema';
import type { NodeTypeDeclaration } from './node-type';
import {
  entityTypeParam,
  formSchemaParam,
  isoDurationParam,
  paramsObject,
  recordIdParam,
  roleParam,
} from './param-schemas';

const title = { type: 'string', title: 'Title', minLength: 1, maxLength: 200 } as const;
const description = { type: 'string', title: 'Description', maxLength: 4000 } as const;
const dueIn = {
  ...isoDurationParam,
  title: 'Due in',
  description: 'When the task is overdue, e.g. P2D. Then it escalates, or else leaves by "timeout".',
};

/**
 * The record a task is about. The inbox shows its key fields with a link to it and, for an account or
 * a record with an account, the customer's open orders, unpaid invoices and tickets.
 */
const related: JsonSchema = {
  type: 'object',
  title: 'Related record',
  description: 'The record the assignee decides about, shown with its customer context inside the task.',
  additionalProperties: false,
  required: ['entityType', 'id'],
  properties: {
    entityType: entityTypeParam,
    id: recordIdParam,
  },
};

const assignee = {
  type: 'string',
  title: 'Assignee',
  description:
    'A user id, usually an expression such as =$trigger.entity.ownerId. When it names a user, only that user decides (or the escalation role once overdue, or an admin); empty leaves the task to the role.',
} as const;

const escalateTo = {
  ...roleParam,
  title: 'Escalate to',
  description: 'When overdue, reassign the task to this role instead of timing out.',
};

export const humanApproval: NodeTypeDeclaration = {
  type: 'human.approval',
  group: 'people',
  label: 'Approval',
  description: 'Puts an approval in the inbox of a role and waits for the decision.',
  paramsSchema: paramsObject(
    {
      assigneeRole: { ...roleParam, title: 'Assignee role' },
      assignee,
      title,
      description,
      formSchema: { ...formSchemaParam, description: 'Optional extra fields the approver fills in.' },
      dueIn,
      escalateTo,
      related,
      allowSelfApproval: {
        type: 'boolean',
        title: 'Let the requester decide',
        description:
          'Off by default (segregation of duties): the user who started the run, or whose change triggered it, may not approve or reject it.',
      },
    },
    ['assigneeRole', 'title'],
  ),
  ports: ['approved', 'rejected', 'timeout'],
  outputDescription: 'The decision: {outcome, data, completedBy}.',
  execution: 'control',
};

export const humanTask: NodeTypeDeclaration = {
  type: 'human.task',
  group: 'people',
  label: 'Task',
  description: 'Puts a form in the inbox of a role and waits for it to be submitted.',
  paramsSchema: paramsObject(
    {
      assigneeRole: { ...roleParam, title: 'Assignee role' },
      assignee,
      title,
      description,
      formSchema: formSchemaParam,
      dueIn,
      escalateTo,
      related,
    },
    ['assigneeRole', 'title', 'formSchema'],
  ),
  ports: ['out', 'timeout'],
  outputDescription: 'The submitted data, valid against the form schema.',
  execution: 'control',
};
