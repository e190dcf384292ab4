import type { WeeklyHours } from '@callflow/schemas';
import { act, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { renderWithTheme } from '../../../../test/render';
import { WeeklyGrid } from './weekly-grid';
import { EMPTY_WEEK } from './weekly-hours';

/** The grid with its value kept in state, as the schedule form keeps it; every change is recorded. */
function renderGrid(initial: WeeklyHours) {
  const changes: WeeklyHours[] = [];
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <WeeklyGrid
        value={value}
        onChange={(next) => {
          changes.push(next);
          setValue(next);
        }}
      />
    );
  }
  renderWithTheme(<Harness />);
  return changes;
}

const cell = (day: string, from: string) => screen.getByRole('gridcell', { name: new RegExp(`^${day} ${from}–`) });

describe('weekly grid editor', () => {
  it('opens the rectangle dragged over, on release', () => {
    const changes = renderGrid(EMPTY_WEEK);
    fireEvent.mouseDown(cell('Monday', '09:00'));
    fireEvent.mouseEnter(cell('Tuesday', '10:00'));
    fireEvent.mouseEnter(cell('Wednesday', '11:30'));
    expect(cell('Tuesday', '10:30')).toHaveAttribute('data-preview', 'open');
    expect(changes).toHaveLength(0);
    fireEvent.mouseUp(window);

    expect(changes).toHaveLength(1);
    expect(changes[0]).toEqual({ ...EMPTY_WEEK, monday: [{ open: '09:00', close: '12:00' }], tuesday: [{ open: '09:00', close: '12:00' }], wednesday: [{ open: '09:00', close: '12:00' }] });
    expect(cell('Wednesday', '11:30')).toHaveAttribute('data-state', 'open');
    expect(cell('Wednesday', '12:00')).toHaveAttribute('data-state', 'closed');
    expect(cell('Tuesday', '10:30')).not.toHaveAttribute('data-preview');
  });

  it('closes when the drag starts on an open cell', () => {
    const changes = renderGrid({ ...EMPTY_WEEK, friday: [{ open: '09:00', close: '17:00' }] });
    fireEvent.mouseDown(cell('Friday', '12:00'));
    fireEvent.mouseEnter(cell('Friday', '12:30'));
    fireEvent.mouseUp(window);
    expect(changes.at(-1)?.friday).toEqual([
      { open: '09:00', close: '12:00' },
      { open: '13:00', close: '17:00' },
    ]);
  });

  it('shows hours off the grid as partly open cells', () => {
    renderGrid({ ...EMPTY_WEEK, sunday: [{ open: '10:15', close: '11:00' }] });
    expect(cell('Sunday', '10:00')).toHaveAttribute('data-state', 'partial');
    expect(cell('Sunday', '10:30')).toHaveAttribute('data-state', 'open');
  });

  it('moves with the arrow keys and toggles the focused cell with Space', () => {
    const changes = renderGrid(EMPTY_WEEK);
    const start = cell('Monday', '09:00');
    expect(start).toHaveAttribute('tabindex', '0');
    act(() => start.focus());
    fireEvent.keyDown(start, { key: 'ArrowDown' });
    fireEvent.keyDown(start, { key: 'ArrowRight' });
    expect(cell('Tuesday', '09:30')).toHaveFocus();
    fireEvent.keyDown(cell('Tuesday', '09:30'), { key: ' ' });
    expect(changes.at(-1)?.tuesday).toEqual([{ open: '09:30', close: '10:00' }]);
    fireEvent.keyDown(cell('Tuesday', '09:30'), { key: 'Enter' });
    expect(changes.at(-1)?.tuesday).toEqual([]);
  });

  it('changes nothing without onChange (read only)', () => {
    renderWithTheme(<WeeklyGrid value={EMPTY_WEEK} />);
    fireEvent.mouseDown(cell('Monday', '09:00'));
    fireEvent.mouseUp(window);
    expect(cell('Monday', '09:00')).toHaveAttribute('data-state', 'closed');
    expect(screen.getByRole('grid')).toHaveAttribute('aria-readonly', 'true');
  });
});
