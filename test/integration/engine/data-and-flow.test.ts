import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { graph, queryTrace, runInput, startRun } from './engine-harness';

let services: TestServices;
beforeAll(async () => {
  services = await connectTestServices('engine-data-flow');
});
afterAll(() => services.close());

describe('interpretedWorkflow: data, logic and flow nodes', () => {
  it('creates, updates, reads, queries records and routes with if, switch, join, forEach and wait', async () => {
    const definition = graph(
      'CRUD and routing',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'create',
          type: 'entity.create',
          params: { entityType: 'account', data: { name: '=$input.name', currency: 'EUR' } },
        },
        {
          id: 'update',
          type: 'entity.update',
          params: { entityType: 'account', id: '=$nodes.create._id', changes: { tier: 'gold' } },
        },
        { id: 'get', type: 'entity.get', params: { entityType: 'account', id: '=$nodes.create._id' } },
        { id: 'query', type: 'entity.query', params: { entityType: 'account', filter: { currency: 'EUR' } } },
        {
          id: 'vars',
          type: 'data.set',
          params: { values: { count: '=$count($nodes.query.items)', tier: '=$nodes.get.tier' } },
        },
        { id: 'isGold', type: 'logic.if', params: { condition: '=$vars.tier = "gold"' } },
        {
          id: 'route',
          type: 'logic.switch',
          params: {
            cases: [
              { port: 'one', condition: '=$vars.count = 1' },
              { port: 'many', condition: '=$vars.count > 1' },
            ],
          },
        },
        { id: 'pause', type: 'flow.wait', params: { duration: 'PT1S' } },
        { id: 'each', type: 'flow.forEach', params: { items: [1, 2, 3], body: 'double', concurrency: 2 } },
        { id: 'double', type: 'data.set', params: { values: { doubled: '=$item * 2' } } },
        { id: 'join', type: 'logic.join', params: { mode: 'all' } },
        {
          id: 'end',
          type: 'flow.end',
          params: {
            output: {
              version: '=$nodes.get.version',
              count: '=$vars.count',
              doubled: '=$nodes.each.doubled',
              waited: '=$exists($nodes.pause)',
            },
          },
        },
        { id: 'notGold', type: 'flow.fail', params: { message: 'not gold' } },
      ],
      [
        'start->create',
        'create->update',
        'update->get',
        'get->query',
        'query->vars',
        'vars->isGold',
        'isGold:true->route',
        'isGold:false->notGold',
        'route:one->pause',
        'route:many->notGold',
        'route:one->each',
        'pause->join',
        'each->join',
        'join->end',
      ],
    );
    const output = await services.withWorker(async () => {
      const handle = await startRun(services, runInput(definition, { name: 'Acme' }));
      return handle.result();
    });
    expect(output).toEqual({ version: 2, count: 1, doubled: [2, 4, 6], waited: true });
  });

  it('fails the run with flow.fail as a non-retryable failure typed by its code', async () => {
    const definition = graph(
      'Fails',
      [
        { id: 'start', type: 'trigger.manual' },
        { id: 'stop', type: 'flow.fail', params: { message: '="bad input: " & $input.reason' } },
      ],
      ['start->stop'],
    );
    const { error, trace } = await services.withWorker(async () => {
      const handle = await startRun(services, runInput(definition, { reason: 'no lines' }));
      const failure = await handle.result().catch((e: unknown) => e);
      return { error: failure, trace: await queryTrace(handle) };
    });
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const cause = (error as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('flow_fail');
    expect((cause as ApplicationFailure).nonRetryable).toBe(true);
    expect(trace.status).toBe('failed');
    expect(trace.trace.map((entry) => [entry.nodeId, entry.status])).toEqual([
      ['start', 'completed'],
      ['stop', 'failed'],
    ]);
  });
});
