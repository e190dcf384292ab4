import type { QueueUpdated } from '@callflow/schemas';
import type { Waiter } from './live-calls.repository';

/** A queue's waiting list as live events and the live snapshot show it, read at `now` (epoch ms). */
export function queueView(queueId: string, name: string | null, waiting: readonly Waiter[], now: number): QueueUpdated {
  const longest = waiting[0];
  return {
    queueId,
    name,
    waiting: waiting.map((waiter) => ({ callId: waiter.callId, caller: waiter.caller, joinedAt: waiter.joinedAt.toISOString() })),
    longestWaitSecs: longest ? Math.max(0, Math.round((now - longest.joinedAt.getTime()) / 1000)) : null,
    at: new Date(now).toISOString(),
  };
}
