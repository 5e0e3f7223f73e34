import { taskIdCandidates, taskIdFor } from './task-id';

describe('task ids', () => {
  test.each([
    ['run-5f3e/approve/1', 'run-5f3e.approve.1'],
    ['trigger:wf-1:start:ev_7/approve/2', 'trigger_3Awf-1_3Astart_3Aev_5F7.approve.2'],
    ['run-1/sub/1/approve/1', 'run-1.sub.1.approve.1'],
    ['run-1.x/a/1', 'run-1_2Ex.a.1'],
    ['run-é/a/1', 'run-_E9.a.1'],
    ['run-✓/a/1', 'run-_u2713.a.1'],
  ])('the run key %s gives the URL-safe id %s', (key, id) => {
    expect(taskIdFor(key)).toBe(id);
    expect(encodeURIComponent(id)).toBe(id);
  });

  test('two keys never share an id, even when one looks like the other made safe', () => {
    const keys = ['a/b/1', 'a.b/1', 'a_2Fb/1', 'a:b/1', 'a_3Ab/1', 'a_b/1'];
    expect(new Set(keys.map(taskIdFor)).size).toBe(keys.length);
  });

  test.each([
    ['run-1.approve.1', ['run-1.approve.1']],
    ['run-1/approve/1', ['run-1/approve/1', 'run-1.approve.1']],
  ])('a task given as %s is looked up as %j', (id, candidates) => {
    expect(taskIdCandidates(id)).toEqual(candidates);
  });
});
