import { GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Voicemail, VoicemailPage, VoicemailQuery } from '@callflow/schemas';
import { DataSource } from 'typeorm';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { AuthContext } from '../auth/auth-context';
import { audioReply, type AudioReply } from '../calls/audio-range';
import { callScope } from '../calls/call-scope';
import { VoicemailLibraryRepository } from './voicemail-library.repository';

/**
 * Voicemails: supervisors and above handle every mailbox of the tenant, an agent the mailboxes it owns (others
 * answer 404). Every play and every deletion is audited.
 */
@Injectable()
export class VoicemailLibraryService {
  constructor(
    @Inject(VoicemailLibraryRepository) private readonly voicemails: VoicemailLibraryRepository,
    @Inject(AuditLogRepository) private readonly audit: AuditLogRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  list(caller: AuthContext, query: VoicemailQuery): Promise<VoicemailPage> {
    return this.voicemails.list(callScope(caller), query);
  }

  async get(caller: AuthContext, id: string): Promise<Voicemail> {
    const voicemail = await this.voicemails.find(callScope(caller), id);
    if (voicemail === null) throw new NotFoundException(`No voicemail ${id}`);
    return voicemail;
  }

  /** The audio (or the range asked for), audited as `voicemail.accessed`; 410 once the retention period deleted it. */
  async audio(caller: AuthContext, id: string, range: string | undefined): Promise<AudioReply> {
    const voicemail = await this.get(caller, id);
    const audio = await this.voicemails.audio(callScope(caller), id);
    if (audio === null) throw new GoneException(`The audio of voicemail ${id} was deleted after the retention period`);
    const reply = await audioReply(audio, range);
    if (reply.status !== 416) {
      await this.audit.record(caller, {
        action: 'voicemail.accessed',
        targetType: 'voicemail',
        targetId: id,
        details: { callId: voicemail.callId, mailboxId: voicemail.mailboxId, range: reply.range },
      });
    }
    return reply;
  }

  async markRead(caller: AuthContext, id: string): Promise<Voicemail> {
    const voicemail = await this.voicemails.markRead(callScope(caller), id, new Date());
    if (voicemail === null) throw new NotFoundException(`No voicemail ${id}`);
    return voicemail;
  }

  async remove(caller: AuthContext, id: string): Promise<void> {
    const voicemail = await this.get(caller, id);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.voicemails.delete(callScope(caller), id, manager))) throw new NotFoundException(`No voicemail ${id}`);
      await this.audit.record(
        caller,
        { action: 'voicemail.deleted', targetType: 'voicemail', targetId: id, details: { callId: voicemail.callId, mailboxId: voicemail.mailboxId } },
        manager,
      );
    });
  }
}
