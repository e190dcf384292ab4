// The workflow interceptors of the call worker, bundled with the workflows (WORKFLOW_INTERCEPTORS_PATH): OpenTelemetry's
// (spans for the workflow, its signals and what it schedules; the trace context into its activities), the ids of the
// call on every workflow and activity log line, and the step latency mark. Headers take no part in determinism checks and
// OpenTelemetry's extra yield points are gated by SDK flags: histories recorded without these interceptors replay with
// them, and with them skipped (workflows/test/replay.spec.ts).
import { defaultPayloadConverter, type Headers, type Payload } from '@temporalio/common';
import { TRACE_HEADER } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { WorkflowInterceptors } from '@temporalio/workflow';
import type { CarrierActivities } from '../activities/carrier.activities';
import { CARRIER_EVENT_RECEIVED_AT_HEADER, carrierEventSignal } from '../contracts';
import { CALL_IDS_HEADER } from './telemetry-headers';

const CARRIER_COMMAND_ACTIVITY: keyof CarrierActivities = 'carrierCommand';

/**
 * Whether the workflow was started within a trace: the client's OpenTelemetry interceptor always sets the header, with
 * an empty carrier when the starting process traces nothing. Decided from the start event, so replays decide alike.
 */
function startedInTrace(headers: Headers): boolean {
  const header = headers[TRACE_HEADER];
  return header !== undefined && Object.keys(defaultPayloadConverter.fromPayload<Record<string, string>>(header) ?? {}).length > 0;
}

type AnyInterceptorMethod = (input: unknown, next: (input: unknown) => unknown) => unknown;

/** Every method of `Class`'s interceptors, forwarded to the one `current()` gives, or straight on to `next` while there is none. */
function forwardedTo<T extends object>(Class: { prototype: T }, current: () => T | undefined): T {
  const methods = Object.getOwnPropertyNames(Class.prototype).filter((name) => name !== 'constructor');
  const forward = (name: string): AnyInterceptorMethod => (input, next) => {
    const target = current() as Record<string, AnyInterceptorMethod> | undefined;
    return target ? target[name]!.call(target, input, next) : next(input);
  };
  return Object.fromEntries(methods.map((name) => [name, forward(name)])) as T;
}

function stringField(value: unknown, field: string): string | undefined {
  const fieldValue = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
  return typeof fieldValue === 'string' ? fieldValue : undefined;
}

export const interceptors = (): WorkflowInterceptors => {
  const ids: Record<string, string> = {};
  // When the API received the last carrier event, until the next carrier command takes it along: the command answering
  // it, possibly after lookups and call-log writes. A timer firing or another message arriving before that command
  // (with no new carrier event) makes the command theirs: the mark is dropped.
  let received: Payload | null = null;
  // OpenTelemetry's interceptors only for a call started within a trace. Otherwise their spans would go nowhere (the
  // API traces when the worker does) at a price: spans, their promises and a sink call for each, on every activation.
  let openTelemetry: { inbound: OpenTelemetryInboundInterceptor; outbound: OpenTelemetryOutboundInterceptor; internals: OpenTelemetryInternalsInterceptor } | undefined;
  const withIds = (headers: Headers): Headers => (Object.keys(ids).length === 0 ? headers : { ...headers, [CALL_IDS_HEADER]: defaultPayloadConverter.toPayload(ids) });
  return {
    internals: [
      forwardedTo(OpenTelemetryInternalsInterceptor, () => openTelemetry?.internals),
      {
        activate(input, next) {
          const jobs = input.activation.jobs ?? [];
          const carrierEvent = jobs.some((job) => job.signalWorkflow?.signalName === carrierEventSignal.name);
          const otherInput = jobs.some((job) => job.fireTimer || job.doUpdate || (job.signalWorkflow && job.signalWorkflow.signalName !== carrierEventSignal.name));
          if (otherInput && !carrierEvent) received = null;
          next(input);
        },
      },
    ],
    inbound: [
      {
        execute(input, next) {
          if (startedInTrace(input.headers)) {
            openTelemetry = { inbound: new OpenTelemetryInboundInterceptor(), outbound: new OpenTelemetryOutboundInterceptor(), internals: new OpenTelemetryInternalsInterceptor() };
          }
          return next(input);
        },
      },
      forwardedTo(OpenTelemetryInboundInterceptor, () => openTelemetry?.inbound),
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
          if (input.signalName === carrierEventSignal.name && at !== undefined) received = at;
          return next(input);
        },
      },
    ],
    outbound: [
      forwardedTo(OpenTelemetryOutboundInterceptor, () => openTelemetry?.outbound),
      {
        scheduleActivity: (input, next) => next({ ...input, headers: withIds(input.headers) }),
        scheduleLocalActivity(input, next) {
          const headers = withIds(input.headers);
          if (input.activityType !== CARRIER_COMMAND_ACTIVITY || received === null) return next({ ...input, headers });
          const mark = received;
          received = null;
          return next({ ...input, headers: { ...headers, [CARRIER_EVENT_RECEIVED_AT_HEADER]: mark } });
        },
        getLogAttributes: (input, next) => next({ ...ids, ...input }),
      },
    ],
  };
};
