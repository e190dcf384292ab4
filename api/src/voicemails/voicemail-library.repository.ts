import { Inject, Injectable } from '@nestjs/common';
import type { Voicemail, VoicemailPage, VoicemailQuery } from '@callflow/schemas';
import { DataSource, type EntityManager } from 'typeorm';
import type { StoredAudio } from '../calls/audio-range';
import { keysetPage, microsOf, olderThanCursor } from '../calls/keyset-cursor';

/** Whose voicemails a query may see: a tenant's, and when `agentId` is set only those in mailboxes that agent owns. */
export interface MailboxScope {
  tenantId: string;
  agentId: string | null;
}

interface VoicemailRow {
  id: string;
  call_id: string;
  mailbox_id: string;
  caller_number: string;
  duration_secs: number;
  transcription: string | null;
  created_at: Date;
  read_at: Date | null;
  purged: boolean;
  cursor_micros: string;
}

const COLUMNS = `v.id, v.call_id, v.mailbox_id, v.caller_number, v.duration_secs, v.transcription, v.created_at, v.read_at,
  v.audio_purged_at IS NOT NULL AS purged, ${microsOf('v.created_at')} AS cursor_micros`;

function toVoicemail(row: VoicemailRow): Voicemail {
  return {
    id: row.id,
    callId: row.call_id,
    mailboxId: row.mailbox_id,
    callerNumber: row.caller_number,
    durationSecs: row.duration_secs,
    transcription: row.transcription,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
    audioUrl: row.purged ? null : `/api/voicemails/${row.id}/audio`,
  };
}

function visible(scope: MailboxScope, firstParam: number): { sql: string; params: unknown[] } {
  if (scope.agentId === null) return { sql: `v.tenant_id = $${firstParam}`, params: [scope.tenantId] };
  return {
    sql: `v.tenant_id = $${firstParam} AND EXISTS (SELECT 1 FROM mailboxes m
            WHERE m.tenant_id = v.tenant_id AND m.id = v.mailbox_id AND m.data ->> 'ownerAgentId' = $${firstParam + 1})`,
    params: [scope.tenantId, scope.agentId],
  };
}

/**
 * Voicemails as people use them: listing, playing, marking read, deleting. (Storing them is VoicemailsRepository's.)
 * Audio purged by the retention period is emptied rather than nulled: the column stays NOT NULL for the code that
 * stores voicemails; `audio_purged_at` says it is gone.
 */
@Injectable()
export class VoicemailLibraryRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(scope: MailboxScope, query: VoicemailQuery): Promise<VoicemailPage> {
    const { sql, params } = visible(scope, 1);
    const where = [sql];
    if (query.mailboxId !== undefined) {
      params.push(query.mailboxId);
      where.push(`v.mailbox_id = $${params.length}`);
    }
    if (query.unread !== undefined) where.push(query.unread ? 'v.read_at IS NULL' : 'v.read_at IS NOT NULL');
    if (query.cursor !== undefined) where.push(olderThanCursor(query.cursor, 'v.created_at', 'v.id', params));
    params.push(query.limit + 1);
    const rows: VoicemailRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM voicemails v WHERE ${where.join(' AND ')} ORDER BY v.created_at DESC, v.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = keysetPage(rows, query.limit);
    return { voicemails: page.rows.map(toVoicemail), nextCursor: page.nextCursor };
  }

  /** Oldest first. */
  async forCall(tenantId: string, callId: string): Promise<Voicemail[]> {
    const rows: VoicemailRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM voicemails v WHERE v.tenant_id = $1 AND v.call_id = $2 ORDER BY v.created_at, v.id`,
      [tenantId, callId],
    );
    return rows.map(toVoicemail);
  }

  async find(scope: MailboxScope, id: string): Promise<Voicemail | null> {
    const { sql, params } = visible(scope, 2);
    const rows: VoicemailRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM voicemails v WHERE v.id = $1 AND ${sql}`, [id, ...params]);
    return rows[0] ? toVoicemail(rows[0]) : null;
  }

  /** The voicemail's audio, read in ranges; null when it is not visible to the scope or its audio was purged. */
  async audio(scope: MailboxScope, id: string): Promise<StoredAudio | null> {
    const { sql, params } = visible(scope, 2);
    const rows: Array<{ content_type: string; size: number }> = await this.dataSource.query(
      `SELECT v.content_type, octet_length(v.audio) AS size FROM voicemails v WHERE v.id = $1 AND v.audio_purged_at IS NULL AND ${sql}`,
      [id, ...params],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      contentType: row.content_type,
      size: row.size,
      read: async (start, length) => {
        const slices: Array<{ bytes: Buffer }> = await this.dataSource.query('SELECT substring(audio FROM $2 FOR $3) AS bytes FROM voicemails WHERE id = $1', [
          id,
          start + 1,
          length,
        ]);
        return slices[0]?.bytes ?? Buffer.alloc(0);
      },
    };
  }

  /** Marks the voicemail read (the first time only); null when the scope does not see it. */
  async markRead(scope: MailboxScope, id: string, at: Date): Promise<Voicemail | null> {
    const { sql, params } = visible(scope, 3);
    await this.dataSource.query(`UPDATE voicemails v SET read_at = $2 WHERE v.id = $1 AND v.read_at IS NULL AND ${sql}`, [id, at, ...params]);
    return this.find(scope, id);
  }

  /** False when the scope does not see such a voicemail. */
  async delete(scope: MailboxScope, id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const { sql, params } = visible(scope, 2);
    const [, affected]: [unknown, number] = await manager.query(`DELETE FROM voicemails v WHERE v.id = $1 AND ${sql}`, [id, ...params]);
    return affected > 0;
  }
}
