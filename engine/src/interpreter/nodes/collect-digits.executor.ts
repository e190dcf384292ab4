import { isTruthy } from '../../expressions';
import { resumeGather, retryGather, startGather, type GatherPhase, type GatherSpec } from '../gather';
import type { Executor, StepOfKind } from '../runtime';

function gatherSpec(step: StepOfKind<'collect-digits'>): GatherSpec {
  const { config } = step;
  return {
    prompt: config.prompt,
    validDigits: '0123456789*#',
    minDigits: config.minDigits,
    maxDigits: config.maxDigits,
    terminator: config.terminator,
    timeoutSecs: config.timeoutSecs,
    maxAttempts: config.maxAttempts,
  };
}

export const collectDigitsExecutor: Executor<'collect-digits', GatherPhase> = {
  enter(runtime, step) {
    return startGather(runtime, gatherSpec(step), 1);
  },
  resume(runtime, step, phase, input) {
    const spec = gatherSpec(step);
    const progress = resumeGather(runtime, spec, phase, input);
    if (progress === null || !('gathered' in progress)) return progress;
    const { gathered, attempt } = progress;
    const { config } = step;
    const digits = config.terminator ? gathered.digits.split(config.terminator)[0] ?? '' : gathered.digits;
    if (digits === '') {
      runtime.trace({ type: 'input.timeout', attempt });
      return retryGather(runtime, spec, attempt, null, 'timeout');
    }
    const previous = runtime.state.vars[config.variable];
    runtime.state.vars[config.variable] = digits;
    const accepted =
      digits.length >= config.minDigits &&
      digits.length <= config.maxDigits &&
      (config.validation === null || isTruthy(runtime.evaluate(config.validation)));
    runtime.trace({ type: 'digits.received', digits, accepted });
    if (accepted) {
      runtime.setVariable(config.variable, digits);
      return { kind: 'exit', port: 'next' };
    }
    if (previous === undefined) delete runtime.state.vars[config.variable];
    else runtime.state.vars[config.variable] = previous;
    return retryGather(runtime, spec, attempt, config.invalidPrompt, 'noMatch');
  },
};
