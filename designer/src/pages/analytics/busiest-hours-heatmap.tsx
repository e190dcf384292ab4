import type { BusiestHour } from '@callflow/schemas';
import { MatrixChart } from '@mantine/charts';
import { describeCell, DAY_LABELS, heatmapCells, HOUR_LABELS } from './busiest-hours';

const COLORS = ['indigo.1', 'indigo.3', 'indigo.5', 'indigo.7'];

/** Calls per hour of the week: days down, hours across, darker for busier. */
export function BusiestHoursHeatmap({ rows }: { rows: readonly BusiestHour[] }) {
  const cells = heatmapCells(rows);
  const busiest = Math.max(0, ...cells.map((cell) => cell.value ?? 0));
  return (
    <MatrixChart
      data={cells}
      xLabels={HOUR_LABELS}
      yLabels={DAY_LABELS}
      withXLabels
      withYLabels
      xLabelsRotation={0}
      xLabelsHeight={22}
      yLabelsWidth={40}
      cellSize={34}
      gap={2}
      colors={COLORS}
      domain={[1, Math.max(1, busiest)]}
      emptyColor="gray.1"
      withLegend
      legendLabels={['Quiet', 'Busy']}
      withTooltip
      getTooltipLabel={describeCell}
      getCellProps={(cell) => ({ 'aria-label': describeCell(cell), role: 'img' }) as React.ComponentProps<'rect'>}
      aria-label="Busiest hours of the week"
    />
  );
}
