import { isTruthy } from '../../expressions';
import { exit, type Executor } from '../runtime';

/** Takes the first rule that holds; never waits. */
export const conditionExecutor: Executor<'condition', never> = {
  enter(runtime, step) {
    const rule = step.config.rules.find((candidate) => isTruthy(runtime.evaluate(candidate.when)));
    return exit(rule ? rule.id : 'else');
  },
  resume: () => null,
};
