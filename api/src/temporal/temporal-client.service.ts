import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { APP_CONFIG, type AppConfig } from '../config';
import { CarrierEventReceiptInterceptor } from '../observability/carrier-event-receipt.interceptor';

/** Upper bound of one Temporal call made while a carrier waits for our answer. */
export const TEMPORAL_CALL_TIMEOUT_MS = 3000;

/** The API's one Temporal connection and client: connects on first use, closed on shutdown. */
@Injectable()
export class TemporalClientService implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = Connection.lazy({
      address: config.temporalAddress,
      connectTimeout: TEMPORAL_CALL_TIMEOUT_MS,
      // No retry interceptor: when Temporal is down a webhook answers 503 at once and the carrier redelivers
      // (retrying here would outlast the carrier's patience), and a retry still pending when the connection
      // closes at shutdown would throw from a timer.
      interceptors: [],
      // Reconnect soon after Temporal comes back rather than after grpc's default backoff of up to 2 minutes.
      channelArgs: { 'grpc.initial_reconnect_backoff_ms': 200, 'grpc.max_reconnect_backoff_ms': 2000 },
    });
    this.client = new Client({
      connection: this.connection,
      namespace: config.temporalNamespace,
      // Trace context into the workflow (the webhook's span is the parent of the workflow's), and the webhook's
      // arrival time on carrier-event signals (the worker's step latency).
      interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor(), new CarrierEventReceiptInterceptor()] },
    });
  }

  /** Runs `call` with a deadline, so no request waits on Temporal longer than TEMPORAL_CALL_TIMEOUT_MS. */
  withDeadline<T>(call: () => Promise<T>): Promise<T> {
    return this.connection.withDeadline(Date.now() + TEMPORAL_CALL_TIMEOUT_MS, call);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
