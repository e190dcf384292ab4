import { randomUUID } from 'node:crypto';
import { encodeClientState } from '@callflow/schemas';
import type { LegClientState } from '@callflow/workflows';

/** A call as the carrier identifies it: one session, one inbound leg. */
export interface TestCall {
  callSessionId: string;
  callControlId: string;
  callLegId: string;
  from: string;
  to: string;
}

export function newTestCall(to: string, from = '+15125550143'): TestCall {
  const legId = randomUUID();
  return { callSessionId: randomUUID(), callControlId: `v3:${legId.replace(/-/g, '')}`, callLegId: legId, from, to };
}

export interface WebhookBody {
  data: { event_type: string; id: string; occurred_at: string; payload: Record<string, unknown>; record_type: 'event' };
  meta: { attempt: number; delivered_to: string };
}

function envelope(eventType: string, payload: Record<string, unknown>, id = randomUUID()): WebhookBody {
  return {
    data: { event_type: eventType, id, occurred_at: new Date().toISOString().replace('Z', '123Z'), payload, record_type: 'event' },
    meta: { attempt: 1, delivered_to: 'http://127.0.0.1/api/webhooks/telnyx' },
  };
}

function legFields(call: TestCall, clientState: string | null = null): Record<string, unknown> {
  return {
    call_control_id: call.callControlId,
    call_leg_id: call.callLegId,
    call_session_id: call.callSessionId,
    connection_id: '2849166432170853421',
    client_state: clientState,
    calling_party_type: 'pstn',
  };
}

export function callInitiated(call: TestCall): WebhookBody {
  return envelope('call.initiated', {
    ...legFields(call),
    direction: 'incoming',
    state: 'parked',
    from: call.from,
    to: call.to,
    caller_id_name: call.from,
    start_time: new Date().toISOString(),
  });
}

export function dtmfReceived(call: TestCall, digit: string): WebhookBody {
  return envelope('call.dtmf.received', { ...legFields(call), digit, from: call.from, to: call.to });
}

export function callHangup(call: TestCall, clientState: string | null = null): WebhookBody {
  return envelope('call.hangup', {
    ...legFields(call, clientState),
    from: call.from,
    to: call.to,
    hangup_cause: 'normal_clearing',
    hangup_source: 'caller',
    sip_hangup_cause: '200',
  });
}

/** An agent leg our workflow dialed: its own session, our client_state naming the workflow. */
export function agentLegAnswered(workflowId: string, legId: string): WebhookBody {
  const agentLeg = newTestCall('sip:maria@sip.telnyx.com', '+14155550199');
  const state: LegClientState = { w: workflowId, l: legId };
  return envelope('call.answered', { ...legFields(agentLeg, encodeClientState(JSON.stringify(state))), from: agentLeg.from, to: agentLeg.to });
}
