import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureCallSearchAttributes } from '@callflow/deploy';

/**
 * A namespace of this run's own: workflows started through the API go to the fixed `calls` task queue, and other
 * projects' suites may run call workers on the same server at the same time.
 */
export async function createTestNamespace(address: string, prefix: string): Promise<string> {
  const namespace = `${prefix}-${randomBytes(4).toString('hex')}`;
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  } finally {
    await connection.close();
  }
  await ensureCallSearchAttributes(address, namespace);
  return namespace;
}
