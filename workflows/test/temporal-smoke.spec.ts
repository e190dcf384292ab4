import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import {
  DefaultLogger,
  Runtime,
  bundleWorkflowCode,
  NativeConnection,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import * as activities from './fixtures/greeting.activities';
import { greetingWorkflow } from './fixtures/greeting.workflow';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the jest globalSetup should have set it`);
  return value;
}

describe('Temporal smoke test', () => {
  const address = requireEnv('TEMPORAL_ADDRESS');
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/greeting.workflow'), logger: new DefaultLogger('WARN') });
  }, 60_000);

  it('runs a workflow with an activity on a real worker against the shared dev server', async () => {
    const taskQueue = `smoke-${randomUUID()}`;
    const workerConnection = await NativeConnection.connect({ address });
    const connection = await Connection.connect({ address });
    try {
      const worker = await Worker.create({ connection: workerConnection, namespace, taskQueue, workflowBundle: bundle, activities });
      const client = new Client({ connection, namespace });
      const result = await worker.runUntil(
        client.workflow.execute(greetingWorkflow, { taskQueue, workflowId: `smoke-${randomUUID()}`, args: [{ name: 'Ada' }] }),
      );
      expect(result).toBe(`Hello, Ada, from ${taskQueue}`);
    } finally {
      await connection.close();
      await workerConnection.close();
    }
  }, 60_000);
});
