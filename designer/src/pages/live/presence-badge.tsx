import type { Presence } from '@callflow/schemas';
import { Badge } from '@mantine/core';

export const PRESENCE_LOOKS: Record<Presence, { color: string; label: string }> = {
  available: { color: 'teal', label: 'Available' },
  busy: { color: 'orange', label: 'On a call' },
  away: { color: 'yellow', label: 'Away' },
  offline: { color: 'gray', label: 'Offline' },
};

/** An agent's presence; do-not-disturb (until a future instant) wins over it. */
export function PresenceBadge({ presence, doNotDisturbUntil }: { presence: Presence; doNotDisturbUntil: string | null }) {
  if (doNotDisturbUntil !== null && Date.parse(doNotDisturbUntil) > Date.now()) {
    return (
      <Badge color="red" variant="light" data-presence="do-not-disturb">
        Do not disturb
      </Badge>
    );
  }
  const look = PRESENCE_LOOKS[presence];
  return (
    <Badge color={look.color} variant="light" data-presence={presence}>
      {look.label}
    </Badge>
  );
}
