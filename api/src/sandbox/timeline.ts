import type { DeliveryAttempt } from './webhook-dispatcher';
import type { TelnyxErrorItem } from './telnyx-errors';

/** A command the sandbox received for a leg, and what it answered. */
export interface CommandEntry {
  seq: number;
  /** Epoch ms. */
  at: number;
  callControlId: string;
  kind: 'command';
  /** `dial`, `answer`, `speak`, `client_state_update`… */
  action: string;
  commandId: string | null;
  body: unknown;
  status: number;
  /** `duplicate`: a repeated command_id within 60 s, answered 200 and ignored. */
  result: 'ok' | 'duplicate' | 'error';
  error: TelnyxErrorItem | null;
}

/** A webhook the sandbox emitted for a leg, with every delivery attempt so far. */
export interface WebhookEntry {
  seq: number;
  at: number;
  /** null for messaging events. */
  callControlId: string | null;
  kind: 'webhook';
  type: string;
  eventId: string;
  occurredAt: string;
  deliveries: DeliveryAttempt[];
  /** Copies still to be delivered or retried; 0 once every copy was delivered or given up. */
  copiesPending: number;
}

/** What the simulated party on the far end did (pressed digits, spoke, hung up, answered…). */
export interface PartyEntry {
  seq: number;
  at: number;
  callControlId: string;
  kind: 'party';
  action: 'press' | 'say' | 'hangup' | 'answer' | 'decline' | 'busy';
  detail: string | null;
}

export type TimelineEntry = CommandEntry | WebhookEntry | PartyEntry;

/** How `callTimeline` presents a webhook: the attempts made so far and whether one succeeded. */
export type WebhookEntryView = WebhookEntry & { attempts: number; delivered: boolean };
export type TimelineEntryView = CommandEntry | WebhookEntryView | PartyEntry;

export function viewEntry(entry: TimelineEntry): TimelineEntryView {
  if (entry.kind !== 'webhook') return structuredClone(entry);
  return {
    ...structuredClone(entry),
    attempts: entry.deliveries.length,
    delivered: entry.deliveries.some((delivery) => delivery.status !== null && delivery.status >= 200 && delivery.status < 300),
  };
}

/** Global sequence numbers order entries that share a millisecond. */
export class TimelineSequence {
  private next = 1;

  take(): number {
    return this.next++;
  }
}
