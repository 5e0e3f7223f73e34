import type { HumanTaskResult } from './effects';
import { FakeEffects } from '../testing/fake-effects';
import reworkLoop from './fixtures/rework-loop.json';
import runawayLoop from './fixtures/runaway-loop.json';
import { RunFailure } from './run-failure';
import { testRequest } from '../testing/test-request';
import { runWorkflow, WorkflowRun } from './workflow-run';

describe('loops', () => {
  test('a rework loop revisits nodes, with a new visit number and idempotency key each time', async () => {
    const decisions: HumanTaskResult['outcome'][] = ['rejected', 'rejected', 'approved'];
    const effects = new FakeEffects({
      humanTask: () => ({ outcome: decisions.shift() ?? 'approved', completedBy: 'maria' }),
      activities: {
        'entity.update': (request) => ({ _id: request.params.id, ...(request.params.changes as object) }),
      },
    });
    const run = new WorkflowRun(testRequest(reworkLoop, { input: { quoteId: 'q-9' } }), effects);
    await expect(run.execute()).resolves.toEqual({
      kind: 'completed',
      output: { _id: 'q-9', status: 'approved', revision: 3 },
    });
    expect(effects.humanTasks.map((task) => [task.idempotencyKey, task.title])).toEqual([
      ['run-1/review/1', 'Review draft 1'],
      ['run-1/review/2', 'Review draft 2'],
      ['run-1/review/3', 'Review draft 3'],
    ]);
    expect(effects.activityCalls.map((call) => call.idempotencyKey)).toEqual(['run-1/publish/1']);
    expect(run.trace().map((entry) => `${entry.nodeId}#${entry.visit}:${entry.port ?? ''}`)).toEqual([
      'start#1:out',
      'draft#1:out',
      'review#1:rejected',
      'draft#2:out',
      'review#2:rejected',
      'draft#3:out',
      'review#3:approved',
      'publish#1:out',
    ]);
  });

  test('a runaway loop stops at the step limit with an error naming the limit', async () => {
    const run = new WorkflowRun(testRequest(runawayLoop), new FakeEffects());
    const failure = await run.execute().catch((error: unknown) => error);
    expect(failure).toEqual(
      new RunFailure({
        code: 'step_limit',
        nodeId: 'again',
        message:
          'Step limit of 10 reached (settings.maxSteps): node "again" would be step 11 of this run. A loop may not terminate.',
      }),
    );
    expect(failure).toMatchObject({ code: 'step_limit', nodeId: 'again' });
    expect(run.trace()).toHaveLength(10);
  });

  test('the step limit defaults to 1000', async () => {
    const { settings: _settings, ...unlimited } = runawayLoop;
    await expect(runWorkflow(testRequest(unlimited), new FakeEffects())).rejects.toThrow(
      'Step limit of 1000 reached (settings.maxSteps): node "again" would be step 1001 of this run. A loop may not terminate.',
    );
  });
});
