// Workflow code: bundled into the replayer's copy of the call workflow and run inside the Temporal sandbox.
import { proxySinks, type LocalActivityInput, type Next, type Sinks, type WorkflowInterceptorsFactory, type WorkflowOutboundCallsInterceptor } from '@temporalio/workflow';
import type { CallEventsBody } from '@callflow/workflows';

/** The call-log write of callWorkflow (a local activity: its arguments are not in the history, its replay recreates them). */
export const CALL_LOG_ACTIVITY = 'recordCallEvents';

export interface CallLogCaptureSinks extends Sinks {
  callLogCapture: { write(body: CallEventsBody): void };
}

const { callLogCapture } = proxySinks<CallLogCaptureSinks>();

class CallLogCapture implements WorkflowOutboundCallsInterceptor {
  scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>): Promise<unknown> {
    if (input.activityType === CALL_LOG_ACTIVITY) callLogCapture.write(input.args[1] as CallEventsBody);
    return next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ outbound: [new CallLogCapture()] });
