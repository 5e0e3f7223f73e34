// Every workflow type the worker registers. This file is the entry of the workflow bundle.
export { selfCheckWorkflow } from './self-check';
