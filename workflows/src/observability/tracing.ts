import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NoopSpanProcessor, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry tracing of one process (the API or a worker). OpenTelemetry JS 1.x on purpose: it is the line
 * @temporalio/interceptors-opentelemetry 1.24 is built on, and the workflow spans it exports (from the workflow
 * sandbox, through a sink) have that line's shape.
 */
export interface Tracing {
  /** False when no exporter is configured: spans are not recorded, trace context still propagates. */
  readonly enabled: boolean;
  /** Where the workflow interceptors' spans go (they cannot reach the global provider from the sandbox). */
  readonly spanProcessor: SpanProcessor;
  readonly resource: Resource;
  /** Flushes spans not exported yet and unregisters the global provider. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** `service.name` of every span; OTEL_SERVICE_NAME overrides it. */
  serviceName: string;
  /**
   * Where spans go. Default: OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
   * when one is set, batched; otherwise tracing is off. Tests pass an in-memory exporter (exported at once).
   */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

/** Tracing that records nothing: the state without an exporter, and what in-process test workers get. */
export function tracingOff(serviceName: string): Tracing {
  return { enabled: false, spanProcessor: new NoopSpanProcessor(), resource: new Resource({ 'service.name': serviceName }), shutdown: async () => undefined };
}

/**
 * Registers the global tracer provider (W3C trace context, async-hooks context) with the fetch (undici)
 * instrumentation, so the carrier commands the telnyx SDK sends and the workers' calls to the API are client spans.
 * Call it once per process, before the first request.
 */
export function startTracing(options: TracingOptions): Tracing {
  const env = options.env ?? process.env;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || options.serviceName;
  if (!options.exporter && !endpoint) return tracingOff(serviceName);
  // The exporter reads the endpoint, headers and timeout from the OTEL_EXPORTER_OTLP_* variables itself.
  const spanProcessor = options.exporter ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(new OTLPTraceExporter());
  const resource = new Resource({ 'service.name': serviceName });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  const unregisterInstrumentations = registerInstrumentations({ tracerProvider: provider, instrumentations: [new UndiciInstrumentation()] });
  return {
    enabled: true,
    spanProcessor,
    resource,
    async shutdown() {
      unregisterInstrumentations();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
