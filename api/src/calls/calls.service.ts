import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CallDetail, CallPage, CallSearchQuery } from '@callflow/schemas';
import type { AuthContext } from '../auth/auth-context';
import { VoicemailLibraryRepository } from '../voicemails/voicemail-library.repository';
import { callScope } from './call-scope';
import { CallSearchRepository, type FoundCall } from './call-search.repository';
import { callSteps } from './call-steps';
import { CallsRepository } from './calls.repository';
import { RecordingsRepository } from './recordings.repository';

@Injectable()
export class CallsService {
  constructor(
    @Inject(CallSearchRepository) private readonly search: CallSearchRepository,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
    @Inject(RecordingsRepository) private readonly recordings: RecordingsRepository,
    @Inject(VoicemailLibraryRepository) private readonly voicemails: VoicemailLibraryRepository,
  ) {}

  list(caller: AuthContext, query: CallSearchQuery): Promise<CallPage> {
    return this.search.search(callScope(caller), query);
  }

  /** The call as its step record tells it (live while the call runs). */
  async detail(caller: AuthContext, id: string): Promise<CallDetail> {
    const { workflowId: _workflowId, ...call } = await this.find(caller, id);
    const [events, recordings, voicemails] = await Promise.all([
      this.calls.events(id),
      this.recordings.forCall(caller.tenantId, id),
      this.voicemails.forCall(caller.tenantId, id),
    ]);
    const steps = callSteps(events, new Date(call.startedAt), voicemails.map((voicemail) => voicemail.id));
    return { ...call, steps, recordings, voicemails };
  }

  /** 404 for a call of another tenant, one that does not exist, and for an agent one it was never offered. */
  async find(caller: AuthContext, id: string): Promise<FoundCall> {
    const call = await this.search.find(callScope(caller), id);
    if (call === null) throw new NotFoundException(`No call ${id}`);
    return call;
  }
}
