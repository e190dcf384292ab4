import type { Client } from '@temporalio/client';
import { CALLS_TASK_QUEUE, QUEUE_WORKFLOW_TYPE, queueRequestSignal, queueWorkflowId, type QueueRequest } from '../contracts';

/** Call workflows reach their queue's entity workflow through here: it is started on the first caller. */
export function createQueueActivities(client: Client) {
  return {
    async sendQueueRequest(input: { tenantId: string; queueId: string; request: QueueRequest }): Promise<void> {
      await client.workflow.signalWithStart(QUEUE_WORKFLOW_TYPE, {
        workflowId: queueWorkflowId(input.tenantId, input.queueId),
        taskQueue: CALLS_TASK_QUEUE,
        args: [{ tenantId: input.tenantId, queueId: input.queueId }],
        signal: queueRequestSignal,
        signalArgs: [input.request],
      });
    },
  };
}

export type QueueActivities = ReturnType<typeof createQueueActivities>;
