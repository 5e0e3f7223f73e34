import type { NodeTypeDeclaration } from './node-type';
import { formSchemaParam, isoDurationParam, paramsObject, roleParam } from './param-schemas';

const title = { type: 'string', title: 'Title', minLength: 1, maxLength: 200 } as const;
const description = { type: 'string', title: 'Description', maxLength: 4000 } as const;
const dueIn = {
  ...isoDurationParam,
  title: 'Due in',
  description: 'When the task is overdue, e.g. P2D. Then it escalates, or else leaves by "timeout".',
};
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
      title,
      description,
      formSchema: { ...formSchemaParam, description: 'Optional extra fields the approver fills in.' },
      dueIn,
      escalateTo,
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
      title,
      description,
      formSchema: formSchemaParam,
      dueIn,
      escalateTo,
    },
    ['assigneeRole', 'title', 'formSchema'],
  ),
  ports: ['out', 'timeout'],
  outputDescription: 'The submitted data, valid against the form schema.',
  execution: 'control',
};
