import type { CallResult, CallSummary } from '@callflow/schemas';
import { Badge } from '@mantine/core';

const COLORS: Record<CallResult, string> = {
  answered: 'teal',
  completed: 'blue',
  voicemail: 'violet',
  callback: 'cyan',
  transferred: 'indigo',
  abandoned: 'orange',
  failed: 'red',
};

/** How a call ended, or that it still runs. */
export function OutcomeBadge({ call }: { call: Pick<CallSummary, 'status' | 'outcome'> }) {
  if (call.status === 'running' || call.outcome === null) {
    return (
      <Badge color="green" variant="dot">
        In progress
      </Badge>
    );
  }
  return (
    <Badge color={COLORS[call.outcome.result]} variant="light" title={call.outcome.reason}>
      {call.outcome.result}
    </Badge>
  );
}
