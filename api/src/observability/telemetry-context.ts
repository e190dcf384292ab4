import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';
import { addLogContext, type LogFields } from '@callflow/workflows/src/observability/log-context';

/** Adds ids learnt while handling a request to its log lines and, as `callflow.<id>` attributes, to the active span. */
export function annotate(fields: LogFields): void {
  addLogContext(fields);
  const span = trace.getActiveSpan();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) span?.setAttribute(`callflow.${name}`, value);
  }
}

const webhookReceipts = new AsyncLocalStorage<number>();

/** Runs the handling of one webhook delivery, remembering when it arrived (epoch ms). */
export function withWebhookReceipt<T>(receivedAt: number, fn: () => T): T {
  return webhookReceipts.run(receivedAt, fn);
}

/** When the webhook being handled arrived, if one is. */
export function webhookReceivedAt(): number | undefined {
  return webhookReceipts.getStore();
}
