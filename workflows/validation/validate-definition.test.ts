import type { WorkflowDefinition, WorkflowNode } from '../definition/workflow-definition';
import orderFulfilment from './fixtures/order-fulfilment.json';
import quoteApproval from './fixtures/quote-discount-approval.json';
import { validateDefinition } from './validate-definition';

/** A minimal valid workflow: start -> check -> (true) yes. */
function base(): WorkflowDefinition {
  return {
    name: 'Base',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'check', type: 'logic.if', params: { condition: '=$input.amount > 100' } },
      { id: 'yes', type: 'data.set', params: { values: { big: true } } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'check' },
      { id: 'e2', source: 'check', sourcePort: 'true', target: 'yes' },
    ],
  };
}

/** Base plus one more node reached from `yes`, so that its params can be tested in place. */
function withNode(node: WorkflowNode): WorkflowDefinition {
  const definition = base();
  definition.nodes.push(node);
  definition.edges.push({ id: 'eX', source: 'yes', target: node.id });
  return definition;
}

describe('validateDefinition', () => {
  test.each([
    ['the quote approval example', quoteApproval],
    ['an order fulfilment workflow using most node types', orderFulfilment],
    ['the base fixture', base()],
  ])('accepts %s', (_name, definition) => {
    expect(validateDefinition(definition)).toEqual({ valid: true, errors: [] });
  });

  describe('schema errors stop the meaning checks', () => {
    test.each<[string, unknown, object[]]>([
      ['not an object', 'workflow', [{ path: '', code: 'schema', message: 'The definition must be object' }]],
      [
        'no name, nodes or edges',
        {},
        [
          { path: 'name', code: 'schema', message: 'name is required' },
          { path: 'nodes', code: 'schema', message: 'nodes is required' },
          { path: 'edges', code: 'schema', message: 'edges is required' },
        ],
      ],
      [
        'a node without params and with an unknown field',
        { name: 'x', nodes: [{ id: 'start', type: 'trigger.manual', colour: 'red' }], edges: [] },
        [
          { nodeId: 'start', path: 'params', code: 'schema', message: 'Node "start" params is required' },
          { nodeId: 'start', path: 'colour', code: 'schema', message: 'Node "start" colour is not allowed' },
        ],
      ],
      [
        'an edge without a target and a node id with a space',
        {
          name: 'x',
          nodes: [{ id: 'my node', type: 'trigger.manual', params: {} }],
          edges: [{ id: 'e1', source: 'my node' }],
        },
        [
          {
            nodeId: 'my node',
            path: 'id',
            code: 'schema',
            message: 'Node "my node" id must match pattern "^[A-Za-z0-9_-]{1,64}$"',
          },
          { edgeId: 'e1', path: 'target', code: 'schema', message: 'Edge "e1" target is required' },
          {
            edgeId: 'e1',
            path: 'source',
            code: 'schema',
            message: 'Edge "e1" source must match pattern "^[A-Za-z0-9_-]{1,64}$"',
          },
        ],
      ],
      [
        'a bad retry duration and step limit',
        {
          name: 'x',
          settings: { maxSteps: 0 },
          nodes: [{ id: 'start', type: 'trigger.manual', params: {}, retry: { initialInterval: 'P1M' } }],
          edges: [],
        },
        [
          {
            nodeId: 'start',
            path: 'retry.initialInterval',
            code: 'schema',
            message:
              'Node "start" retry.initialInterval must match pattern "^P(?:\\d+W(?:\\d+D)?(?:T(?:\\d+H(?:\\d+M)?(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+M(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+(?:\\.\\d{1,3})?S))?|\\d+D(?:T(?:\\d+H(?:\\d+M)?(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+M(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+(?:\\.\\d{1,3})?S))?|T(?:\\d+H(?:\\d+M)?(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+M(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+(?:\\.\\d{1,3})?S))$"',
          },
          { path: 'settings.maxSteps', code: 'schema', message: 'settings.maxSteps must be >= 1' },
        ],
      ],
    ])('%s', (_name, value, errors) => {
      expect(validateDefinition(value)).toEqual({ valid: false, errors });
    });
  });

  test('an unknown node type names the node and its type', () => {
    expect(validateDefinition(withNode({ id: 'x', type: 'logic.unless', params: {} })).errors).toEqual([
      {
        nodeId: 'x',
        path: 'type',
        code: 'unknown_node_type',
        message: 'Node "x" has unknown type "logic.unless"',
      },
    ]);
  });

  test('a dangling edge names the edge and the missing node', () => {
    const definition = base();
    definition.edges.push({ id: 'e3', source: 'check', sourcePort: 'false', target: 'ghost' });
    definition.edges.push({ id: 'e4', source: 'phantom', target: 'yes' });
    expect(validateDefinition(definition).errors).toEqual([
      {
        edgeId: 'e3',
        path: 'target',
        code: 'unknown_node',
        message: 'Edge "e3" goes to node "ghost", which does not exist',
      },
      {
        edgeId: 'e4',
        path: 'source',
        code: 'unknown_node',
        message: 'Edge "e4" comes from node "phantom", which does not exist',
      },
    ]);
  });

  test.each([
    [
      'a port the node type does not have',
      { id: 'e3', source: 'check', sourcePort: 'maybe', target: 'yes' },
      'Edge "e3" leaves node "check" (logic.if) by port "maybe", which it does not have; its ports are true, false',
    ],
    [
      'the error port of a pure node',
      { id: 'e3', source: 'check', sourcePort: 'error', target: 'yes' },
      'Edge "e3" leaves node "check" (logic.if) by port "error", which it does not have; its ports are true, false',
    ],
    [
      'the default port of a node without it',
      { id: 'e3', source: 'check', target: 'yes' },
      'Edge "e3" leaves node "check" (logic.if) by port "out", which it does not have; its ports are true, false',
    ],
  ])('rejects an edge leaving by %s', (_name, edge, message) => {
    const definition = base();
    definition.edges.push(edge);
    expect(validateDefinition(definition).errors).toEqual([
      { edgeId: 'e3', nodeId: 'check', path: 'sourcePort', code: 'unknown_port', message },
    ]);
  });

  test('accepts the error port of an activity node and a switch case port', () => {
    const definition = withNode({
      id: 'load',
      type: 'entity.get',
      params: { entityType: 'account', id: '=$input.id' },
    });
    definition.nodes.push({
      id: 'route',
      type: 'logic.switch',
      params: { cases: [{ port: 'vip', condition: '=$nodes.load.vip' }] },
    });
    definition.edges.push({ id: 'eErr', source: 'load', sourcePort: 'error', target: 'route' });
    definition.edges.push({ id: 'eVip', source: 'route', sourcePort: 'vip', target: 'yes' });
    expect(validateDefinition(definition)).toEqual({ valid: true, errors: [] });
  });

  test('an expression that reads $nodes of a node the workflow does not have is named', () => {
    const definition = withNode({
      id: 'route',
      type: 'logic.switch',
      params: {
        cases: [{ port: 'vip', condition: '=$nodes.load.vip or $nodes.`lo-ad`.vip or $nodes.check' }],
      },
    });
    definition.edges.push({ id: 'eVip', source: 'route', sourcePort: 'vip', target: 'yes' });
    expect(validateDefinition(definition).errors).toEqual(
      ['load', 'lo-ad'].map((id) => ({
        nodeId: 'route',
        path: 'params.cases[0].condition',
        code: 'unknown_node_reference',
        message: `Node "route" (logic.switch): params.cases[0].condition reads $nodes.${id}, but no node has the id "${id}"`,
      })),
    );
  });

  test('an entity.query names only fields its entity type can filter and sort by', () => {
    const definition = withNode({
      id: 'find',
      type: 'entity.query',
      params: {
        entityType: 'invoice',
        filter: { status: 'issued', colour: 'red' },
        where: {
          or: [
            { field: 'total', op: 'gte', value: 1 },
            { field: 'notes', op: 'eq', value: 'x' },
          ],
        },
        sort: '-ghost',
      },
    });
    const messages = validateDefinition(definition).errors.map((e) => [e.path, e.code, e.message]);
    expect(messages).toEqual([
      [
        'params.filter.colour',
        'unknown_field',
        expect.stringMatching(
          /^Node "find" \(entity\.query\): params\.filter\.colour names colour, which invoice cannot filter by; use one of /,
        ),
      ],
      [
        'params.where.or[1].field',
        'unknown_field',
        expect.stringContaining('names notes, which invoice cannot filter by'),
      ],
      [
        'params.sort',
        'unknown_field',
        expect.stringContaining(
          'names ghost, which invoice cannot sort by; use one of updatedAt, createdAt, _id, ',
        ),
      ],
    ]);
  });

  test('an edge out of flow.end says the node has no ports', () => {
    const definition = withNode({ id: 'end', type: 'flow.end', params: {} });
    definition.edges.push({ id: 'eEnd', source: 'end', target: 'check' });
    expect(validateDefinition(definition).errors).toEqual([
      {
        edgeId: 'eEnd',
        nodeId: 'end',
        path: 'sourcePort',
        code: 'unknown_port',
        message:
          'Edge "eEnd" leaves node "end" (flow.end) by port "out", which it does not have; it has no output ports',
      },
    ]);
  });

  describe('params', () => {
    test.each<[string, WorkflowNode, [string, string][]]>([
      [
        'a value outside an enum',
        { id: 'j', type: 'logic.join', params: { mode: 'some' } },
        [['params.mode', 'Node "j" (logic.join): params.mode must be one of "all", "any"']],
      ],
      [
        'a missing required param and an unknown one',
        { id: 'u', type: 'entity.update', params: { entityType: 'quote', id: 'q1', chnages: {} } },
        [
          ['params.changes', 'Node "u" (entity.update): params.changes is required'],
          ['params.chnages', 'Node "u" (entity.update): params.chnages is not allowed'],
        ],
      ],
      [
        'a number out of range',
        { id: 'q', type: 'entity.query', params: { entityType: 'quote', filter: {}, limit: 5000 } },
        [['params.limit', 'Node "q" (entity.query): params.limit must be <= 1000']],
      ],
      [
        'a wrong type deep inside',
        { id: 's', type: 'logic.switch', params: { cases: [{ port: 'a', condition: 'yes' }] } },
        [['params.cases[0].condition', 'Node "s" (logic.switch): params.cases[0].condition must be boolean']],
      ],
      [
        'an expression where the value must be literal',
        { id: 's', type: 'logic.switch', params: { cases: [{ port: '=$vars.port', condition: true }] } },
        [
          [
            'params.cases[0].port',
            'Node "s" (logic.switch): params.cases[0].port must be written literally; an expression is not allowed here',
          ],
        ],
      ],
      [
        'an escaped literal, checked as the literal it stands for',
        { id: 'j', type: 'logic.join', params: { mode: '==all' } },
        [['params.mode', 'Node "j" (logic.join): params.mode must be one of "all", "any"']],
      ],
      [
        'neither of two alternative params',
        { id: 'w', type: 'flow.wait', params: {} },
        [['params', 'Node "w" (flow.wait): params must have exactly one of: duration, until']],
      ],
      [
        'both of two alternative params',
        { id: 'w', type: 'flow.wait', params: { duration: 'PT1M', until: '2030-01-01T00:00:00Z' } },
        [['params', 'Node "w" (flow.wait): params must have exactly one of: duration, until']],
      ],
      [
        'a value matching none of the accepted types',
        { id: 'm', type: 'notify.email', params: { to: 5, subject: 's', body: 'b' } },
        [['params.to', 'Node "m" (notify.email): params.to must be string or array']],
      ],
      [
        'an unknown operator in a query filter',
        { id: 'q', type: 'entity.query', params: { entityType: 'quote', filter: { $where: 'x' } } },
        [
          [
            'params.filter',
            'Node "q" (entity.query): params.filter must match pattern "^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$"',
          ],
          ['params.filter', 'Node "q" (entity.query): params.filter property name must be valid'],
        ],
      ],
    ])('reports %s', (_name, node, expected) => {
      const { errors } = validateDefinition(withNode(node));
      // A lone join also has too few inputs; that check has its own test.
      expect(errors.filter((error) => error.code !== 'join_inputs')).toEqual(
        expected.map(([path, message]) => ({ nodeId: node.id, path, code: 'invalid_params', message })),
      );
    });

    test('accepts an expression wherever a literal of another type is expected', () => {
      const node: WorkflowNode = {
        id: 'q',
        type: 'entity.query',
        params: {
          entityType: '=$input.type',
          filter: '=$input.filter',
          sort: '=$input.sort',
          limit: '=$input.limit',
        },
      };
      expect(validateDefinition(withNode(node))).toEqual({ valid: true, errors: [] });
    });

    test('retry belongs to activity nodes only', () => {
      const definition = base();
      definition.nodes[1]!.retry = { maximumAttempts: 3 };
      expect(validateDefinition(definition).errors).toEqual([
        {
          nodeId: 'check',
          path: 'retry',
          code: 'retry_not_applicable',
          message: 'Node "check" (logic.if) does no I/O, so it has no retry policy',
        },
      ]);
    });
  });

  test('an unparsable expression names the node and the param path', () => {
    const definition = base();
    definition.nodes[1]!.params.condition = '=$input.amount >';
    definition.nodes[2]!.params.values = { total: '=$sum($input.lines.(price * qty)' };
    expect(validateDefinition(definition).errors).toEqual([
      {
        nodeId: 'check',
        path: 'params.condition',
        code: 'expression_syntax',
        message:
          'Node "check" (logic.if): Expression in params.condition does not parse: Unexpected end of expression (position 15)',
      },
      {
        nodeId: 'yes',
        path: 'params.values.total',
        code: 'expression_syntax',
        message:
          'Node "yes" (data.set): Expression in params.values.total does not parse: Expected ")" before end of expression (position 31)',
      },
    ]);
  });

  test('duplicate node and edge ids', () => {
    const definition = base();
    definition.nodes.push({ id: 'yes', type: 'data.set', params: { values: {} } });
    definition.edges.push({ id: 'e2', source: 'check', sourcePort: 'false', target: 'yes' });
    expect(validateDefinition(definition).errors).toEqual([
      {
        nodeId: 'yes',
        path: 'id',
        code: 'duplicate_node_id',
        message: 'Node id "yes" is used by more than one node',
      },
      {
        edgeId: 'e2',
        path: 'id',
        code: 'duplicate_edge_id',
        message: 'Edge id "e2" is used by more than one edge',
      },
    ]);
  });

  test('a workflow without a trigger, whose nodes are then unreachable', () => {
    const definition: WorkflowDefinition = {
      name: 'No trigger',
      nodes: [{ id: 'a', type: 'data.set', params: { values: {} } }],
      edges: [],
    };
    expect(validateDefinition(definition).errors).toEqual([
      {
        path: 'nodes',
        code: 'no_trigger',
        message: 'The workflow has no trigger node, so it can never start',
      },
      {
        nodeId: 'a',
        path: '',
        code: 'unreachable_node',
        message: 'Node "a" cannot be reached from any trigger',
      },
    ]);
  });

  test('an edge into a trigger', () => {
    const definition = base();
    definition.edges.push({ id: 'back', source: 'yes', target: 'start' });
    expect(validateDefinition(definition).errors).toEqual([
      {
        edgeId: 'back',
        nodeId: 'start',
        path: 'target',
        code: 'trigger_incoming_edge',
        message: 'Edge "back" goes into trigger "start"; a trigger starts runs and has no inputs',
      },
    ]);
  });

  test('duplicate switch case ports', () => {
    const node: WorkflowNode = {
      id: 'route',
      type: 'logic.switch',
      params: {
        cases: [
          { port: 'eu', condition: '=$input.region = "EU"' },
          { port: 'us', condition: true },
          { port: 'eu', condition: true },
        ],
      },
    };
    expect(validateDefinition(withNode(node)).errors).toEqual([
      {
        nodeId: 'route',
        path: 'params.cases[2].port',
        code: 'duplicate_port',
        message: 'Switch "route" has more than one case with port "eu"',
      },
    ]);
  });

  test('a join with one input', () => {
    expect(
      validateDefinition(withNode({ id: 'j', type: 'logic.join', params: { mode: 'all' } })).errors,
    ).toEqual([
      {
        nodeId: 'j',
        path: '',
        code: 'join_inputs',
        message: 'Join "j" has 1 incoming edge; a join needs at least two',
      },
    ]);
  });

  test('unreachable nodes, counting forEach bodies as reached', () => {
    const definition = withNode({
      id: 'loop',
      type: 'flow.forEach',
      params: { items: '=$input.lines', body: 'each' },
    });
    definition.nodes.push({ id: 'each', type: 'data.set', params: { values: { line: '=$item' } } });
    definition.nodes.push({ id: 'lost', type: 'data.set', params: { values: {} } });
    definition.nodes.push({ id: 'afterLost', type: 'data.set', params: { values: {} } });
    definition.edges.push({ id: 'eLost', source: 'lost', target: 'afterLost' });
    expect(validateDefinition(definition).errors).toEqual([
      {
        nodeId: 'lost',
        path: '',
        code: 'unreachable_node',
        message: 'Node "lost" cannot be reached from any trigger',
      },
      {
        nodeId: 'afterLost',
        path: '',
        code: 'unreachable_node',
        message: 'Node "afterLost" cannot be reached from any trigger',
      },
    ]);
  });

  describe('forEach bodies', () => {
    function forEach(body: string): WorkflowDefinition {
      const definition = withNode({
        id: 'loop',
        type: 'flow.forEach',
        params: { items: '=$input.lines', body },
      });
      definition.nodes.push({ id: 'each', type: 'data.set', params: { values: { line: '=$item' } } });
      definition.nodes.push({ id: 'eachNext', type: 'data.set', params: { values: {} } });
      definition.edges.push({ id: 'eBody', source: 'each', target: 'eachNext' });
      return definition;
    }
    const error = (message: string, edgeId?: string) => ({
      nodeId: 'loop',
      ...(edgeId ? { edgeId } : {}),
      path: 'params.body',
      code: 'invalid_for_each_body',
      message,
    });

    test('a closed body is valid', () => {
      expect(validateDefinition(forEach('each'))).toEqual({ valid: true, errors: [] });
    });

    test('a missing body node', () => {
      const definition = forEach('ghost');
      expect(validateDefinition(definition).errors).toEqual([
        error('For-each "loop" names body node "ghost", which does not exist'),
        {
          nodeId: 'each',
          path: '',
          code: 'unreachable_node',
          message: 'Node "each" cannot be reached from any trigger',
        },
        {
          nodeId: 'eachNext',
          path: '',
          code: 'unreachable_node',
          message: 'Node "eachNext" cannot be reached from any trigger',
        },
      ]);
    });

    test('an edge entering the body from outside', () => {
      const definition = forEach('each');
      definition.edges.push({ id: 'eIn', source: 'yes', target: 'eachNext' });
      expect(validateDefinition(definition).errors).toEqual([
        error(
          'Edge "eIn" enters the body of for-each "loop" from outside; only the for-each starts its body',
          'eIn',
        ),
      ]);
    });

    test('a forEach inside its own body', () => {
      const definition = forEach('each');
      definition.edges.push({ id: 'eLoop', source: 'eachNext', target: 'loop' });
      expect(validateDefinition(definition).errors).toEqual([
        error('For-each "loop" is inside its own body'),
      ]);
    });

    test('a trigger as the body', () => {
      expect(validateDefinition(forEach('start')).errors).toContainEqual(
        error('For-each "loop" names trigger "start" as its body'),
      );
    });
  });
});
