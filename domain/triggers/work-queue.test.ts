import { createWorkQueue } from './work-queue';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('createWorkQueue', () => {
  it('runs at most `concurrency` keys at once and never one key twice at once', async () => {
    const gates = new Map<string, ReturnType<typeof gate>>();
    const log: string[] = [];
    const queue = createWorkQueue(2, async (key) => {
      log.push(`start ${key}`);
      const g = gate();
      gates.set(key, g);
      await g.opened;
      log.push(`end ${key}`);
    });
    const a = queue.push('a');
    void queue.push('b');
    void queue.push('c');
    const aAgain = queue.push('a');
    expect(log).toEqual(['start a', 'start b']);
    gates.get('a')!.open();
    await a;
    // c was waiting before the second a; a runs again after c because a push during a run re-runs it.
    expect(log).toEqual(['start a', 'start b', 'end a', 'start c']);
    gates.get('b')!.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.slice(-2)).toEqual(['end b', 'start a']);
    gates.get('a')!.open();
    gates.get('c')!.open();
    await aAgain;
    await queue.drain();
    expect(log.filter((line) => line.startsWith('start'))).toEqual([
      'start a',
      'start b',
      'start c',
      'start a',
    ]);
  });

  it('joins a push to the same key still waiting', async () => {
    let runs = 0;
    const hold = gate();
    const queue = createWorkQueue(1, async (key) => {
      runs += 1;
      if (key === 'busy') await hold.opened;
    });
    void queue.push('busy');
    const first = queue.push('x');
    const second = queue.push('x');
    expect(second).toBe(first);
    hold.open();
    await Promise.all([first, second, queue.drain()]);
    expect(runs).toBe(2);
  });
});
