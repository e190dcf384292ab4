import type { Next, WorkflowClientInterceptor, WorkflowSignalInput, WorkflowSignalWithStartInput } from '@temporalio/client';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import { CARRIER_EVENT_RECEIVED_AT_HEADER, carrierEventSignal } from '@callflow/workflows';
import { webhookReceivedAt } from './telemetry-context';

/** Marks carrier-event signals with when their webhook arrived, for the worker's step latency metric. */
export class CarrierEventReceiptInterceptor implements WorkflowClientInterceptor {
  async signal(input: WorkflowSignalInput, next: Next<WorkflowClientInterceptor, 'signal'>): Promise<void> {
    return next({ ...input, headers: withReceipt(input.signalName, input.headers) });
  }

  async signalWithStart(input: WorkflowSignalWithStartInput, next: Next<WorkflowClientInterceptor, 'signalWithStart'>): Promise<string> {
    return next({ ...input, headers: withReceipt(input.signalName, input.headers) });
  }
}

function withReceipt(signalName: string, headers: Headers): Headers {
  const receivedAt = webhookReceivedAt();
  if (signalName !== carrierEventSignal.name || receivedAt === undefined) return headers;
  return { ...headers, [CARRIER_EVENT_RECEIVED_AT_HEADER]: defaultPayloadConverter.toPayload(receivedAt) };
}
