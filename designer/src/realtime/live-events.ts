import {
  AgentPresenceEventSchema,
  AgentRingCancelledSchema,
  AgentRingSchema,
  CallUpdatedSchema,
  LiveCallStepSchema,
  QueueUpdatedSchema,
  VoicemailCreatedSchema,
  type ServerToClientEvents,
} from '@callflow/schemas';
import type { z } from 'zod';

export type LiveEventName = keyof ServerToClientEvents;
export type LivePayload<E extends LiveEventName> = Parameters<ServerToClientEvents[E]>[0];

/** The schema each server → client event is parsed with before anything in the app sees it. */
export const LIVE_EVENT_SCHEMAS = {
  'call.updated.v1': CallUpdatedSchema,
  'call.step.v1': LiveCallStepSchema,
  'queue.updated.v1': QueueUpdatedSchema,
  'agent.ring.v1': AgentRingSchema,
  'agent.ring.cancelled.v1': AgentRingCancelledSchema,
  'agent.presence.v1': AgentPresenceEventSchema,
  'voicemail.created.v1': VoicemailCreatedSchema,
} satisfies { [E in LiveEventName]: z.ZodType<LivePayload<E>> };

export const LIVE_EVENT_NAMES = Object.keys(LIVE_EVENT_SCHEMAS) as LiveEventName[];

/** A payload as the app may use it, or null when it does not match its event's schema (a server speaking another version). */
export function parseLiveEvent<E extends LiveEventName>(event: E, payload: unknown): LivePayload<E> | null {
  const parsed = (LIVE_EVENT_SCHEMAS[event] as z.ZodType<LivePayload<E>>).safeParse(payload);
  return parsed.success ? parsed.data : null;
}
