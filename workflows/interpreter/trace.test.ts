import type { WorkflowDefinition } from '../definition/workflow-definition';
import { FakeEffects } from '../testing/fake-effects';
import { testRequest } from '../testing/test-request';
import type { TraceEntry } from './trace';
import { capValue, TraceRecorder } from './trace';
import { WorkflowRun } from './workflow-run';

describe('capValue', () => {
  test.each([
    [{ a: 1 }, 100, { a: 1 }],
    ['x'.repeat(98), 100, 'x'.repeat(98)],
    [undefined, 100, undefined],
  ])('%j within %d bytes is kept as is', (value, maxBytes, expected) => {
    expect(capValue(value, maxBytes)).toEqual(expected);
  });

  test('a value over the limit becomes a truncated marker with its size and the start of its JSON', () => {
    expect(capValue({ text: 'é'.repeat(60) }, 100)).toEqual({
      truncated: true,
      bytes: 131,
      preview: `{"text":"${'é'.repeat(60)}"}`,
    });
    expect(capValue('y'.repeat(2000), 1000)).toEqual({
      truncated: true,
      bytes: 2002,
      preview: `"${'y'.repeat(511)}`,
    });
  });

  test('a value that is not JSON is truncated', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(capValue(cyclic, 100)).toEqual({ truncated: true, bytes: 0, preview: '' });
  });
});

describe('TraceRecorder', () => {
  test('keeps the newest entries and counts the dropped ones', () => {
    const log = { trace: [] as TraceEntry[], traceDropped: 0 };
    const recorder = new TraceRecorder(log, () => 0, { maxEntries: 2, maxValueBytes: 100 });
    for (const nodeId of ['a', 'b', 'c']) recorder.begin({ nodeId, type: 'data.set', visit: 1 });
    expect(log.trace.map((entry) => entry.nodeId)).toEqual(['b', 'c']);
    expect(log.traceDropped).toBe(1);
  });
});

describe('the run trace', () => {
  test('records each visit with status, times, port, capped input and output', async () => {
    const definition: WorkflowDefinition = {
      name: 'Traced',
      nodes: [
        { id: 'start', type: 'trigger.manual', params: {} },
        { id: 'pause', type: 'flow.wait', params: { duration: 'PT1M' } },
        { id: 'big', type: 'data.set', params: { values: { blob: '=$pad("", 20000, "z")' } } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'pause' },
        { id: 'e2', source: 'pause', target: 'big' },
      ],
    };
    const effects = new FakeEffects({ startTime: Date.UTC(2025, 2, 1, 8, 0, 0) });
    const run = new WorkflowRun(testRequest(definition, { trigger: { by: 'u1' } }), effects);
    await run.execute();
    const json = `{"blob":"${'z'.repeat(20000)}"}`;
    expect(run.trace()).toEqual<TraceEntry[]>([
      {
        nodeId: 'start',
        type: 'trigger.manual',
        visit: 1,
        status: 'completed',
        startedAt: '2025-03-01T08:00:00.000Z',
        endedAt: '2025-03-01T08:00:00.000Z',
        port: 'out',
        output: { by: 'u1' },
      },
      {
        nodeId: 'pause',
        type: 'flow.wait',
        visit: 1,
        status: 'completed',
        startedAt: '2025-03-01T08:00:00.000Z',
        endedAt: '2025-03-01T08:01:00.000Z',
        port: 'out',
        input: { duration: 'PT1M' },
        output: { resumedAt: '2025-03-01T08:01:00.000Z' },
      },
      {
        nodeId: 'big',
        type: 'data.set',
        visit: 1,
        status: 'completed',
        startedAt: '2025-03-01T08:01:00.000Z',
        endedAt: '2025-03-01T08:01:00.000Z',
        port: 'out',
        input: { truncated: true, bytes: 20022, preview: `{"values":${json}}`.slice(0, 512) },
        output: { truncated: true, bytes: 20011, preview: json.slice(0, 512) },
      },
    ]);
  });

  test('a snapshot does not change as the run goes on', async () => {
    const definition: WorkflowDefinition = {
      name: 'Snapshot',
      nodes: [
        { id: 'start', type: 'trigger.manual', params: {} },
        { id: 'pause', type: 'flow.wait', params: { duration: 'PT1S' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'pause' }],
    };
    const run = new WorkflowRun(testRequest(definition), new FakeEffects());
    const running = run.execute();
    await Promise.resolve();
    const early = run.trace();
    const frozen = JSON.stringify(early);
    await running;
    expect(JSON.stringify(early)).toBe(frozen);
  });
});
