import { end, wait, type Executor } from '../runtime';

export const hangUpExecutor: Executor<'hang-up', { promptId: string }> = {
  enter(runtime, step) {
    if (!step.config.goodbye) return end('hang-up node', { hangup: true });
    return wait({ promptId: runtime.play(step.config.goodbye) });
  },
  resume(_runtime, _step, phase, input) {
    if (input.type !== 'prompt.ended' || input.promptId !== phase.promptId) return null;
    return end('hang-up node', { hangup: true });
  },
};
