import Ajv from 'ajv';
import type {
  RetryPolicy,
  WorkflowDefinition,
  WorkflowEdge,
  WorkflowGroup,
  WorkflowNode,
  WorkflowSettings,
} from './workflow-definition';
import { workflowDefinitionSchema } from './workflow-definition-schema';

// One entry per property of each hand-written type; `satisfies` fails to compile when a property
// is added to or removed from the type without this list (and so the schema check below) following.
const definitionKeys = {
  name: true,
  description: true,
  nodes: true,
  edges: true,
  settings: true,
  groups: true,
} satisfies Record<keyof WorkflowDefinition, true>;
const groupKeys = { id: true, name: true, nodes: true, collapsed: true } satisfies Record<
  keyof WorkflowGroup,
  true
>;
const nodeKeys = {
  id: true,
  type: true,
  params: true,
  position: true,
  label: true,
  retry: true,
  disabled: true,
} satisfies Record<keyof WorkflowNode, true>;
const edgeKeys = { id: true, source: true, sourcePort: true, target: true } satisfies Record<
  keyof WorkflowEdge,
  true
>;
const settingsKeys = { maxSteps: true, errorWorkflowId: true } satisfies Record<keyof WorkflowSettings, true>;
const retryKeys = {
  maximumAttempts: true,
  initialInterval: true,
  backoffCoefficient: true,
  maximumInterval: true,
  nonRetryableErrorTypes: true,
} satisfies Record<keyof RetryPolicy, true>;

describe('the workflow definition schema and its TypeScript types', () => {
  const definitions = workflowDefinitionSchema.definitions ?? {};
  test.each([
    ['WorkflowDefinition', workflowDefinitionSchema, definitionKeys],
    ['WorkflowNode', definitions.node, nodeKeys],
    ['WorkflowEdge', definitions.edge, edgeKeys],
    ['WorkflowGroup', definitions.group, groupKeys],
    ['WorkflowSettings', definitions.settings, settingsKeys],
    ['RetryPolicy', definitions.retryPolicy, retryKeys],
  ])('%s has the same properties in both, and the schema is closed', (_name, schema, keys) => {
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual(Object.keys(keys).sort());
    expect(schema?.additionalProperties).toBe(false);
  });

  test('a definition using every field is valid', () => {
    const full: WorkflowDefinition = {
      name: 'Everything',
      description: 'All optional fields set',
      settings: { maxSteps: 50 },
      nodes: [
        {
          id: 'start',
          type: 'trigger.manual',
          params: {},
          position: { x: 1, y: 2 },
          label: 'Start',
          retry: {
            maximumAttempts: 3,
            initialInterval: 'PT1S',
            backoffCoefficient: 2,
            maximumInterval: 'PT1M',
            nonRetryableErrorTypes: ['ValidationError'],
          },
          disabled: false,
        },
      ],
      edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'start' }],
      groups: [{ id: 'intake', name: 'Intake', nodes: ['start'], collapsed: true }],
    };
    const validate = new Ajv({ strict: true }).compile(workflowDefinitionSchema);
    expect(validate(full)).toBe(true);
  });
});
