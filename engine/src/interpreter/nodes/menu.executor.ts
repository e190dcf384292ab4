import { resumeGather, retryGather, startGather, type GatherPhase, type GatherSpec } from '../gather';
import type { Executor, StepOfKind } from '../runtime';

function gatherSpec(step: StepOfKind<'menu'>): GatherSpec {
  const { config } = step;
  return {
    prompt: config.prompt,
    validDigits: config.options.map((option) => option.digit).join(''),
    minDigits: 1,
    maxDigits: 1,
    terminator: null,
    timeoutSecs: config.timeoutSecs,
    maxAttempts: config.maxAttempts,
  };
}

export const menuExecutor: Executor<'menu', GatherPhase> = {
  enter(runtime, step) {
    return startGather(runtime, gatherSpec(step), 1);
  },
  resume(runtime, step, phase, input) {
    const spec = gatherSpec(step);
    const progress = resumeGather(runtime, spec, phase, input);
    if (progress === null || !('gathered' in progress)) return progress;
    const { gathered, attempt } = progress;
    const digit = gathered.digits.slice(0, 1);
    if (digit === '') {
      runtime.trace({ type: 'input.timeout', attempt });
      return retryGather(runtime, spec, attempt, step.config.timeoutPrompt, 'timeout');
    }
    const option = step.config.options.find((candidate) => candidate.digit === digit);
    runtime.trace({ type: 'digits.received', digits: digit, accepted: option !== undefined });
    if (option) return { kind: 'exit', port: option.digit };
    return retryGather(runtime, spec, attempt, step.config.invalidPrompt, 'noMatch');
  },
};
