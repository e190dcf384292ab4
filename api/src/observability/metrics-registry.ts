import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { RunningCallsRepository } from './running-calls.repository';

/**
 * The API process's Prometheus registry, served at `GET /metrics`: Node's process metrics, the calls in progress, and
 * what the other modules register (webhooks, call outcomes). One registry per application, so that several
 * applications in one process (tests) do not collide.
 */
@Injectable()
export class MetricsRegistry {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();

  constructor(@Inject(RunningCallsRepository) runningCalls: RunningCallsRepository) {
    const logger = this.logger;
    new Gauge({
      name: 'callflow_active_calls',
      help: 'Calls in progress, all tenants: started and not reported ended by their workflow (the same figure on every API instance)',
      registers: [this.registry],
      async collect() {
        try {
          this.set(await runningCalls.count());
        } catch (error) {
          // The scrape still answers with the other metrics; this one keeps its last value.
          logger.warn(`callflow_active_calls not refreshed: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }
}
