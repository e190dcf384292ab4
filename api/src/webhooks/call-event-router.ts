import { Inject, Injectable, Logger } from '@nestjs/common';
import { decodeClientState, type TelnyxCallEvent, type TelnyxCallInitiatedEvent } from '@callflow/schemas';
import { callWorkflowId, type CallWorkflowInput, type CarrierEvent, type LegClientState } from '@callflow/workflows';
import { CallsRepository } from '../calls/calls.repository';
import { RecordingCollector } from '../calls/recording-collector';
import { FlowsRepository } from '../flows/flows.repository';
import { annotate } from '../observability/telemetry-context';
import { CallWorkflowsGateway } from '../temporal/call-workflows.gateway';
import { CallAdmission } from './call-admission';
import { WebhookMetrics } from './webhook-metrics';

/**
 * What became of one event. `unroutable`: an inbound call to a number without a runnable flow (the carrier times it
 * out); `over-capacity`: an inbound call over MAX_ACTIVE_CALLS or MAX_CALLS_PER_SECOND, rejected busy.
 */
export type RouteOutcome = 'started' | 'signalled' | 'call-over' | 'unroutable' | 'over-capacity' | 'ignored';

const OVER_CAPACITY = {
  'over-active-calls': { counter: 'overCapacity', reason: 'MAX_ACTIVE_CALLS calls are in progress' },
  'over-call-rate': { counter: 'overCallRate', reason: 'calls are starting faster than MAX_CALLS_PER_SECOND' },
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(payload: Record<string, unknown>, field: string): string | null {
  const value = payload[field];
  return typeof value === 'string' ? value : null;
}

/** Our legs' `client_state` (base64 JSON `{ w, l, r? }`), or null for anything else (unset, another app's, plain text). */
export function legClientState(raw: unknown): LegClientState | null {
  const decoded = decodeClientState(typeof raw === 'string' ? raw : null);
  if (decoded === null) return null;
  try {
    const json: unknown = JSON.parse(decoded);
    if (!isRecord(json) || typeof json.w !== 'string' || typeof json.l !== 'string') return null;
    return json.r === 'call' || json.r === 'voicemail' ? { w: json.w, l: json.l, r: json.r } : { w: json.w, l: json.l };
  } catch {
    return null;
  }
}

export function toCarrierEvent(event: TelnyxCallEvent): CarrierEvent {
  const payload: Record<string, unknown> = isRecord(event.payload) ? event.payload : {};
  return {
    id: event.id,
    type: event.event_type,
    occurredAt: event.occurred_at,
    callControlId: text(payload, 'call_control_id'),
    callLegId: text(payload, 'call_leg_id'),
    callSessionId: text(payload, 'call_session_id'),
    clientState: legClientState(payload.client_state),
    payload,
  };
}

const UNROUTABLE = {
  'unknown-number': 'is not one of our numbers',
  'no-flow': 'has no flow assigned',
  'no-active-version': 'has a flow with no published version',
} as const;

function isInboundCallInitiated(event: TelnyxCallEvent): event is TelnyxCallInitiatedEvent {
  return event.event_type === 'call.initiated' && isRecord(event.payload) && event.payload.direction === 'incoming';
}

/** Sends each verified, deduplicated carrier event to its call's workflow (starting it for a new inbound call). */
@Injectable()
export class CallEventRouter {
  private readonly logger = new Logger('TelnyxWebhook');

  constructor(
    @Inject(FlowsRepository) private readonly flows: FlowsRepository,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
    @Inject(CallWorkflowsGateway) private readonly workflows: CallWorkflowsGateway,
    @Inject(WebhookMetrics) private readonly metrics: WebhookMetrics,
    @Inject(RecordingCollector) private readonly recordings: RecordingCollector,
    @Inject(CallAdmission) private readonly admission: CallAdmission,
  ) {}

  async route(event: TelnyxCallEvent): Promise<RouteOutcome> {
    const carrierEvent = toCarrierEvent(event);
    // Also after the call's workflow is over: a recording often ends with the call.
    this.recordings.keepInBackground(carrierEvent);
    // A leg our workflow created names the workflow in its client_state; that wins over the session.
    if (carrierEvent.clientState !== null) return this.signal(carrierEvent.clientState.w, carrierEvent);
    if (isInboundCallInitiated(event)) return this.startCall(event, carrierEvent);
    if (carrierEvent.callSessionId !== null) return this.signal(callWorkflowId(carrierEvent.callSessionId), carrierEvent);
    this.logger.log(`Ignored ${event.event_type} ${event.id}: it belongs to no call`);
    return 'ignored';
  }

  private async startCall(event: TelnyxCallInitiatedEvent, carrierEvent: CarrierEvent): Promise<RouteOutcome> {
    const { payload } = event;
    const route = await this.flows.resolveNumber(payload.to);
    if (route.status !== 'ok') {
      this.logger.warn(`Inbound call ${payload.call_session_id} to ${payload.to} ${UNROUTABLE[route.status]}: not answered`);
      this.metrics.increment('unroutable');
      return 'unroutable';
    }
    annotate({ tenantId: route.tenantId });
    const verdict = await this.admission.admit(payload.call_session_id);
    if (verdict !== 'admitted') {
      const { counter, reason } = OVER_CAPACITY[verdict];
      this.logger.warn(`Inbound call ${payload.call_session_id} to ${payload.to} rejected busy: ${reason}`);
      this.admission.rejectBusyInBackground(payload.call_control_id, payload.call_session_id);
      this.metrics.increment(counter);
      return 'over-capacity';
    }
    const workflowId = callWorkflowId(payload.call_session_id);
    annotate({ workflowId });
    const startedAt = Date.parse(payload.start_time ?? event.occurred_at);
    const from = payload.from ?? '';
    const call = await this.calls.openCall({
      tenantId: route.tenantId,
      callSessionId: payload.call_session_id,
      workflowId,
      flowId: route.flowId,
      flowVersionId: route.flowVersionId,
      from,
      to: payload.to,
      startedAt: new Date(Number.isNaN(startedAt) ? Date.now() : startedAt),
    });
    annotate({ callId: call.id });
    if (call.endedAt !== null) return this.callOver(carrierEvent, workflowId);
    const input: CallWorkflowInput = {
      tenantId: call.tenantId,
      callId: call.id,
      callSessionId: call.callSessionId,
      callControlId: payload.call_control_id,
      from,
      to: payload.to,
      startedAt: call.startedAt.getTime(),
      flowId: route.flowId,
      flowVersionId: route.flowVersionId,
      flowVersionNumber: route.versionNumber,
      program: { ...route.program, subflows: route.subflows },
    };
    if ((await this.workflows.startCall(input, carrierEvent)) === 'call-over') return this.callOver(carrierEvent, workflowId);
    this.metrics.increment('workflowsStarted');
    return 'started';
  }

  private async signal(workflowId: string, carrierEvent: CarrierEvent): Promise<RouteOutcome> {
    annotate({ workflowId });
    if ((await this.workflows.signal(workflowId, carrierEvent)) === 'call-over') return this.callOver(carrierEvent, workflowId);
    this.metrics.increment('workflowsSignalled');
    return 'signalled';
  }

  private callOver(carrierEvent: CarrierEvent, workflowId: string): RouteOutcome {
    this.logger.log(`Call over: ${carrierEvent.type} ${carrierEvent.id} for ${workflowId} acknowledged, no workflow started`);
    this.metrics.increment('callOver');
    return 'call-over';
  }
}
