// The worker process: runs call, queue and callback workflows and their activities (`npm start` starts it).
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createCarrierActivities } from './activities/carrier.activities';
import { createHttpActivities } from './activities/http.activities';
import { createInternalApiActivities } from './activities/internal-api.activities';
import { createQueueActivities } from './activities/queue.activities';
import { CALLS_TASK_QUEUE } from './contracts';
import { loadWorkerConfig, loadWorkerProcessConfig, type WorkerConfig } from './worker-config';
import { serveWorkerHealth } from './worker-health';

export function createActivities(config: WorkerConfig, client: Client) {
  return {
    ...createCarrierActivities(config.carrier),
    ...createInternalApiActivities(config.internalApi),
    ...createHttpActivities(),
    ...createQueueActivities(client),
  };
}

/** A worker for the call task queue; `workflowBundle` lets tests bundle the workflow code once and images ahead of time. */
export async function createCallWorker(
  config: WorkerConfig,
  options: { workflowBundle?: WorkerOptions['workflowBundle']; identity?: string } = {},
): Promise<{ worker: Worker; close: () => Promise<void> }> {
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: config.temporalNamespace });
  const worker = await Worker.create({
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

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const { workflowBundlePath, healthPort } = loadWorkerProcessConfig();
  const { worker, close } = await createCallWorker(config, workflowBundlePath ? { workflowBundle: { codePath: workflowBundlePath } } : {});
  const health = healthPort === null ? undefined : await serveWorkerHealth(worker, healthPort);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Graceful: running activities finish and the sticky queue is released at once.
    process.once(signal, () => worker.shutdown());
  }
  console.log(`worker polling ${CALLS_TASK_QUEUE} on ${config.temporalAddress} (${config.temporalNamespace}); carrier ${config.carrier.baseUrl}`);
  await worker.run();
  health?.close();
  await close();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
