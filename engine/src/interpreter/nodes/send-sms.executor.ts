import { exit, wait, type Executor } from '../runtime';

export const sendSmsExecutor: Executor<'send-sms', { requestId: string; to: string }> = {
  enter(runtime, step) {
    const { config } = step;
    const requestId = runtime.nextId('sms');
    const to = runtime.render(config.to).trim();
    runtime.emit({ type: 'send-sms', requestId, to, from: config.from ?? runtime.state.call?.to ?? '', text: runtime.render(config.text) });
    return wait({ requestId, to });
  },
  resume(runtime, _step, phase, input) {
    if (input.type !== 'sms.completed' || input.requestId !== phase.requestId) return null;
    runtime.trace({ type: 'sms.sent', to: phase.to, ok: input.ok });
    return exit(input.ok ? 'next' : 'error');
  },
};
