import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { TraceEvent } from '@callflow/engine';
import type { CallReplay } from '@callflow/schemas';
import { isGrpcServiceError } from '@temporalio/client';
import { historyFromJSON, type History } from '@temporalio/common/lib/proto-utils';
import type { AuthContext } from '../../auth/auth-context';
import { TemporalClientService } from '../../temporal/temporal-client.service';
import { VoicemailLibraryRepository } from '../../voicemails/voicemail-library.repository';
import { CallSearchRepository, type FoundCall } from '../call-search.repository';
import { callSteps } from '../call-steps';
import { CallsRepository } from '../calls.repository';
import { CallsService } from '../calls.service';
import { RecordingsRepository } from '../recordings.repository';
import { CallWorkflowReplayer } from './call-workflow-replayer';

/** A long call's history is a few thousand events: more than the 3 s the webhook path allows Temporal. */
const HISTORY_FETCH_TIMEOUT_MS = 15_000;
const GRPC_NOT_FOUND = 5;

type ReplaySource = CallReplay['source'];

/**
 * A past call step by step on the exact flow version it ran: its Temporal history replayed through the call
 * workflow, from Temporal while it keeps the history, then from the copy kept in PostgreSQL (call_histories).
 * A running call, or a history the current workflow code cannot replay, is told from the step record the
 * workflow wrote (call_events).
 */
@Injectable()
export class CallReplayService {
  private readonly logger = new Logger(CallReplayService.name);

  constructor(
    @Inject(CallsService) private readonly callsService: CallsService,
    @Inject(CallSearchRepository) private readonly search: CallSearchRepository,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
    @Inject(RecordingsRepository) private readonly recordings: RecordingsRepository,
    @Inject(VoicemailLibraryRepository) private readonly voicemails: VoicemailLibraryRepository,
    @Inject(TemporalClientService) private readonly temporal: TemporalClientService,
    @Inject(CallWorkflowReplayer) private readonly replayer: CallWorkflowReplayer,
  ) {}

  async replay(caller: AuthContext, id: string): Promise<CallReplay> {
    const found = await this.callsService.find(caller, id);
    const version = await this.search.version(caller.tenantId, found.flowVersionId);
    if (version === null) throw new NotFoundException(`The flow version call ${id} ran on no longer exists`);
    const [{ source, events }, recordings, voicemails] = await Promise.all([
      this.stepRecord(found),
      this.recordings.forCall(caller.tenantId, id),
      this.voicemails.forCall(caller.tenantId, id),
    ]);
    const { workflowId: _workflowId, ...call } = found;
    return {
      call,
      flow: { id: version.flowId, name: version.flowName, versionId: version.versionId, versionNumber: version.versionNumber, document: version.document },
      source,
      steps: callSteps(events, new Date(call.startedAt), voicemails.map((voicemail) => voicemail.id)),
      recordings,
      voicemails,
    };
  }

  private async stepRecord(call: FoundCall): Promise<{ source: ReplaySource; events: TraceEvent[] }> {
    if (call.status === 'ended') {
      const live = await this.temporalHistory(call);
      const fromTemporal = live && (await this.replayed(live, call, 'temporal'));
      if (fromTemporal) return { source: 'temporal', events: fromTemporal };
      const archived = await this.calls.history(call.id);
      const fromArchive = archived !== null && (await this.replayed(historyFromJSON(archived), call, 'archive'));
      if (fromArchive) return { source: 'archive', events: fromArchive };
    }
    return { source: 'call-log', events: await this.calls.events(call.id) };
  }

  /** Null once Temporal no longer has it (retention, deletion) or cannot be reached. */
  private async temporalHistory(call: FoundCall): Promise<History | null> {
    try {
      const handle = this.temporal.client.workflow.getHandle(call.workflowId);
      return await this.temporal.connection.withDeadline(Date.now() + HISTORY_FETCH_TIMEOUT_MS, () => handle.fetchHistory());
    } catch (error) {
      if (!(isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND)) {
        this.logger.warn(`History of call ${call.id} not fetched from Temporal: ${String(error)}`);
      }
      return null;
    }
  }

  private async replayed(history: History, call: FoundCall, source: ReplaySource): Promise<TraceEvent[] | null> {
    try {
      return await this.replayer.trace(history, call.workflowId);
    } catch (error) {
      this.logger.warn(`History of call ${call.id} (${source}) does not replay on the current workflow code: ${String(error)}`);
      return null;
    }
  }
}
