import { GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Recording, RecordingPage, RecordingQuery } from '@callflow/schemas';
import { DataSource } from 'typeorm';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { AuthContext } from '../auth/auth-context';
import { audioReply, type AudioReply } from './audio-range';
import { callScope } from './call-scope';
import { RecordingsRepository } from './recordings.repository';

/** Call recordings: supervisors and above hear all of the tenant's, an agent those of the calls it answered. Every play is audited. */
@Injectable()
export class RecordingsService {
  constructor(
    @Inject(RecordingsRepository) private readonly recordings: RecordingsRepository,
    @Inject(AuditLogRepository) private readonly audit: AuditLogRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  list(caller: AuthContext, query: RecordingQuery): Promise<RecordingPage> {
    return this.recordings.list(callScope(caller), query);
  }

  async get(caller: AuthContext, id: string): Promise<Recording> {
    const recording = await this.recordings.find(callScope(caller), id);
    if (recording === null) throw new NotFoundException(`No recording ${id}`);
    return recording;
  }

  /** The audio (or the range asked for), audited as `recording.accessed`; 410 once the retention period deleted it. */
  async audio(caller: AuthContext, id: string, range: string | undefined): Promise<AudioReply> {
    const recording = await this.get(caller, id);
    const audio = await this.recordings.audio(callScope(caller), id);
    if (audio === null) throw new GoneException(`The audio of recording ${id} was deleted after the retention period`);
    const reply = await audioReply(audio, range);
    if (reply.status !== 416) {
      await this.audit.record(caller, { action: 'recording.accessed', targetType: 'recording', targetId: id, details: { callId: recording.callId, range: reply.range } });
    }
    return reply;
  }

  async remove(caller: AuthContext, id: string): Promise<void> {
    const recording = await this.get(caller, id);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.recordings.delete(caller.tenantId, id, manager))) throw new NotFoundException(`No recording ${id}`);
      await this.audit.record(caller, { action: 'recording.deleted', targetType: 'recording', targetId: id, details: { callId: recording.callId } }, manager);
    });
  }
}
