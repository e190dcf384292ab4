import { Inject, Injectable } from '@nestjs/common';
import type { RetentionSettings } from '@callflow/schemas';
import { DataSource, type EntityManager } from 'typeorm';

export interface PurgedAudio {
  recordings: number;
  voicemails: number;
}

/** Each tenant's audio retention period, and the purge that applies it. */
@Injectable()
export class MediaRetentionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async settings(tenantId: string): Promise<RetentionSettings> {
    const rows: Array<{ audio_retention_days: number | null }> = await this.dataSource.query(
      'SELECT audio_retention_days FROM tenant_settings WHERE tenant_id = $1',
      [tenantId],
    );
    return { audioRetentionDays: rows[0]?.audio_retention_days ?? null };
  }

  async saveSettings(tenantId: string, settings: RetentionSettings, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO tenant_settings (tenant_id, audio_retention_days) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET audio_retention_days = excluded.audio_retention_days, updated_at = now()`,
      [tenantId, settings.audioRetentionDays],
    );
  }

  /**
   * Deletes the audio of recordings and voicemails stored longer ago than their tenant's retention period, as of
   * `now`; the rows (and the calls) stay. Voicemail audio is emptied rather than nulled (see VoicemailLibraryRepository).
   */
  async purge(now: Date): Promise<PurgedAudio> {
    const [, recordings]: [unknown, number] = await this.dataSource.query(
      `UPDATE call_recordings r SET audio = NULL, audio_purged_at = $1
         FROM tenant_settings s
        WHERE s.tenant_id = r.tenant_id AND r.audio IS NOT NULL
          AND r.created_at < $1::timestamptz - make_interval(days => s.audio_retention_days)`,
      [now],
    );
    const [, voicemails]: [unknown, number] = await this.dataSource.query(
      `UPDATE voicemails v SET audio = ''::bytea, audio_purged_at = $1
         FROM tenant_settings s
        WHERE s.tenant_id = v.tenant_id AND v.audio_purged_at IS NULL
          AND v.created_at < $1::timestamptz - make_interval(days => s.audio_retention_days)`,
      [now],
    );
    return { recordings, voicemails };
  }
}
