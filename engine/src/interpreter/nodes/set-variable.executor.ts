import { exit, type Executor } from '../runtime';

export const setVariableExecutor: Executor<'set-variable', never> = {
  enter(runtime, step) {
    for (const { variable, value } of step.config.assignments) {
      runtime.setVariable(variable, value.type === 'literal' ? value.value : runtime.evaluate(value.expression));
    }
    return exit('next');
  },
  resume: () => null,
};
