import type { WorkflowDefinition } from '../definition/workflow-definition';
import type { HumanTaskResult } from './effects';
import { FakeEffects } from '../testing/fake-effects';
import forEachLines from './fixtures/for-each-lines.json';
import joinInLoop from './fixtures/join-in-loop.json';
import reworkLoop from './fixtures/rework-loop.json';
import type { RunRequest } from './run-context';
import type { RunState } from './run-state';
import { testRequest } from '../testing/test-request';
import type { TraceEntry } from './trace';
import { WorkflowRun } from './workflow-run';

/** Effects whose human reviewer rejects twice, then approves, and whose activities echo their key. */
function effectsFor(shouldContinueAsNew: () => boolean = () => false): FakeEffects {
  const decisions: HumanTaskResult['outcome'][] = ['rejected', 'rejected', 'approved'];
  return new FakeEffects({
    shouldContinueAsNew,
    humanTask: () => ({ outcome: decisions.shift() ?? 'approved', completedBy: 'maria' }),
    activities: {
      'http.request': (request) => ({ status: 200, key: request.idempotencyKey }),
      'entity.update': (request) => ({ _id: request.params.id, key: request.idempotencyKey }),
      'erp.reserveStock': (request) => ({ reservationId: request.idempotencyKey }),
    },
  });
}

const comparable = (trace: TraceEntry[]) =>
  trace.map(({ nodeId, visit, status, port, input, output, item }) => ({
    nodeId,
    visit,
    status,
    port,
    input,
    output,
    item,
  }));

async function uninterrupted(request: RunRequest) {
  const effects = effectsFor();
  const run = new WorkflowRun(request, effects);
  const outcome = await run.execute();
  return { outcome, trace: run.trace(), keys: effects.activityCalls.map((call) => call.idempotencyKey) };
}

/** Continues as new whenever `every` effects have been called since the execution started. */
async function interrupted(request: RunRequest, every: number) {
  let calledAtStart = 0;
  const effects = effectsFor(() => effects.log.length / 2 - calledAtStart >= every);
  let state: RunState | undefined;
  let executions = 0;
  for (;;) {
    executions += 1;
    calledAtStart = effects.log.length / 2;
    const run = new WorkflowRun(request, effects, state ? { state } : {});
    const outcome = await run.execute();
    if (outcome.kind === 'completed') {
      return {
        outcome,
        trace: run.trace(),
        keys: effects.activityCalls.map((call) => call.idempotencyKey),
        executions,
      };
    }
    // What Temporal would do: serialise the state into the next execution's input.
    const serialised = JSON.stringify(outcome.state);
    expect(JSON.parse(serialised)).toEqual(outcome.state);
    state = JSON.parse(serialised) as RunState;
  }
}

describe('continue-as-new', () => {
  test.each<[string, WorkflowDefinition, Partial<RunRequest>]>([
    ['a join inside a loop', joinInLoop, {}],
    ['a rework loop with human approvals', reworkLoop, { input: { quoteId: 'q-1' } }],
    [
      'a forEach',
      forEachLines,
      {
        input: {
          lines: [
            { sku: 'A', qty: 1 },
            { sku: 'B', qty: 2 },
          ],
        },
      },
    ],
  ])('a run through %s ends the same as an uninterrupted one', async (_name, definition, overrides) => {
    const request = testRequest(definition, overrides);
    const expected = await uninterrupted(request);
    const actual = await interrupted(request, 1);
    expect(actual.outcome).toEqual(expected.outcome);
    expect(actual.keys).toEqual(expected.keys);
    expect(comparable(actual.trace)).toEqual(comparable(expected.trace));
    expect(actual.executions).toBeGreaterThan(1);
  });

  test('hands over pending work, visit counters, steps and join rounds; in-flight work finishes first', async () => {
    const request = testRequest(joinInLoop);
    let asked = 0;
    const effects = effectsFor(() => (asked += 1) === 3);
    const outcome = await new WorkflowRun(request, effects).execute();
    expect(outcome.kind).toBe('continueAsNew');
    if (outcome.kind !== 'continueAsNew') return;
    const { state } = outcome;
    expect(state.trace.every((entry) => entry.status === 'completed')).toBe(true);
    expect(state.region.pending.length).toBeGreaterThan(0);
    expect(state.steps).toBe(state.trace.length);
    expect(state.visits).toEqual(
      state.trace.reduce<Record<string, number>>(
        (visits, entry) => ({ ...visits, [entry.nodeId]: entry.visit }),
        {},
      ),
    );
  });

  test('keeps the step limit across executions', async () => {
    const definition: WorkflowDefinition = { ...joinInLoop, settings: { maxSteps: 8 } };
    let calledAtStart = 0;
    const effects = effectsFor(() => effects.log.length / 2 - calledAtStart >= 1);
    let state: RunState | undefined;
    const failure = await (async () => {
      for (;;) {
        calledAtStart = effects.log.length / 2;
        const outcome = await new WorkflowRun(
          testRequest(definition),
          effects,
          state ? { state } : {},
        ).execute();
        if (outcome.kind === 'completed') return outcome;
        state = outcome.state;
      }
    })().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'step_limit' });
  });
});
