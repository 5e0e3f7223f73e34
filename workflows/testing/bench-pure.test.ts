import { measurePureNodeCpu, pureChain } from './bench-pure';
import { FakeEffects } from './fake-effects';
import { testRequest } from './test-request';
import { runWorkflow } from '../interpreter/workflow-run';
import { validateDefinition } from '../validation/validate-definition';

describe('pure-node benchmark', () => {
  test('its chain is a valid workflow whose every node runs', async () => {
    const definition = pureChain(5);
    expect(validateDefinition(definition)).toEqual({ valid: true, errors: [] });
    await expect(runWorkflow(testRequest(definition), new FakeEffects())).resolves.toEqual({
      kind: 'completed',
      output: { i: 3 },
    });
  });

  test('returns microseconds per node from the given clock', async () => {
    let ms = 0;
    const clock = () => (ms += 10);
    // One reading before and one after: 10 ms over 4 nodes x 5 iterations.
    await expect(measurePureNodeCpu(4, 5, clock)).resolves.toBe(500);
  });
});
