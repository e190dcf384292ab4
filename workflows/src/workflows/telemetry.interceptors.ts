// The workflow interceptors of the call worker, bundled with the workflows (WORKFLOW_INTERCEPTORS_PATH): OpenTelemetry's
// (spans for the workflow, its signals and what it schedules; the trace context into its activities), the ids of the
// call on every workflow log line, and the step latency mark. Headers take no part in determinism checks and
// OpenTelemetry's extra yield points are gated by SDK flags: histories recorded without these interceptors replay with
// them (workflows/test/replay.spec.ts).
import type { Payload } from '@temporalio/common';
import { interceptors as openTelemetryInterceptors } from '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors';
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
  const openTelemetry = openTelemetryInterceptors();
  return {
    internals: openTelemetry.internals ?? [],
    inbound: [
      ...(openTelemetry.inbound ?? []),
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
      ...(openTelemetry.outbound ?? []),
      {
        scheduleLocalActivity(input, next) {
          if (input.activityType !== CARRIER_COMMAND_ACTIVITY || received === null) return next(input);
          const mark = received.activationTime === Date.now() ? received.at : undefined;
          received = null;
          return next(mark === undefined ? input : { ...input, headers: { ...input.headers, [CARRIER_EVENT_RECEIVED_AT_HEADER]: mark } });
        },
        getLogAttributes: (input, next) => next({ ...ids, ...input }),
      },
    ],
  };
};
