import type { BusiestHour } from '@callflow/schemas';
import type { MatrixChartCell } from '@mantine/charts';

export const DAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const HOUR_LABELS = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));

/** The busiest-hours report as a day × hour grid: one cell per hour of the week; hours without calls are empty (null). */
export function heatmapCells(rows: readonly BusiestHour[]): MatrixChartCell[] {
  const calls = new Map(rows.map((row) => [`${row.dayOfWeek}-${row.hour}`, row.calls]));
  return DAY_LABELS.flatMap((day, index) => HOUR_LABELS.map((hour, hourIndex) => ({ x: hour, y: day, value: calls.get(`${index + 1}-${hourIndex}`) || null })));
}

/** "Tue 14:00–15:00 · 12 calls" */
export function describeCell(cell: MatrixChartCell): string {
  const hour = Number(cell.x);
  const calls = cell.value ?? 0;
  return `${cell.y} ${cell.x}:00–${String(hour + 1).padStart(2, '0')}:00 · ${calls} ${calls === 1 ? 'call' : 'calls'}`;
}
