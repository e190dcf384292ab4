import type { ScheduleStatusView } from '@callflow/schemas';
import { Badge, Text } from '@mantine/core';

const REASONS: Record<ScheduleStatusView['reason'], string> = {
  'weekly-hours': 'Open: weekly hours',
  'holiday-hours': 'Open: holiday hours',
  emergency: 'Emergency override',
  'outside-hours': 'Closed: outside hours',
  holiday: 'Closed: holiday',
};

/** Whether the schedule is open now, and why, as a Business hours node would branch. */
export function ScheduleStatus({ status }: { status: ScheduleStatusView }) {
  const color = status.state === 'open' ? 'teal' : status.state === 'holiday' ? 'orange' : 'gray';
  const label = status.reason === 'emergency' ? `${status.state === 'open' ? 'Open' : 'Closed'}: emergency` : status.holiday ? `Holiday: ${status.holiday.name}` : REASONS[status.reason];
  const next = status.state !== 'open' && status.nextOpeningAt ? `Opens ${new Date(status.nextOpeningAt).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' })}` : null;
  return (
    <div>
      <Badge variant="light" color={color} tt="none">
        {label}
      </Badge>
      {(next ?? status.message) && (
        <Text size="xs" c="dimmed" mt={2}>
          {[status.message, next].filter(Boolean).join(' · ')}
        </Text>
      )}
    </div>
  );
}
