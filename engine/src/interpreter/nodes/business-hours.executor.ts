import { scheduleStatusAt } from '../../calendar';
import { exit, wait, type Executor } from '../runtime';

/** Reads the schedule at the moment the caller reaches the node, so an emergency override applies at once. */
export const businessHoursExecutor: Executor<'business-hours', { requestId: string }> = {
  enter(runtime, step) {
    const requestId = runtime.nextId('lookup');
    runtime.emit({ type: 'lookup', requestId, request: { type: 'schedule', scheduleId: step.config.scheduleId } });
    return wait({ requestId });
  },
  resume(runtime, _step, phase, input) {
    if (input.type !== 'lookup.completed' || input.requestId !== phase.requestId || input.result.type !== 'schedule') return null;
    const { schedule } = input.result;
    if (!schedule) {
      runtime.trace({ type: 'schedule.checked', state: 'closed', detail: 'schedule not found' });
      return exit('closed');
    }
    const status = scheduleStatusAt(schedule, input.at);
    runtime.trace({ type: 'schedule.checked', state: status.state, detail: 'holiday' in status ? status.holiday.name : 'message' in status && status.message ? `${status.reason}: ${status.message}` : status.reason });
    return exit(status.state === 'holiday' ? 'holiday' : status.state);
  },
};

