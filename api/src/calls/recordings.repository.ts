import { Inject, Injectable } from '@nestjs/common';
import type { Recording, RecordingPage, RecordingQuery } from '@callflow/schemas';
import { DataSource, type EntityManager } from 'typeorm';
import type { StoredAudio } from './audio-range';
import type { CallScope } from './call-search.repository';
import { keysetPage, microsOf, olderThanCursor } from './keyset-cursor';

export interface NewRecording {
  tenantId: string;
  callId: string;
  recordingUrl: string;
  startedAt: Date | null;
  durationSecs: number;
  audio: Buffer;
  contentType: string;
}

interface RecordingRow {
  id: string;
  call_id: string;
  started_at: Date | null;
  duration_secs: number;
  content_type: string;
  created_at: Date;
  purged: boolean;
  cursor_micros: string;
}

const COLUMNS = `r.id, r.call_id, r.started_at, r.duration_secs, r.content_type, r.created_at, r.audio_purged_at IS NOT NULL AS purged,
  ${microsOf('r.created_at')} AS cursor_micros`;

function toRecording(row: RecordingRow): Recording {
  return {
    id: row.id,
    callId: row.call_id,
    startedAt: row.started_at?.toISOString() ?? null,
    durationSecs: row.duration_secs,
    contentType: row.content_type,
    createdAt: row.created_at.toISOString(),
    audioUrl: row.purged ? null : `/api/recordings/${row.id}/audio`,
  };
}

/** A voicemail's audio kept as a recording too, until the call ends (see RecordingCollector): the voicemail's, not shown here. */
const NOT_A_VOICEMAIL = 'NOT EXISTS (SELECT 1 FROM voicemails v WHERE v.call_id = r.call_id AND v.recording_url = r.recording_url)';

/** Which recordings a scope sees: the tenant's, or for an agent those of calls the agent answered. */
function visible(scope: CallScope, firstParam: number): { sql: string; params: unknown[] } {
  if (scope.agentId === null) return { sql: `r.tenant_id = $${firstParam} AND ${NOT_A_VOICEMAIL}`, params: [scope.tenantId] };
  return {
    sql: `r.tenant_id = $${firstParam} AND ${NOT_A_VOICEMAIL}
      AND EXISTS (SELECT 1 FROM calls c WHERE c.id = r.call_id AND c.answered_agent_id = $${firstParam + 1})`,
    params: [scope.tenantId, scope.agentId],
  };
}

/** Call recordings (the record node's), with their audio. */
@Injectable()
export class RecordingsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Stores a recording once per call and carrier URL (a repeated copy changes nothing). */
  async save(recording: NewRecording): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO call_recordings (tenant_id, call_id, recording_url, started_at, duration_secs, audio, content_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (call_id, recording_url) DO NOTHING`,
      [recording.tenantId, recording.callId, recording.recordingUrl, recording.startedAt, recording.durationSecs, recording.audio, recording.contentType],
    );
  }

  /** The carrier URLs of the call's audio already kept, as recordings or as voicemails. */
  async knownRecordingUrls(callId: string): Promise<string[]> {
    const rows: Array<{ recording_url: string }> = await this.dataSource.query(
      'SELECT recording_url FROM call_recordings WHERE call_id = $1 UNION SELECT recording_url FROM voicemails WHERE call_id = $1',
      [callId],
    );
    return rows.map((row) => row.recording_url);
  }

  /** Deletes the copies of the call's voicemail audio (the voicemails hold it). */
  async dropVoicemailCopies(callId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM call_recordings r WHERE r.call_id = $1 AND NOT ${NOT_A_VOICEMAIL}`, [callId]);
  }

  async list(scope: CallScope, query: RecordingQuery): Promise<RecordingPage> {
    const { sql, params } = visible(scope, 1);
    const where = [sql];
    if (query.callId !== undefined) {
      params.push(query.callId);
      where.push(`r.call_id = $${params.length}`);
    }
    if (query.cursor !== undefined) where.push(olderThanCursor(query.cursor, 'r.created_at', 'r.id', params));
    params.push(query.limit + 1);
    const rows: RecordingRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM call_recordings r WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = keysetPage(rows, query.limit);
    return { recordings: page.rows.map(toRecording), nextCursor: page.nextCursor };
  }

  /** Oldest first. */
  async forCall(tenantId: string, callId: string): Promise<Recording[]> {
    const rows: RecordingRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM call_recordings r WHERE r.tenant_id = $1 AND r.call_id = $2 AND ${NOT_A_VOICEMAIL} ORDER BY r.created_at, r.id`,
      [tenantId, callId],
    );
    return rows.map(toRecording);
  }

  async find(scope: CallScope, id: string): Promise<Recording | null> {
    const { sql, params } = visible(scope, 2);
    const rows: RecordingRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM call_recordings r WHERE r.id = $1 AND ${sql}`, [id, ...params]);
    return rows[0] ? toRecording(rows[0]) : null;
  }

  /** The recording's audio, read in ranges; null when it is not visible to the scope or its audio was purged. */
  async audio(scope: CallScope, id: string): Promise<StoredAudio | null> {
    const { sql, params } = visible(scope, 2);
    const rows: Array<{ content_type: string; size: number }> = await this.dataSource.query(
      `SELECT r.content_type, octet_length(r.audio) AS size FROM call_recordings r WHERE r.id = $1 AND r.audio IS NOT NULL AND ${sql}`,
      [id, ...params],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      contentType: row.content_type,
      size: row.size,
      read: async (start, length) => {
        const slices: Array<{ bytes: Buffer }> = await this.dataSource.query(
          'SELECT substring(audio FROM $2 FOR $3) AS bytes FROM call_recordings WHERE id = $1',
          [id, start + 1, length],
        );
        return slices[0]?.bytes ?? Buffer.alloc(0);
      },
    };
  }

  /** False when the tenant has no such recording. */
  async delete(tenantId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query('DELETE FROM call_recordings WHERE id = $1 AND tenant_id = $2', [id, tenantId]);
    return affected > 0;
  }
}
