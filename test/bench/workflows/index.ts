// The benchmark's workflow bundle: every workflow type the worker registers, plus the hand-written
// baselines the benchmark compares the interpreter with. Production bundles leave these out.
export * from '../../../worker/workflows/index';
export { handwrittenBenchWorkflow } from './bench-handwritten';
export { updateBaselineWorkflow } from './bench-update-baseline';
