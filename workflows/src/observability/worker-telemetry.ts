import type { Context as ActivityContext } from '@temporalio/activity';
import { defaultPayloadConverter, type MetricHistogram } from '@temporalio/common';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import {
  Runtime,
  type ActivityExecuteInput,
  type ActivityInboundCallsInterceptor,
  type ActivityOutboundCallsInterceptor,
  type Next,
  type WorkerOptions,
} from '@temporalio/worker';
import type { CarrierActivities, CarrierRequest, CarrierResult } from '../activities/carrier.activities';
import { CARRIER_EVENT_RECEIVED_AT_HEADER } from '../contracts';
import { CALL_IDS_HEADER } from '../workflows/telemetry-headers';
import type { Tracing } from './tracing';

/**
 * The workflow interceptors module of the call worker, bundled with the workflow code (a bundle built ahead of time
 * must include it: bundleCallWorkflows, deploy/src/workflow-bundle.ts).
 */
export const WORKFLOW_INTERCEPTORS_PATH = require.resolve('../workflows/telemetry.interceptors');

/** Exported by the worker's Prometheus endpoint beside the Temporal SDK's metrics (`temporal_…`), in milliseconds. */
export const STEP_LATENCY_METRIC = 'callflow_step_latency';

/** The worker runtime's Prometheus exporter on `port` (all interfaces), with buckets fit for the step latency. */
export function workerMetricsExporter(port: number, host = '0.0.0.0'): { prometheus: { bindAddress: string; histogramBucketOverrides: Record<string, number[]> } } {
  return {
    prometheus: {
      bindAddress: `${host}:${port}`,
      histogramBucketOverrides: { [STEP_LATENCY_METRIC]: [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] },
    },
  };
}

const CARRIER_COMMAND_ACTIVITY: keyof CarrierActivities = 'carrierCommand';

/**
 * Interceptors and sinks of a call worker: trace context from the API's signal through the workflow into each activity
 * (whose HTTP requests are spans of their own), workflow spans exported through `tracing`, and the step latency.
 */
export function workerTelemetry(tracing: Tracing): Required<Pick<WorkerOptions, 'interceptors' | 'sinks'>> {
  const stepLatency = Runtime.instance().metricMeter.createHistogram(
    STEP_LATENCY_METRIC,
    'int',
    'ms',
    'From the API receiving a carrier webhook to the carrier accepting the command the call workflow sent in response',
  );
  return {
    interceptors: {
      workflowModules: [WORKFLOW_INTERCEPTORS_PATH],
      activity: [
        // Without tracing this process registers no propagator and no fetch instrumentation: an activity's span would
        // be a no-op that carries nothing onwards.
        ...(tracing.enabled
          ? [(ctx: ActivityContext) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })]
          : []),
        (ctx) => ({ inbound: new StepLatencyInterceptor(ctx, stepLatency) }),
        callIdsOnLogLines,
      ],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}

/** The call's tenant and id (from the workflow's header) on the activity's log lines. */
function callIdsOnLogLines(): { inbound: ActivityInboundCallsInterceptor; outbound: ActivityOutboundCallsInterceptor } {
  let ids: Record<string, string> = {};
  return {
    inbound: {
      execute(input, next) {
        const header = input.headers[CALL_IDS_HEADER];
        if (header !== undefined) ids = defaultPayloadConverter.fromPayload<Record<string, string>>(header);
        return next(input);
      },
    },
    outbound: { getLogAttributes: (input, next) => next({ ...ids, ...input }) },
  };
}

/** Records the step latency of a carrier command that answers a carrier event (marked by the workflow interceptor). */
class StepLatencyInterceptor implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: ActivityContext,
    private readonly histogram: MetricHistogram,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const mark = input.headers[CARRIER_EVENT_RECEIVED_AT_HEADER];
    if (this.ctx.info.activityType !== CARRIER_COMMAND_ACTIVITY || mark === undefined) return next(input);
    const receivedAt = defaultPayloadConverter.fromPayload<number>(mark);
    const result = (await next(input)) as CarrierResult;
    const [{ request }] = input.args as [{ request: CarrierRequest }];
    if (result.status === 'ok') this.histogram.record(Math.max(0, Date.now() - receivedAt), { action: request.action });
    return result;
  }
}
