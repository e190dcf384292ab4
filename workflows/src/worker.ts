// The worker process: runs call, queue and callback workflows and their activities (`npm start` starts it).
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type WorkerOptions, type WorkflowBundle } from '@temporalio/worker';
import { createCallLog } from './activities/call-log.sink';
import { createCarrierActivities } from './activities/carrier.activities';
import { createHttpActivities } from './activities/http.activities';
import { createInternalApiActivities } from './activities/internal-api.activities';
import { createQueueActivities } from './activities/queue.activities';
import { CALLS_TASK_QUEUE } from './contracts';
import { createLogger } from './observability/logger';
import { PinoTemporalLogger } from './observability/temporal-logger';
import { startTracing, tracingOff, type Tracing } from './observability/tracing';
import { WORKFLOW_INTERCEPTORS_PATH, workerMetricsExporter, workerTelemetry } from './observability/worker-telemetry';
import { loadWorkerConfig, loadWorkerProcessConfig, type WorkerConfig } from './worker-config';
import { serveWorkerHealth } from './worker-health';

/** The call workflows with the worker's workflow interceptors, for tests and images that bundle ahead of time. */
export async function bundleCallWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('./workflows'),
    workflowInterceptorModules: [WORKFLOW_INTERCEPTORS_PATH],
    logger: new DefaultLogger('WARN'),
  });
}

export function createActivities(config: WorkerConfig, client: Client, callLog: CallLog) {
  const internalApi = createInternalApiActivities(config.internalApi);
  return {
    ...createCarrierActivities(config.carrier),
    ...internalApi,
    recordCallEvents: callLog.recordCallEvents,
    recordCallEnded: async (...args: Parameters<typeof internalApi.recordCallEnded>) => {
      await internalApi.recordCallEnded(...args);
      callLog.forget(args[0]);
    },
    ...createHttpActivities(),
    ...createQueueActivities(client),
  };
}

type CallLog = ReturnType<typeof createCallLog>;

/**
 * A worker for the call task queue; `workflowBundle` (from bundleCallWorkflows) lets tests bundle the workflow code once
 * and images ahead of time. `tracing`: where workflow spans go (default: nowhere).
 */
export async function createCallWorker(
  config: WorkerConfig,
  options: { workflowBundle?: WorkerOptions['workflowBundle']; identity?: string; tracing?: Tracing } = {},
): Promise<{ worker: Worker; close: () => Promise<void> }> {
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({
    connection: clientConnection,
    namespace: config.temporalNamespace,
    interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
  });
  const callLog = createCallLog(createInternalApiActivities(config.internalApi).recordCallEvents, (message) => Runtime.instance().logger.warn(message));
  const telemetry = workerTelemetry(options.tracing ?? tracingOff(WORKER_SERVICE_NAME));
  const worker = await Worker.create({
    // A prebuilt bundle carries the workflow interceptors already (bundleCallWorkflows).
    interceptors: options.workflowBundle ? { activity: telemetry.interceptors.activity } : telemetry.interceptors,
    sinks: { ...telemetry.sinks, ...callLog.sinks },
    connection,
    namespace: config.temporalNamespace,
    taskQueue: CALLS_TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: require.resolve('./workflows') }),
    activities: createActivities(config, client, callLog),
    ...(options.identity ? { identity: options.identity } : {}),
    maxCachedWorkflows: config.maxCachedWorkflows,
    // Past capacity, tasks wait in Temporal's task queue, where no start-to-close timeout runs, rather than inside an
    // overloaded worker, where they outlast their 3 s timeout and are retried from a full replay (bench:calls, 200 calls
    // on 2 cores: 65 start-to-close timeouts in 75 inspected calls with the SDK's defaults of 40 and 100, none with these).
    maxConcurrentWorkflowTaskExecutions: 10,
    maxConcurrentActivityTaskExecutions: 20,
    // A crashed worker's calls move to another worker within seconds, not the default 10 s.
    stickyQueueScheduleToStartTimeout: '3s',
    shutdownGraceTime: '10s',
  });
  return {
    worker,
    close: async () => {
      await clientConnection.close();
      await connection.close();
    },
  };
}

const WORKER_SERVICE_NAME = 'callflow-worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const { workflowBundlePath, healthPort, metricsPort, logLevel } = loadWorkerProcessConfig();
  const logger = createLogger({ service: WORKER_SERVICE_NAME, level: logLevel });
  Runtime.install({
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } },
      ...(metricsPort === null ? {} : { metrics: workerMetricsExporter(metricsPort) }),
    },
  });
  const tracing = startTracing({ serviceName: WORKER_SERVICE_NAME });
  const { worker, close } = await createCallWorker(config, {
    tracing,
    ...(workflowBundlePath ? { workflowBundle: { codePath: workflowBundlePath } } : {}),
  });
  const health = healthPort === null ? undefined : await serveWorkerHealth(worker, healthPort);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Graceful: running activities finish and the sticky queue is released at once.
    process.once(signal, () => worker.shutdown());
  }
  logger.info(
    { taskQueue: CALLS_TASK_QUEUE, temporalAddress: config.temporalAddress, namespace: config.temporalNamespace, carrier: config.carrier.baseUrl, metricsPort, tracing: tracing.enabled },
    `worker polling ${CALLS_TASK_QUEUE} on ${config.temporalAddress} (${config.temporalNamespace}); carrier ${config.carrier.baseUrl}`,
  );
  await worker.run();
  health?.close();
  await close();
  await tracing.shutdown();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
