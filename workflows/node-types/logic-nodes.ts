import type { NodeTypeDeclaration } from './node-type';
import { conditionParam, paramsObject } from './param-schemas';

/** The port a switch leaves by when no case holds. */
export const SWITCH_DEFAULT_PORT = 'default';

export const logicIf: NodeTypeDeclaration = {
  type: 'logic.if',
  group: 'logic',
  label: 'If',
  description: 'Leaves by "true" when the condition holds, otherwise by "false".',
  paramsSchema: paramsObject({ condition: conditionParam }, ['condition']),
  ports: ['true', 'false'],
  outputDescription: 'Its input, unchanged, so the next node sees the same $.',
  execution: 'pure',
};

export const logicSwitch: NodeTypeDeclaration = {
  type: 'logic.switch',
  group: 'logic',
  label: 'Switch',
  description: 'Leaves by the port of the first case whose condition holds, otherwise by "default".',
  paramsSchema: paramsObject(
    {
      cases: {
        type: 'array',
        title: 'Cases',
        minItems: 1,
        maxItems: 50,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['port', 'condition'],
          properties: {
            port: {
              type: 'string',
              title: 'Port',
              description: 'The output port this case leaves by.',
              pattern: '^[A-Za-z0-9_-]{1,64}$',
              not: { enum: [SWITCH_DEFAULT_PORT, 'error'] },
              'x-literal': true,
            },
            condition: conditionParam,
          },
        },
      },
    },
    ['cases'],
  ),
  ports: {
    describe: 'One port per case, in case order, then "default".',
    of: (params) => {
      const cases = Array.isArray(params.cases) ? (params.cases as unknown[]) : [];
      const ports = cases
        .map((entry) =>
          typeof entry === 'object' && entry !== null ? (entry as { port?: unknown }).port : undefined,
        )
        .filter((port): port is string => typeof port === 'string');
      return [...new Set([...ports, SWITCH_DEFAULT_PORT])];
    },
  },
  outputDescription: 'Its input, unchanged, so the next node sees the same $.',
  execution: 'pure',
};

export const logicJoin: NodeTypeDeclaration = {
  type: 'logic.join',
  group: 'logic',
  label: 'Join',
  description:
    'Merges branches. "all" waits for every incoming branch that is still live; "any" goes on with the first to arrive.',
  paramsSchema: paramsObject(
    {
      mode: {
        type: 'string',
        title: 'Mode',
        enum: ['all', 'any'],
        default: 'all',
        'x-literal': true,
      },
    },
    ['mode'],
  ),
  ports: ['out'],
  outputDescription:
    "An object with one key per arriving source node id, holding that node's output; $vars of the branches are merged.",
  execution: 'control',
};
