import { end, exit, wait, type Executor } from '../runtime';

export const transferExecutor: Executor<'transfer', { destination: string }> = {
  enter(runtime, step) {
    const { config } = step;
    const call = runtime.state.call;
    const callerId =
      config.callerId.type === 'number' ? config.callerId.number : config.callerId.type === 'called' ? call?.to ?? '' : call?.from ?? '';
    const destination = runtime.render(config.destination).trim();
    runtime.emit({ type: 'transfer', destination, callerId, timeoutSecs: config.timeoutSecs });
    return wait({ destination });
  },
  resume(runtime, _step, phase, input) {
    if (input.type !== 'transfer.completed') return null;
    runtime.trace({ type: 'transfer.completed', destination: phase.destination, answered: input.answered });
    if (!input.answered) return exit('noAnswer');
    runtime.state.disposition = 'transferred';
    return end(`transferred to ${phase.destination}`, { hangup: false });
  },
};
