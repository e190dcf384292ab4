import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';

export interface TemporalStall {
  /** When the slow probe was sent. */
  startedAt: Date;
  /** How long the frontend took to answer it (or to fail). */
  answeredAfterMs: number;
  /** The machine's one-minute load average when it answered. */
  loadAverage: number;
  error?: string;
}

export interface TemporalStallWatchOptions {
  address: string;
  namespace: string;
  /** A probe slower than this is a stall. */
  thresholdMs: number;
  intervalMs?: number;
  onStall: (stall: TemporalStall) => void;
}

/**
 * Asks the Temporal frontend for its namespace every interval and reports each answer slower than the threshold:
 * a shared server that stops answering for a while fails whichever test is waiting on it, and the report says when
 * and for how long, beside that test's failure.
 */
export class TemporalStallWatch {
  private stopped = false;
  /** Cancels this round's probe or the wait after it, when the watch stops. */
  private round = new AbortController();
  private slowestMs = 0;
  private probes = 0;
  private readonly loop: Promise<void>;

  private constructor(
    private readonly connection: Connection,
    private readonly options: TemporalStallWatchOptions,
  ) {
    this.loop = this.run();
  }

  static async start(options: TemporalStallWatchOptions): Promise<TemporalStallWatch> {
    // No retry interceptor: a probe measures one request, not a request and its retries.
    const connection = await Connection.connect({ address: options.address, interceptors: [] });
    return new TemporalStallWatch(connection, options);
  }

  /**
   * Stops probing at once, a probe still unanswered included (reported as a stall when it has waited past the
   * threshold); resolves with how many probes were sent and the slowest answer.
   */
  async stop(): Promise<{ probes: number; slowestMs: number }> {
    this.stopped = true;
    this.round.abort();
    await this.loop;
    await this.connection.close();
    return { probes: this.probes, slowestMs: this.slowestMs };
  }

  private async run(): Promise<void> {
    const { namespace, thresholdMs, intervalMs = 1000 } = this.options;
    while (!this.stopped) {
      const round = (this.round = new AbortController());
      const startedAt = new Date();
      let error: string | undefined;
      try {
        await this.connection.withAbortSignal(round.signal, () =>
          this.connection.withDeadline(Date.now() + 60_000, () => this.connection.workflowService.describeNamespace({ namespace })),
        );
      } catch (caught) {
        error = this.stopped ? 'still unanswered when the watch stopped' : caught instanceof Error ? caught.message : String(caught);
      }
      const answeredAfterMs = Date.now() - startedAt.getTime();
      this.probes += 1;
      this.slowestMs = Math.max(this.slowestMs, answeredAfterMs);
      if (answeredAfterMs > thresholdMs || (error && !this.stopped)) {
        this.options.onStall({ startedAt, answeredAfterMs, loadAverage: os.loadavg()[0] ?? 0, ...(error ? { error } : {}) });
      }
      await sleep(intervalMs, undefined, { signal: round.signal }).catch(() => undefined);
    }
  }
}
