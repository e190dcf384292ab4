import { continueRinging, releaseLegs, startRinging, type Ringing, type RingProgress } from '../ringing';
import { exit, wait, type Executor, type Runtime, type Transition } from '../runtime';

export type RingPhase =
  | { stage: 'announcing'; promptId: string }
  | { stage: 'planning'; requestId: string }
  | { stage: 'ringing'; ringing: Ringing };

/** Leaves, or keeps ringing, according to where ringing stands. Shared by ring group and dial extension. */
export function ringTransition(ringing: Ringing, progress: RingProgress): Transition<RingPhase> {
  if (progress === 'no-answer') return exit('noAnswer');
  if (progress === 'conversation-ended') return exit('answered');
  return wait({ stage: 'ringing', ringing });
}

export function releaseRinging(runtime: Runtime, _step: unknown, phase: RingPhase): void {
  if (phase.stage === 'ringing') releaseLegs(runtime, phase.ringing);
}

function plan(runtime: Runtime, step: Parameters<Executor<'ring-group'>['enter']>[1]): Transition<RingPhase> {
  const requestId = runtime.nextId('lookup');
  runtime.emit({
    type: 'lookup',
    requestId,
    request: { type: 'ring-plan', target: step.config.target, ringTimeoutSecs: step.config.ringTimeoutSecs },
  });
  return wait({ stage: 'planning', requestId });
}

export const ringGroupExecutor: Executor<'ring-group', RingPhase> = {
  enter(runtime, step) {
    if (step.config.announce) return wait({ stage: 'announcing', promptId: runtime.play(step.config.announce) });
    return plan(runtime, step);
  },
  resume(runtime, step, phase, input) {
    if (phase.stage === 'announcing') {
      if (input.type !== 'prompt.ended' || input.promptId !== phase.promptId) return null;
      return plan(runtime, step);
    }
    if (phase.stage === 'planning') {
      if (input.type !== 'lookup.completed' || input.requestId !== phase.requestId || input.result.type !== 'ring-plan') return null;
      const started = startRinging(runtime, input.result.plan);
      return ringTransition(started.ringing, started.progress);
    }
    const next = continueRinging(runtime, phase.ringing, input);
    return next && ringTransition(next.ringing, next.progress);
  },
  release: releaseRinging,
};
