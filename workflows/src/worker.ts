// The worker process: runs call, queue and callback workflows and their activities (`npm start` starts it).
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type WorkerOptions, type WorkflowBundle } from '@temporalio/worker';
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

export function createActivities(config: WorkerConfig, client: Client) {
  return {
    ...createCarrierActivities(config.carrier),
    ...createInternalApiActivities(config.internalApi),
    ...createHttpActivities(),
    ...createQueueActivities(client),
  };
}

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
  const worker = await Worker.create({
    ...workerTelemetry(options.tracing ?? tracingOff(WORKER_SERVICE_NAME)),
    connection,
    namespace: config.temporalNamespace,
    taskQueue: CALLS_TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: require.resolve('./workflows') }),
    activities: createActivities(config, client),
    ...(options.identity ? { identity: options.identity } : {}),
    maxCachedWorkflows: config.maxCachedWorkflows,
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
