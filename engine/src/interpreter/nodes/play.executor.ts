import { exit, wait, type Executor } from '../runtime';

export const playExecutor: Executor<'play', { promptId: string }> = {
  enter(runtime, step) {
    return wait({ promptId: runtime.play(step.config.prompt) });
  },
  resume(_runtime, _step, phase, input) {
    if (input.type !== 'prompt.ended' || input.promptId !== phase.promptId) return null;
    return exit('next');
  },
};
