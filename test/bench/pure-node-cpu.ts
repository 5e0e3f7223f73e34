import { measurePureNodeCpu } from '../../workflows/testing/bench-pure';
import type { BenchRow } from './report';
import { median, round } from './stats';

/** Interpreter CPU per pure node, with no Temporal: the median of several repetitions. */
export async function measurePureNodes(): Promise<BenchRow[]> {
  await measurePureNodeCpu(50, 20); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) samples.push(await measurePureNodeCpu(100, 20));
  return [
    {
      section: 'engine',
      figure: 'interpreter CPU per pure node (median of 7 × 2,000 nodes)',
      value: round(median(samples), 1),
      unit: 'µs',
      note: `min ${round(Math.min(...samples), 1)}, max ${round(Math.max(...samples), 1)}`,
    },
  ];
}
