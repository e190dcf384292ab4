import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { CALLS_TASK_QUEUE } from '@callflow/workflows';
import { standInRecordQuery, type StandInRecord } from '../fixtures/stand-in-call.workflow';

export interface StandInWorker {
  client: Client;
  /** What the stand-in workflow `workflowId` has received so far. */
  record(workflowId: string): Promise<StandInRecord>;
  stop(): Promise<void>;
}

/** A real worker on the calls task queue running the stand-in callWorkflow, plus a client of the same namespace. */
export async function startStandInWorker(): Promise<StandInWorker> {
  const address = process.env.TEMPORAL_ADDRESS;
  const namespace = process.env.TEMPORAL_NAMESPACE;
  if (!address || !namespace) throw new Error('TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE must be set (jest globalSetup)');
  installQuietRuntime();
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../fixtures/stand-in-call.workflow'), logger: quietLogger });
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection: nativeConnection, namespace, taskQueue: CALLS_TASK_QUEUE, workflowBundle });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  return {
    client,
    record: (workflowId) => client.workflow.getHandle(workflowId).query(standInRecordQuery),
    async stop() {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}

function installQuietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already by an earlier worker of this test file.
  }
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
