import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config';

const CHECK_TIMEOUT_MS = 2000;

export type DatabaseHealth = { ok: true; latencyMs: number } | { ok: false; error: string };
export type TemporalHealth = { ok: boolean; address: string; namespace: string; error?: string };

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: DatabaseHealth;
  temporal: TemporalHealth;
}

function withTimeout<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(messageOf).join('; ');
  return error instanceof Error ? error.message || error.name : String(error);
}

@Injectable()
export class HealthService implements OnApplicationShutdown {
  /**
   * Its own connection without the SDK's retry interceptor: a health check reports the state right
   * now, and a retry still pending when the connection closes would crash the process.
   */
  private readonly temporal: Connection;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.temporal = Connection.lazy({ address: config.temporalAddress, connectTimeout: CHECK_TIMEOUT_MS, interceptors: [] });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.close();
  }

  async check(): Promise<HealthReport> {
    const [database, temporal] = await Promise.all([this.checkDatabase(), this.checkTemporal()]);
    return { status: database.ok && temporal.ok ? 'ok' : 'degraded', database, temporal };
  }

  private async checkDatabase(): Promise<DatabaseHealth> {
    const started = performance.now();
    try {
      await withTimeout('PostgreSQL', this.dataSource.query('SELECT 1'));
      return { ok: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { ok: false, error: `PostgreSQL: ${messageOf(error)}` };
    }
  }

  private async checkTemporal(): Promise<TemporalHealth> {
    const { temporalAddress: address, temporalNamespace: namespace } = this.config;
    const connection = this.temporal;
    try {
      await withTimeout(
        'Temporal',
        connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => connection.workflowService.describeNamespace({ namespace })),
      );
      return { ok: true, address, namespace };
    } catch (error) {
      return { ok: false, address, namespace, error: `Temporal at ${address}: ${messageOf(error)}` };
    }
  }
}
