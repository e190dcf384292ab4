import { Badge, Tooltip } from '@mantine/core';
import type { LiveStatus } from './live-connection';
import { useLiveState } from './use-live';

const LOOKS: Record<LiveStatus, { color: string; label: string }> = {
  idle: { color: 'gray', label: 'Offline' },
  connecting: { color: 'gray', label: 'Connecting…' },
  live: { color: 'teal', label: 'Live' },
  reconnecting: { color: 'orange', label: 'Reconnecting…' },
  'signed-out': { color: 'red', label: 'Signed out' },
};

/** Whether live updates arrive; the reason when they do not. */
export function LiveStatusBadge() {
  const { status, problem } = useLiveState();
  const look = LOOKS[status];
  return (
    <Tooltip label={problem ?? 'Updates arrive as they happen'} withArrow>
      <Badge color={look.color} variant={status === 'live' ? 'dot' : 'light'} data-testid="live-status" data-status={status}>
        {look.label}
      </Badge>
    </Tooltip>
  );
}
