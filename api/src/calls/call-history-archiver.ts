import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { CallsRepository } from './calls.repository';
import { RecordingCollector } from './recording-collector';

/** Temporal's dev server keeps closed histories 24 h: older calls missed by a crash cannot be copied any more. */
const SWEEP_WINDOW_MS = 24 * 60 * 60 * 1000;
const SWEEP_BATCH = 500;
const CLOSE_POLL_MS = 250;
const CLOSE_WAIT_MS = 30_000;

/**
 * Copies each call's Temporal history into PostgreSQL once its workflow has closed (the workflow reports its end
 * just before closing), so replay works after Temporal's retention. Copies missed while the API was down are made
 * at start-up. The call's voicemails are all stored by then: copies of their audio kept as recordings are dropped.
 */
@Injectable()
export class CallHistoryArchiver implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CallHistoryArchiver.name);
  private readonly pending = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(TemporalClientService) private readonly temporal: TemporalClientService,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
    @Inject(RecordingCollector) private readonly recordings: RecordingCollector,
  ) {}

  archiveWhenClosed(callId: string, workflowId: string): void {
    const job = this.archive(callId, workflowId)
      .catch((error: unknown) => this.logger.warn(`history of call ${callId} not copied yet: ${String(error)}`))
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  private async archive(callId: string, workflowId: string): Promise<void> {
    const handle = this.temporal.client.workflow.getHandle(workflowId);
    const deadline = Date.now() + CLOSE_WAIT_MS;
    while ((await handle.describe()).status.name === 'RUNNING') {
      if (this.stopping || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, CLOSE_POLL_MS));
    }
    const history = await handle.fetchHistory();
    await this.calls.saveHistory(callId, JSON.parse(historyToJSON(history)));
    await this.recordings.dropVoicemailCopies(callId);
  }

  onApplicationBootstrap(): void {
    const sweep = this.calls
      .endedWithoutHistory(new Date(Date.now() - SWEEP_WINDOW_MS), SWEEP_BATCH)
      .then((missed) => missed.forEach((call) => this.archiveWhenClosed(call.id, call.workflowId)))
      .catch((error: unknown) => this.logger.warn(`history sweep failed: ${String(error)}`));
    this.pending.add(sweep);
    void sweep.finally(() => this.pending.delete(sweep));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.pending]);
  }
}
