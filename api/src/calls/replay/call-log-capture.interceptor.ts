// Workflow code: bundled into the replayer's copy of the call workflow and run inside the Temporal sandbox.
import {
  proxySinks,
  type ActivityInput,
  type LocalActivityInput,
  type Next,
  type Sinks,
  type WorkflowInterceptorsFactory,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import type { CallEventsBody } from '@callflow/workflows';

/** callWorkflow's call-log write (an activity or a local one: the replay recreates its arguments either way). */
export const CALL_LOG_ACTIVITY = 'recordCallEvents';

export interface CallLogCaptureSinks extends Sinks {
  callLogCapture: { write(body: CallEventsBody): void };
}

const { callLogCapture } = proxySinks<CallLogCaptureSinks>();

function capture(input: ActivityInput | LocalActivityInput): void {
  if (input.activityType === CALL_LOG_ACTIVITY) callLogCapture.write(input.args[1] as CallEventsBody);
}

class CallLogCapture implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>): Promise<unknown> {
    capture(input);
    return next(input);
  }

  scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>): Promise<unknown> {
    capture(input);
    return next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ outbound: [new CallLogCapture()] });
