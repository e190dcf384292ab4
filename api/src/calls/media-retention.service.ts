import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { RetentionSettings } from '@callflow/schemas';
import { DataSource } from 'typeorm';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { AuthContext } from '../auth/auth-context';
import { MediaRetentionRepository, type PurgedAudio } from './media-retention.repository';

/** How often the API deletes audio past its tenant's retention period (and once at start-up). */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

@Injectable()
export class MediaRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MediaRetentionService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(MediaRetentionRepository) private readonly retention: MediaRetentionRepository,
    @Inject(AuditLogRepository) private readonly audit: AuditLogRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  settings(caller: AuthContext): Promise<RetentionSettings> {
    return this.retention.settings(caller.tenantId);
  }

  async saveSettings(caller: AuthContext, settings: RetentionSettings): Promise<RetentionSettings> {
    const before = await this.retention.settings(caller.tenantId);
    await this.dataSource.transaction(async (manager) => {
      await this.retention.saveSettings(caller.tenantId, settings, manager);
      await this.audit.record(
        caller,
        { action: 'settings.retention_changed', targetType: 'tenant', targetId: caller.tenantId, details: { from: before.audioRetentionDays, to: settings.audioRetentionDays } },
        manager,
      );
    });
    return this.retention.settings(caller.tenantId);
  }

  /** Deletes the audio past every tenant's retention period as of `now`; the call records stay. */
  async purge(now = new Date()): Promise<PurgedAudio> {
    const purged = await this.retention.purge(now);
    if (purged.recordings + purged.voicemails > 0) {
      this.logger.log(`Retention: deleted the audio of ${purged.recordings} recordings and ${purged.voicemails} voicemails`);
    }
    return purged;
  }

  onApplicationBootstrap(): void {
    const purgeInBackground = (): void => {
      this.running = this.purge().catch((error: unknown) => this.logger.warn(`Retention purge failed: ${String(error)}`));
    };
    purgeInBackground();
    this.timer = setInterval(purgeInBackground, PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
