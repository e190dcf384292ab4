import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  CALL_SEARCH_ATTRIBUTE_KEYS as SEARCH_KEYS,
  CALL_WORKFLOW_TYPE,
  CALLS_TASK_QUEUE,
  callWorkflowId,
  carrierEventSignal,
  transferSignal,
  type CallWorkflowInput,
  type CarrierEvent,
  type TransferRequest,
} from '@callflow/workflows';
import { TemporalClientService } from './temporal-client.service';

/** `delivered`: the workflow has the event. `call-over`: its workflow is closed (or gone), nothing was started. */
export type SignalOutcome = 'delivered' | 'call-over';

/** Starts and signals call workflows. Errors other than "the call is over" propagate (Temporal down → 503). */
@Injectable()
export class CallWorkflowsGateway {
  constructor(@Inject(TemporalClientService) private readonly temporal: TemporalClientService) {}

  /**
   * Starts the call's workflow with `event` as its first signal, or signals it if it runs already. A closed
   * workflow of the same id is never restarted (REJECT_DUPLICATE).
   */
  async startCall(input: CallWorkflowInput, event: CarrierEvent): Promise<SignalOutcome> {
    try {
      await this.temporal.withDeadline(() =>
        this.temporal.client.workflow.signalWithStart(CALL_WORKFLOW_TYPE, {
          workflowId: callWorkflowId(input.callSessionId),
          taskQueue: CALLS_TASK_QUEUE,
          args: [input],
          signal: carrierEventSignal,
          signalArgs: [event],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          // A crashed worker's calls move to another worker in seconds rather than the default 10 s.
          workflowTaskTimeout: '3s',
          typedSearchAttributes: [
            { key: SEARCH_KEYS.tenant, value: input.tenantId },
            { key: SEARCH_KEYS.flow, value: input.flowId },
            { key: SEARCH_KEYS.flowVersion, value: input.flowVersionId },
            { key: SEARCH_KEYS.caller, value: input.from },
            { key: SEARCH_KEYS.called, value: input.to },
          ],
        }),
      );
      return 'delivered';
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return 'call-over';
      throw error;
    }
  }

  /** Signals a running workflow; never starts one. */
  async signal(workflowId: string, event: CarrierEvent): Promise<SignalOutcome> {
    try {
      await this.temporal.withDeadline(() => this.temporal.client.workflow.getHandle(workflowId).signal(carrierEventSignal, event));
      return 'delivered';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return 'call-over';
      throw error;
    }
  }

  /** An agent hands the caller to an extension; never starts a workflow. */
  async transfer(workflowId: string, request: TransferRequest): Promise<SignalOutcome> {
    try {
      await this.temporal.withDeadline(() => this.temporal.client.workflow.getHandle(workflowId).signal(transferSignal, request));
      return 'delivered';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return 'call-over';
      throw error;
    }
  }
}
