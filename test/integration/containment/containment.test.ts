import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { WorkflowDefinition } from '../../../workflows';
import { JsonText } from '../../support/api-client';
import { killChildWorker, spawnChildWorker } from '../../support/child-worker';
import { eventually } from '../../support/eventually';
import { graph, runInput, startRun } from '../engine/engine-harness';
import { dispatchesOf, startTriggerHarness, type TriggerHarness } from '../triggers/trigger-harness';

/*
 * No input takes the platform down. Expressions that try to exhaust the evaluator, inside runs and
 * as trigger conditions, stop at their bounds with the right error; deep JSON is a 400 with its
 * path; the API server keeps answering throughout; and a worker killed during a poison run is
 * replaced and the stack carries on by itself.
 */

jest.setTimeout(600_000);

let harness: TriggerHarness;
beforeAll(async () => {
  harness = await startTriggerHarness('containment');
});
afterAll(() => harness.close());

const catastrophic = `"${'a'.repeat(40)}!"`;

/** Poison expressions and the limit each must stop at inside a run (the sandbox's budget). */
const runCorpus: Array<[string, string, string]> = [
  ['recursion', '($f := function($n){1 + $f($n+1)}; $f(0))', 'exceeded the nesting depth limit of 200'],
  [
    'mutual recursion',
    '($a := function($n){$b($n+1)}; $b := function($n){1 + $a($n+1)}; $a(0))',
    'exceeded the nesting depth limit of 200',
  ],
  ['tail recursion', '($f := function($n){$f($n+1)}; $f(0))', 'exceeded the limit of 10000 evaluation steps'],
  [
    'string doubling',
    '($f := function($s,$n){$n=0?$s:$f($s&$s,$n-1)}; $length($f("a",27)))',
    'would build a string of 1048576 characters, over the limit of 1000000',
  ],
  [
    '$pad blow-up',
    '$length($pad("", 1e7))',
    'would build a string of 10000000 characters, over the limit of 1000000',
  ],
  [
    '$join blow-up',
    '($s := $pad("", 900000); $join([$s,$s,$s]))',
    'would build a string of 2700000 characters, over the limit of 1000000',
  ],
  [
    'a huge range',
    '$count([1..10000000])',
    'would build an array of 10000000 elements, over the limit of 100000',
  ],
  [
    'a deeply nested result',
    '($f := function($o,$n){$n=0?$o:$f({"a":$o},$n-1)}; $f({},100))',
    'returned a value nested deeper than 64',
  ],
];

function poisonRun(source: string): WorkflowDefinition {
  return graph(
    'Poison',
    [
      { id: 'start', type: 'trigger.manual' },
      { id: 'set', type: 'data.set', params: { values: { x: `=${source}` } } },
    ],
    ['start->set'],
  );
}

const healthyRun = graph(
  'Healthy',
  [
    { id: 'start', type: 'trigger.manual' },
    {
      id: 'set',
      type: 'data.set',
      params: { values: { word: `=$match(${catastrophic}, /a+/).match`, total: '=$sum([1..100])' } },
    },
    { id: 'end', type: 'flow.end', params: { output: '=$vars' } },
  ],
  ['start->set', 'set->end'],
);

/** Polls GET /api/health every 100 ms until stopped; returns each answer's status and time. */
function watchHealth(): { stop(): Promise<Array<{ status: number; ms: number }>> } {
  const answers: Array<{ status: number; ms: number }> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await harness.api('GET', '/health');
      answers.push({ status: response.status, ms: performance.now() - started });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return answers;
    },
  };
}

test('poison expressions fail their own run with the bound they hit, and the next run completes', async () => {
  const { services } = harness;
  const outcomes = await services.withWorker(async () => {
    const handles = await Promise.all(
      runCorpus.map(([, source]) => startRun(services, runInput(poisonRun(source)))),
    );
    const failures = await Promise.all(
      handles.map((handle) => handle.result().catch((error: unknown) => error)),
    );
    const healthy = await (await startRun(services, runInput(healthyRun))).result();
    return { failures, healthy };
  });
  outcomes.failures.forEach((failure, index) => {
    const [name, , detail] = runCorpus[index] as [string, string, string];
    expect([name, failure]).toEqual([name, expect.any(WorkflowFailedError)]);
    const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect([name, cause.type, cause.message]).toEqual([
      name,
      'expression_failed',
      expect.stringContaining(
        `Node "set" (data.set) failed: Expression in params.values.x failed: ${detail}`,
      ),
    ]);
  });
  expect(outcomes.healthy).toEqual({ word: 'a'.repeat(40), total: 5050 });
});

/** Trigger conditions that each trip a different bound, and the error the dispatch log records. */
const conditionCorpus: Array<[string, string, string]> = [
  ['catastrophic regex', `=$match(${catastrophic}, /(a+)+$/)`, ''],
  [
    'string doubling',
    '=($f := function($s,$n){$n=0?$s:$f($s&$s,$n-1)}; $length($f("a",27)))',
    'would build a string of 1048576 characters, over the limit of 1000000',
  ],
  [
    '$pad blow-up',
    '=$length($pad("",1e7)) > 0',
    'would build a string of 10000000 characters, over the limit of 1000000',
  ],
  // Steps or wall time, whichever a busy machine reaches first: both are bounds.
  ['recursion', '=($f := function($n){$f($n+1)}; $f(0))', 'exceeded the '],
];

function onSupplier(name: string, condition: string): WorkflowDefinition {
  return {
    name,
    nodes: [
      {
        id: 'start',
        type: 'trigger.entity',
        params: { entityType: 'supplier', events: ['created'], condition },
      },
      { id: 'done', type: 'flow.end', params: {} },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'done' }],
  };
}

test('trigger conditions that hit their bounds count as no match, are flagged, and never stall the API server', async () => {
  const { services, api } = harness;
  const workflows = await Promise.all(
    conditionCorpus.map(([name, condition]) => harness.publish(onSupplier(name, condition))),
  );
  const health = watchHealth();
  const created: string[] = [];
  for (let i = 0; i < 3; i++) {
    const response = await api('POST', '/entities/supplier', {
      name: `Poison supplier ${i}`,
      status: 'active',
      currency: 'EUR',
      paymentTerms: 'net30',
    });
    expect(response.status).toBe(201);
    created.push(response.body._id as string);
  }
  // Failing conditions first: once they are all recorded, the same events' regex condition was evaluated too.
  const order = [...workflows.keys()].sort(
    (a, b) => Number(conditionCorpus[a]?.[2] === '') - Number(conditionCorpus[b]?.[2] === ''),
  );
  for (const index of order) {
    const workflowId = workflows[index] as string;
    const [name, , detail] = conditionCorpus[index] as [string, string, string];
    if (detail === '') {
      // The regex runs in linear time: it simply does not match.
      expect([name, await dispatchesOf(services, workflowId)]).toEqual([name, []]);
      continue;
    }
    const dispatches = await eventually(async () => {
      const entries = await dispatchesOf(services, workflowId);
      return entries.length === created.length ? entries : undefined;
    });
    expect([name, dispatches.map((entry) => entry.outcome)]).toEqual([
      name,
      created.map(() => 'conditionFailed'),
    ]);
    expect([name, dispatches[0]?.message]).toEqual([name, expect.stringContaining(detail)]);
    const flag = await api('GET', `/workflows/${workflowId}/trigger-health`);
    expect([name, flag.body.conditionFailures.count, flag.body.conditionFailures.flagged]).toEqual([
      name,
      3,
      true,
    ]);
  }
  const answers = await health.stop();
  expect(answers.length).toBeGreaterThan(0);
  expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
  const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  process.stdout.write(
    `containment: /api/health answered ${answers.length} times during poison conditions, p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, max ${sorted[sorted.length - 1]?.toFixed(1)} ms\n`,
  );
});

/** `{"name":"deep","data":{"a":{"a":…1…}}}`, built as text: too deep for JSON.stringify here too. */
function nested(depth: number): JsonText {
  return new JsonText(`{"name":"deep","data":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`);
}

test.each([
  ['an entity body', 'POST', '/entities/account'],
  ['a workflow draft', 'POST', '/workflows'],
  ['a validate request', 'POST', '/workflows/none/validate'],
  ['a task completion', 'POST', '/tasks/none/complete'],
  ['a template install', 'POST', '/templates/quote-to-cash/install'],
])('%s nested 10,000 deep is a 400 naming the path', async (_name, method, path) => {
  const response = await harness.api(method, path, nested(10_000));
  expect(response.status).toBe(400);
  expect(response.body.error).toEqual({
    code: 'bad_request',
    message: 'Request body nests deeper than 64 levels',
    details: [
      {
        path: ['data', ...Array(63).fill('a')].join('.'),
        message: 'nests deeper than the limit of 64 levels',
      },
    ],
  });
});

test('a worker killed during a poison run is replaced, and the run and the stack carry on', async () => {
  const { services } = harness;
  const target = { ...services, mongoUrl: services.mongoUrl };
  let child = await spawnChildWorker(target);
  const poison = await startRun(services, runInput(poisonRun('($f := function($n){$f($n+1)}; $f(0))')));
  // Kill it while it works through its expression steps, then start another worker.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await killChildWorker(child);
  child = await spawnChildWorker(target);
  try {
    const failure = await poison.result().catch((error: unknown) => error);
    expect(((failure as WorkflowFailedError).cause as ApplicationFailure).message).toContain(
      'exceeded the limit of 10000 evaluation steps',
    );
    expect(await (await startRun(services, runInput(healthyRun))).result()).toEqual({
      word: 'a'.repeat(40),
      total: 5050,
    });
  } finally {
    await killChildWorker(child);
  }
});
