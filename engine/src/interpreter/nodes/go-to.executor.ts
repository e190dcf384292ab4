import type { Executor } from '../runtime';

/** Go-to nodes that target a node are compiled away; what reaches the interpreter hands the call to another flow. */
export const goToExecutor: Executor<'go-to', never> = {
  enter(_runtime, step) {
    const { target } = step.config;
    return target.type === 'flow' ? { kind: 'switch-flow', flowId: target.flowId } : { kind: 'exit', port: target.nodeId };
  },
  resume: () => null,
};
