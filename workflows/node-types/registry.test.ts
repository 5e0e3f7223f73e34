import { outputPorts } from './node-type';
import { describeNodeTypes, getNodeType, nodeTypeList, nodeTypes, requiredActivityNames } from './registry';

describe('node-type registry', () => {
  test('declares the node catalog, with these exact names, groups and execution kinds', () => {
    expect(nodeTypeList.map((type) => [type.type, type.group, type.execution])).toEqual([
      ['trigger.manual', 'trigger', 'trigger'],
      ['trigger.entity', 'trigger', 'trigger'],
      ['trigger.schedule', 'trigger', 'trigger'],
      ['trigger.webhook', 'trigger', 'trigger'],
      ['entity.create', 'data', 'activity'],
      ['entity.upsert', 'data', 'activity'],
      ['entity.update', 'data', 'activity'],
      ['entity.get', 'data', 'activity'],
      ['entity.query', 'data', 'activity'],
      ['data.set', 'data', 'pure'],
      ['logic.if', 'logic', 'pure'],
      ['logic.switch', 'logic', 'pure'],
      ['logic.join', 'logic', 'control'],
      ['flow.forEach', 'flow', 'control'],
      ['flow.wait', 'flow', 'control'],
      ['flow.waitFor', 'flow', 'control'],
      ['flow.subworkflow', 'flow', 'control'],
      ['flow.end', 'flow', 'control'],
      ['flow.fail', 'flow', 'control'],
      ['human.approval', 'people', 'control'],
      ['human.task', 'people', 'control'],
      ['http.request', 'integration', 'activity'],
      ['notify.email', 'integration', 'activity'],
      ['report.run', 'data', 'activity'],
      ['erp.creditCheck', 'domain', 'activity'],
      ['erp.reserveStock', 'domain', 'activity'],
      ['erp.releaseStock', 'domain', 'activity'],
      ['erp.createInvoice', 'domain', 'activity'],
      ['erp.threeWayMatch', 'domain', 'activity'],
      ['crm.convertLead', 'domain', 'activity'],
    ]);
  });

  // These names are fixed so that definitions written outside the editor keep working.
  test.each([
    ['trigger.manual', [], ['inputSchema']],
    ['trigger.entity', ['entityType', 'events'], ['condition']],
    ['trigger.schedule', ['cron'], ['timezone']],
    ['trigger.webhook', [], ['payloadSchema']],
    ['entity.create', ['entityType', 'data'], []],
    ['entity.update', ['entityType', 'id', 'changes'], []],
    ['entity.get', ['entityType', 'id'], []],
    ['entity.query', ['entityType'], ['filter', 'where', 'sort', 'limit', 'cursor', 'allPages']],
    ['data.set', ['values'], []],
    ['logic.if', ['condition'], []],
    ['logic.switch', ['cases'], []],
    ['logic.join', ['mode'], []],
    ['flow.forEach', ['items'], ['concurrency']],
    ['flow.wait', [], ['duration', 'until']],
    ['flow.waitFor', ['entityType', 'id', 'condition'], ['timeout']],
    ['flow.subworkflow', ['workflowId'], ['input', 'wait']],
    ['flow.end', [], ['output']],
    ['flow.fail', ['message'], []],
    ['human.approval', ['assigneeRole', 'title'], ['description', 'formSchema', 'dueIn', 'escalateTo']],
    ['human.task', ['assigneeRole', 'title', 'formSchema'], ['dueIn']],
    ['http.request', ['method', 'url'], ['headers', 'body', 'timeoutMs', 'credentialId']],
    ['notify.email', ['to', 'subject', 'body'], []],
  ])('%s has the core params (required %j, optional %j)', (type, required, optional) => {
    const schema = nodeTypes[type]!.paramsSchema;
    expect(schema.required ?? []).toEqual(expect.arrayContaining(required));
    for (const name of optional) expect(schema.required ?? []).not.toContain(name);
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining([...required, ...optional]));
  });

  test.each(nodeTypeList.map((type) => [type.type, type] as const))(
    '%s has a closed object params schema with a title on every param',
    (_name, declaration) => {
      expect(declaration.paramsSchema.type).toBe('object');
      expect(declaration.paramsSchema.additionalProperties).toBe(false);
      for (const [name, property] of Object.entries(declaration.paramsSchema.properties ?? {})) {
        expect([name, typeof property.title]).toEqual([name, 'string']);
      }
      expect(declaration.label).not.toBe('');
      expect(declaration.description).not.toBe('');
      expect(declaration.outputDescription).not.toBe('');
    },
  );

  test('activity defaults exist exactly on activity node types', () => {
    const mismatched = nodeTypeList
      .filter((type) => (type.execution === 'activity') !== (type.activity !== undefined))
      .map((type) => type.type);
    expect(mismatched).toEqual([]);
  });

  test.each([
    ['trigger.manual', {}, ['out']],
    ['entity.update', {}, ['out', 'error']],
    ['logic.if', {}, ['true', 'false']],
    [
      'logic.switch',
      {
        cases: [
          { port: 'eu', condition: true },
          { port: 'us', condition: true },
        ],
      },
      ['eu', 'us', 'default'],
    ],
    ['logic.switch', { cases: 'not yet a list' }, ['default']],
    ['logic.switch', { cases: [{ condition: true }, null, { port: 'us' }] }, ['us', 'default']],
    ['human.approval', {}, ['approved', 'rejected', 'timeout']],
    ['human.task', {}, ['out', 'timeout']],
    ['flow.waitFor', {}, ['out', 'timeout']],
    ['flow.forEach', {}, ['out']],
    ['flow.end', {}, []],
    ['flow.fail', {}, []],
    ['http.request', {}, ['out', 'error']],
  ])('%s with params %j has ports %j', (type, params, ports) => {
    expect(outputPorts(nodeTypes[type]!, params)).toEqual(ports);
  });

  test('getNodeType knows registered names only', () => {
    expect(getNodeType('logic.if')?.label).toBe('If');
    expect(getNodeType('logic.unless')).toBeUndefined();
    expect(getNodeType('constructor')).toBeUndefined();
  });

  test('lists every activity the worker must provide, compensations included', () => {
    expect(requiredActivityNames()).toEqual([
      'crm.convertLead',
      'entity.archive',
      'entity.create',
      'entity.get',
      'entity.query',
      'entity.update',
      'entity.upsert',
      'erp.createInvoice',
      'erp.creditCheck',
      'erp.releaseStock',
      'erp.reserveStock',
      'erp.threeWayMatch',
      'http.request',
      'notify.email',
      'report.run',
    ]);
  });

  test.each([
    [
      'entity.create',
      { entityType: 'salesOrder', data: {} },
      { _id: 'so1', version: 1 },
      { entityType: 'salesOrder', id: 'so1' },
    ],
    ['entity.create', { entityType: 'salesOrder', data: {} }, { version: 1 }, undefined],
    ['erp.reserveStock', { orderId: 'so1' }, { reservationId: 'r9', lines: [] }, { reservationId: 'r9' }],
    ['erp.reserveStock', { orderId: 'so1' }, null, undefined],
  ])('%s compensation params from %j and output %j are %j', (type, params, output, expected) => {
    expect(nodeTypes[type]!.compensation!.params(params, output)).toEqual(expected);
  });

  test('describes node types as plain JSON for the API', () => {
    const descriptions = describeNodeTypes();
    expect(JSON.parse(JSON.stringify(descriptions))).toEqual(descriptions);
    expect(descriptions.find((type) => type.type === 'logic.switch')).toMatchObject({
      ports: ['default'],
      portsFromParams: 'One port per case, in case order, then "default".',
      hasErrorPort: false,
    });
    expect(descriptions.find((type) => type.type === 'erp.reserveStock')).toMatchObject({
      ports: ['out'],
      hasErrorPort: true,
      compensation: { activity: 'erp.releaseStock', description: 'Releases the reservation.' },
    });
  });
});
