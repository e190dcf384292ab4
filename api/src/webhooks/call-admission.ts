import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { encodeClientState } from '@callflow/schemas';
import { MAX_CALL_DURATION_MS, REJECTED_LEG_ID, callWorkflowId, type LegClientState } from '@callflow/workflows';
import Telnyx from 'telnyx';
import { CallsRepository } from '../calls/calls.repository';
import { APP_CONFIG, type AppConfig } from '../config';

/**
 * Rejections waiting for the carrier's answer, at most: beyond that (the carrier slow, a flood of calls) a call over
 * the ceiling is left unanswered, and the carrier drops it when it times out.
 */
const MAX_PENDING_REJECTIONS = 200;
const REJECT_TIMEOUT_MS = 5000;

/**
 * The ceiling on calls in progress (MAX_ACTIVE_CALLS). A call over it is rejected busy at a small fraction of what
 * running it costs, so that when more calls arrive than the machines can carry, the calls in progress keep their pace
 * instead of every call waiting behind every other.
 */
@Injectable()
export class CallAdmission implements OnApplicationShutdown {
  private readonly logger = new Logger('CallAdmission');
  private readonly maxActiveCalls: number | null;
  private readonly telnyx: Telnyx;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
  ) {
    this.maxActiveCalls = config.maxActiveCalls;
    this.telnyx = new Telnyx({ apiKey: config.telnyxApiKey ?? 'sandbox', baseURL: config.telnyxApiBaseUrl, maxRetries: 0, timeout: REJECT_TIMEOUT_MS });
  }

  /** Whether the call of this session may start (always, without a ceiling). */
  async admits(callSessionId: string): Promise<boolean> {
    if (this.maxActiveCalls === null) return true;
    return this.calls.admitsCall(callSessionId, this.maxActiveCalls, MAX_CALL_DURATION_MS);
  }

  /**
   * Rejects the incoming call busy once the webhook that brought it is answered (the endpoint sends no command). Its
   * client_state marks its hangup as no workflow's, so that turning a call away costs no Temporal call.
   */
  rejectBusyInBackground(callControlId: string, callSessionId: string): void {
    if (this.pending.size >= MAX_PENDING_REJECTIONS) {
      this.logger.warn(`Call ${callControlId} over the ceiling left unanswered: ${MAX_PENDING_REJECTIONS} rejections are still waiting for the carrier`);
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
      .catch((error: unknown) => this.logger.warn(`Call ${callControlId} over the ceiling not rejected: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
