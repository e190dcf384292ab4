import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { encodeClientState } from '@callflow/schemas';
import { MAX_CALL_DURATION_MS, REJECTED_LEG_ID, callWorkflowId, type LegClientState } from '@callflow/workflows';
import Telnyx from 'telnyx';
import { CallsRepository, type AdmissionLimits, type AdmissionVerdict } from '../calls/calls.repository';
import { APP_CONFIG, type AppConfig } from '../config';

/**
 * Rejections waiting for the carrier's answer, at most: beyond that (the carrier slow, a flood of calls) a call over
 * the ceiling is left unanswered, and the carrier drops it when it times out.
 */
const MAX_PENDING_REJECTIONS = 200;
const REJECT_TIMEOUT_MS = 5000;

/**
 * The ceilings on calls in progress (MAX_ACTIVE_CALLS) and on calls started a second (MAX_CALLS_PER_SECOND). A call over
 * either is rejected busy at a small fraction of what running it costs, so that when more calls arrive than the
 * machines can carry, the calls in progress keep their pace instead of every call waiting behind every other. The rate
 * also bounds a surge while calls in progress are still few: the ceiling on them alone admits calls as fast as they
 * arrive until it is reached.
 */
@Injectable()
export class CallAdmission implements OnApplicationShutdown {
  private readonly logger = new Logger('CallAdmission');
  private readonly limits: AdmissionLimits;
  private readonly telnyx: Telnyx;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
  ) {
    this.limits = { maxActiveCalls: config.maxActiveCalls, maxCallsPerSecond: config.maxCallsPerSecond, maxCallDurationMs: MAX_CALL_DURATION_MS };
    this.telnyx = new Telnyx({ apiKey: config.telnyxApiKey ?? 'sandbox', baseURL: config.telnyxApiBaseUrl, maxRetries: 0, timeout: REJECT_TIMEOUT_MS });
  }

  /** Whether the call of this session may start (always, without ceilings). */
  async admit(callSessionId: string): Promise<AdmissionVerdict> {
    if (this.limits.maxActiveCalls === null && this.limits.maxCallsPerSecond === null) return 'admitted';
    return this.calls.admitCall(callSessionId, this.limits);
  }

  /**
   * Rejects the incoming call busy once the webhook that brought it is answered (the endpoint sends no command). Its
   * client_state marks its hangup as no workflow's, so that turning a call away costs no Temporal call.
   */
  rejectBusyInBackground(callControlId: string, callSessionId: string): void {
    if (this.pending.size >= MAX_PENDING_REJECTIONS) {
      this.logger.warn(`Call ${callControlId} over a ceiling left unanswered: ${MAX_PENDING_REJECTIONS} rejections are still waiting for the carrier`);
      return;
    }
    const job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        const clientState: LegClientState = { w: callWorkflowId(callSessionId), l: REJECTED_LEG_ID };
        await this.telnyx.calls.actions.reject(callControlId, {
          cause: 'USER_BUSY',
          command_id: `reject-${callControlId}`,
          client_state: encodeClientState(JSON.stringify(clientState)),
        });
      })
      .catch((error: unknown) => this.logger.warn(`Call ${callControlId} over a ceiling not rejected: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
