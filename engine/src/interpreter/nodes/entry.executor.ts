import { exit, wait, type Executor } from '../runtime';

/** Answers the call (unless a parent flow already did) and waits for the carrier to confirm. */
export const entryExecutor: Executor<'entry', { stage: 'answering' }> = {
  enter(runtime) {
    if (runtime.state.answered) return exit('next');
    runtime.emit({ type: 'answer' });
    return wait({ stage: 'answering' });
  },
  resume(runtime, _step, _phase, input) {
    if (input.type !== 'call.answered') return null;
    runtime.state.answered = true;
    return exit('next');
  },
};
