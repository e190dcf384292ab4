import { continueRinging, startRinging } from '../ringing';
import { exit, wait, type Executor } from '../runtime';
import { releaseRinging, ringTransition, type RingPhase } from './ring-group.executor';

export const dialExtensionExecutor: Executor<'dial-extension', RingPhase> = {
  enter(runtime, step) {
    const requestId = runtime.nextId('lookup');
    runtime.emit({
      type: 'lookup',
      requestId,
      request: { type: 'extension', extension: runtime.render(step.config.extension).trim(), ringTimeoutSecs: step.config.ringTimeoutSecs },
    });
    return wait({ stage: 'planning', requestId });
  },
  resume(runtime, _step, phase, input) {
    if (phase.stage === 'planning') {
      if (input.type !== 'lookup.completed' || input.requestId !== phase.requestId || input.result.type !== 'extension') return null;
      if (!input.result.found) return exit('notFound');
      const started = startRinging(runtime, input.result.plan);
      return ringTransition(started.ringing, started.progress);
    }
    if (phase.stage !== 'ringing') return null;
    const next = continueRinging(runtime, phase.ringing, input);
    return next && ringTransition(next.ringing, next.progress);
  },
  release: releaseRinging,
};
