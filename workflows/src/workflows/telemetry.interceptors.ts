// Workflow interceptors of the call worker, bundled with the workflows (see WORKFLOW_INTERCEPTOR_MODULES): the ids of
// the call on every workflow log line, and the step latency mark. Headers never take part in determinism checks, so
// histories recorded without these interceptors replay with them and the other way round.
import type { Payload } from '@temporalio/common';
import type { WorkflowInterceptors } from '@temporalio/workflow';
import type { CarrierActivities } from '../activities/carrier.activities';
import { CARRIER_EVENT_RECEIVED_AT_HEADER, carrierEventSignal } from '../contracts';

const CARRIER_COMMAND_ACTIVITY: keyof CarrierActivities = 'carrierCommand';

function stringField(value: unknown, field: string): string | undefined {
  const fieldValue = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
  return typeof fieldValue === 'string' ? fieldValue : undefined;
}

export const interceptors = (): WorkflowInterceptors => {
  const ids: Record<string, string> = {};
  // The API's receipt time of the last carrier event, until the first carrier command scheduled in the same activation
  // takes it along (a workflow's Date.now() is its activation's time). A command issued later, after a timer or an
  // agent's answer, answers no carrier event: it gets no mark.
  let received: { at: Payload; activationTime: number } | null = null;
  return {
    inbound: [
      {
        execute(input, next) {
          const [workflowInput] = input.args;
          for (const field of ['tenantId', 'callId'] as const) {
            const value = stringField(workflowInput, field);
            if (value !== undefined) ids[field] = value;
          }
          return next(input);
        },
        handleSignal(input, next) {
          const at = input.headers[CARRIER_EVENT_RECEIVED_AT_HEADER];
          if (input.signalName === carrierEventSignal.name && at !== undefined) received = { at, activationTime: Date.now() };
          return next(input);
        },
      },
    ],
    outbound: [
      {
        scheduleLocalActivity(input, next) {
          if (input.activityType !== CARRIER_COMMAND_ACTIVITY || received === null) return next(input);
          const mark = received.activationTime === Date.now() ? received.at : undefined;
          received = null;
          return next(mark === undefined ? input : { ...input, headers: { ...input.headers, [CARRIER_EVENT_RECEIVED_AT_HEADER]: mark } });
        },
        getLogAttributes(input, next) {
          return next({ ...ids, ...input });
        },
      },
    ],
  };
};
