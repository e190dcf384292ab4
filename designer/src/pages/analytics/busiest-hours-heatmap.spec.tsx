import type { BusiestHour } from '@callflow/schemas';
import { screen } from '@testing-library/react';
import { renderWithTheme } from '../../../test/render';
import { heatmapCells } from './busiest-hours';
import { BusiestHoursHeatmap } from './busiest-hours-heatmap';

/** All 168 hours as the API sends them, quiet except a few. */
function week(busy: Record<string, number>): BusiestHour[] {
  return Array.from({ length: 168 }, (_, index) => {
    const dayOfWeek = Math.floor(index / 24) + 1;
    const hour = index % 24;
    return { dayOfWeek, hour, calls: busy[`${dayOfWeek}-${hour}`] ?? 0 };
  });
}

describe('busiest hours heatmap', () => {
  it('lays the week out as days × hours, quiet hours empty', () => {
    const cells = heatmapCells(week({ '2-14': 12, '7-0': 1 }));
    expect(cells).toHaveLength(168);
    expect(cells[0]).toEqual({ x: '00', y: 'Mon', value: null });
    expect(cells.find((cell) => cell.y === 'Tue' && cell.x === '14')?.value).toBe(12);
    expect(cells.at(-24)).toEqual({ x: '00', y: 'Sun', value: 1 });
  });

  it('draws one cell per hour, named with its calls, the busiest darkest', () => {
    renderWithTheme(<BusiestHoursHeatmap rows={week({ '2-14': 12, '2-15': 3, '5-9': 1 })} />);
    const cells = screen.getAllByRole('img', { name: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) / });
    expect(cells).toHaveLength(168);
    const busiest = screen.getByRole('img', { name: 'Tue 14:00–15:00 · 12 calls' });
    const quieter = screen.getByRole('img', { name: 'Tue 15:00–16:00 · 3 calls' });
    const single = screen.getByRole('img', { name: 'Fri 09:00–10:00 · 1 call' });
    const empty = screen.getByRole('img', { name: 'Wed 03:00–04:00 · 0 calls' });
    const fills = new Set([busiest, quieter, single, empty].map((cell) => cell.getAttribute('fill')));
    expect(fills.size).toBe(4);
    expect(busiest.getAttribute('fill')).toBe('var(--mantine-color-indigo-7)');
    expect(single.getAttribute('fill')).toBe('var(--mantine-color-indigo-1)');
    expect(empty.getAttribute('fill')).toBe('var(--mantine-color-gray-1)');
  });
});
