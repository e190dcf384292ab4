import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Runtime } from '@temporalio/worker';
import { findFreePort } from '@callflow/deploy';
import { createLogger } from '@callflow/workflows/src/observability/logger';
import { PinoTemporalLogger } from '@callflow/workflows/src/observability/temporal-logger';
import { startTracing, type Tracing } from '@callflow/workflows/src/observability/tracing';
import { workerMetricsExporter } from '@callflow/workflows/src/observability/worker-telemetry';
import { seedNumberWithFlow, seedTenant } from '../support/seed';
import type { CallIds } from '../../src/sandbox';
import { CallStack, flowDocument, tts, waitFor, type CallResult } from '../e2e/call-stack';
import { logLines } from './log-lines';

/** The chain of spans from `span` up to its trace's root, names only. */
function ancestry(spans: readonly ReadableSpan[], span: ReadableSpan): string[] {
  const byId = new Map(spans.map((candidate) => [candidate.spanContext().spanId, candidate]));
  const names: string[] = [];
  for (let current: ReadableSpan | undefined = span; current; current = current.parentSpanId ? byId.get(current.parentSpanId) : undefined) {
    names.push(current.name);
  }
  return names;
}

/** Samples of a Prometheus histogram with the given labels, from the text format. */
function histogramCount(text: string, metric: string, label: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${metric}_count{`) && candidate.includes(label));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('telemetry of a call: one trace from the webhook to the carrier command, worker logs with the call ids, step latency', () => {
  const exporter = new InMemorySpanExporter();
  const workerLog = logLines();
  let tracing: Tracing;
  let stack: CallStack;
  let tenantId: string;
  let workerMetricsUrl: string;
  let result: CallResult;
  let ids: CallIds;

  beforeAll(async () => {
    const metricsPort = await findFreePort('127.0.0.1');
    workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    // The worker process's runtime, as workflows/src/worker.ts installs it (CallStack's own install is then skipped).
    Runtime.install({
      logger: new PinoTemporalLogger(createLogger({ service: 'callflow-worker', level: 'debug', destination: workerLog })),
      telemetryOptions: { metrics: workerMetricsExporter(metricsPort, '127.0.0.1') },
    });
    tracing = startTracing({ serviceName: 'callflow-test', exporter });
    stack = await CallStack.start({}, { tracing });
    tenantId = await seedTenant(stack.asTestApp(), 'Telemetry Plumbing');
    const { number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'hello', kind: 'play', config: { prompt: tts('Thanks for calling.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> hello', 'hello.next -> bye'],
      ),
    );
    const placed = stack.placeCall({ from: '+12125550190', to: number });
    ids = placed.ids;
    result = await placed.done();
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    await tracing?.shutdown();
  }, 60_000);

  it('puts the call.initiated webhook, the workflow start, the workflow, the answer activity and its carrier request in one trace', async () => {
    const { callSessionId, callControlId } = ids;
    const spans = await waitFor('the workflow run span', () => {
      const finished = exporter.getFinishedSpans();
      return finished.some((span) => span.name === 'RunWorkflow:callWorkflow' && span.attributes.workflowId === result.workflowId) && finished;
    });
    const webhook = spans.find((span) => span.attributes['callflow.eventType'] === 'call.initiated' && span.attributes['callflow.callSessionId'] === callSessionId);
    expect(webhook).toMatchObject({ name: 'webhook POST /api/webhooks/telnyx', parentSpanId: undefined });
    expect(webhook?.attributes).toMatchObject({ 'callflow.workflowId': result.workflowId, 'callflow.tenantId': tenantId, 'callflow.callId': result.call.id, 'http.response.status_code': 200 });
    const trace = spans.filter((span) => span.spanContext().traceId === webhook?.spanContext().traceId);
    const answer = trace.find((span) => span.name === 'POST' && String(span.attributes['url.full']).endsWith(`/calls/${callControlId}/actions/answer`));
    expect(answer).toBeDefined();
    expect(ancestry(trace, answer!)).toEqual([
      'POST',
      'RunActivity:carrierCommand',
      'StartActivity:carrierCommand',
      'RunWorkflow:callWorkflow',
      'SignalWithStartWorkflow:callWorkflow',
      'webhook POST /api/webhooks/telnyx',
    ]);
    expect(answer?.attributes['http.response.status_code']).toBe(200);
  });

  it('logs the call’s activities as JSON through the worker logger, with the workflow, tenant and call ids', () => {
    // The SDK writes "Activity started" before any interceptor has seen the activity's headers: the ids come after.
    const completed = workerLog.lines.filter((line) => line.workflowId === result.workflowId && line.msg === 'Activity completed');
    // answer, speak, hangup; and the call log writes.
    expect(completed.filter((line) => line.activityType === 'carrierCommand')).toHaveLength(3);
    for (const line of completed) {
      expect(line).toMatchObject({ service: 'callflow-worker', level: 'debug', workflowType: 'callWorkflow', tenantId, callId: result.call.id, durationMs: expect.any(Number) });
    }
  });

  it('records the step latency of the commands that answered carrier events on the worker’s Prometheus endpoint', async () => {
    const text = await (await fetch(workerMetricsUrl)).text();
    // The answer follows call.initiated, the prompt call.answered, the hang-up the end of the prompt (call.speak.ended).
    for (const action of ['answer', 'play', 'hangup']) {
      expect(histogramCount(text, 'callflow_step_latency', `action="${action}"`)).toBe(1);
    }
    // With the Temporal SDK's own metrics.
    expect(text).toMatch(/^temporal_workflow_completed\{/m);
  });
});
