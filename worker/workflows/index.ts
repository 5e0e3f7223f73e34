// Every workflow type the worker registers. This file is the entry of the workflow bundle.
export { interpretedWorkflow } from './interpreted-workflow';
export { selfCheckWorkflow } from './self-check';
export { alertDigestWorkflow } from './alert-digest';
