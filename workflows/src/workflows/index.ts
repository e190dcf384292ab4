// The workflow bundle: everything here runs in Temporal's deterministic sandbox.
export { callWorkflow } from './call.workflow';
export { queueWorkflow } from './queue.workflow';
export { callbackWorkflow } from './callback.workflow';
