import type { OpeningInterval } from '@callflow/schemas';
import { TextInput } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { parseDay } from './weekly-hours';

const textOf = (intervals: readonly OpeningInterval[]) => intervals.map((interval) => `${interval.open}-${interval.close}`).join(', ');

/** One day's hours typed exactly ("08:45-12:00, 13:00-17:30"), taken when the input is left. */
export function DayHoursInput({ label, value, onChange, error }: { label: string; value: OpeningInterval[]; onChange(intervals: OpeningInterval[]): void; error?: ReactNode }) {
  const [text, setText] = useState(textOf(value));
  const [unreadable, setUnreadable] = useState(false);
  // The grid changes the same hours: show them unless the person is typing.
  useEffect(() => {
    setText(textOf(value));
    setUnreadable(false);
  }, [value]);

  return (
    <TextInput
      size="xs"
      label={label}
      placeholder="Closed"
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={() => {
        const intervals = parseDay(text);
        setUnreadable(intervals === null);
        if (intervals !== null) onChange(intervals);
      }}
      error={unreadable ? 'write it as 09:00-12:00, 13:00-17:00' : error}
    />
  );
}
