import { randomUUID } from 'node:crypto';
import type { Leg } from './leg';
import type { TimelineSequence, WebhookEntry } from './timeline';
import type { WebhookDispatcher } from './webhook-dispatcher';

/** Events whose payload names the parties (`from`/`to`); speak, playback and recording events don't (reference §2.2). */
const EVENTS_WITH_PARTIES = new Set([
  'call.initiated',
  'call.answered',
  'call.hangup',
  'call.dtmf.received',
  'call.gather.ended',
  'call.bridged',
]);

export interface EventPublisherOptions {
  dispatcher: WebhookDispatcher;
  sequence: TimelineSequence;
  now: () => number;
  /** Next `occurred_at` (microseconds, strictly increasing). */
  occurredAt: () => string;
  webhookUrl: () => string;
}

export interface PublishRequest {
  lane: string;
  url: string;
  type: string;
  payload: Record<string, unknown>;
  callControlId: string | null;
}

/** Builds v2 webhook envelopes (payload keys sorted, as in captures) and hands them to the dispatcher. */
export class EventPublisher {
  constructor(private readonly options: EventPublisherOptions) {}

  get webhookUrl(): string {
    return this.options.webhookUrl();
  }

  publish(request: PublishRequest): WebhookEntry {
    const { dispatcher, sequence, now, occurredAt } = this.options;
    const data = {
      event_type: request.type,
      id: randomUUID(),
      occurred_at: occurredAt(),
      payload: sortKeys(request.payload),
      record_type: 'event' as const,
    };
    const entry: WebhookEntry = {
      seq: sequence.take(),
      at: now(),
      callControlId: request.callControlId,
      kind: 'webhook',
      type: data.event_type,
      eventId: data.id,
      occurredAt: data.occurred_at,
      deliveries: [],
      copiesPending: 1,
    };
    dispatcher.dispatch({
      lane: request.lane,
      url: request.url,
      data,
      onAttempt: (attempt) => entry.deliveries.push(attempt),
      onCopies: (copies) => {
        entry.copiesPending = copies;
      },
      onCopySettled: () => {
        entry.copiesPending -= 1;
      },
    });
    return entry;
  }

  /** An event of a call leg: the common fields, `from`/`to` where Telnyx sends them, the leg's client_state. */
  publishForLeg(leg: Leg, type: string, payload: Record<string, unknown>): WebhookEntry {
    const common: Record<string, unknown> = {
      call_control_id: leg.callControlId,
      call_leg_id: leg.callLegId,
      call_session_id: leg.callSessionId,
      calling_party_type: leg.callingPartyType,
      client_state: leg.clientState,
      connection_id: leg.connectionId,
    };
    if (EVENTS_WITH_PARTIES.has(type)) {
      common['from'] = leg.from;
      common['to'] = leg.to;
    }
    const entry = this.publish({
      lane: leg.callSessionId,
      url: leg.webhookUrl ?? this.webhookUrl,
      type,
      payload: { ...common, ...payload },
      callControlId: leg.callControlId,
    });
    leg.timeline.push(entry);
    return entry;
  }
}

function sortKeys(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
