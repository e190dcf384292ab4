import type { WeeklyHours } from '@callflow/schemas';
import { useEffect, useState, type KeyboardEvent } from 'react';
import classes from './weekly-grid.module.css';
import { coverage, DAY_MINUTES, paintWeek, timeOf, WEEKDAYS, type Weekday } from './weekly-hours';

const DAY_LABELS: Record<Weekday, string> = { monday: 'Mon', tuesday: 'Tue', wednesday: 'Wed', thursday: 'Thu', friday: 'Fri', saturday: 'Sat', sunday: 'Sun' };
const DAY_NAMES: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

interface Cell {
  day: number;
  slot: number;
}

interface Stroke {
  anchor: Cell;
  current: Cell;
  /** Open when the stroke started on a cell not fully open, closed otherwise. */
  open: boolean;
}

export interface WeeklyGridProps {
  value: WeeklyHours;
  onChange?(next: WeeklyHours): void;
  /** Minutes per cell. */
  slotMinutes?: number;
}

const inStroke = (stroke: Stroke | null, day: number, slot: number) =>
  stroke !== null &&
  day >= Math.min(stroke.anchor.day, stroke.current.day) &&
  day <= Math.max(stroke.anchor.day, stroke.current.day) &&
  slot >= Math.min(stroke.anchor.slot, stroke.current.slot) &&
  slot <= Math.max(stroke.anchor.slot, stroke.current.slot);

/**
 * Opening hours as a week × time grid: press on a cell and drag over others to open them (or to close them, when the
 * first cell was open); the rectangle between the first and the last cell changes on release. With the keyboard,
 * arrows move and Space or Enter toggles a cell. Hours off the grid (08:45) are kept, and shown as partly open cells.
 */
export function WeeklyGrid({ value, onChange, slotMinutes = 30 }: WeeklyGridProps) {
  const slots = DAY_MINUTES / slotMinutes;
  const [stroke, setStroke] = useState<Stroke | null>(null);
  const [focus, setFocus] = useState<Cell>({ day: 0, slot: (9 * 60) / slotMinutes });
  const editable = onChange !== undefined;

  const apply = (from: Cell, to: Cell, open: boolean) => {
    const days = WEEKDAYS.slice(Math.min(from.day, to.day), Math.max(from.day, to.day) + 1);
    const start = Math.min(from.slot, to.slot) * slotMinutes;
    const end = (Math.max(from.slot, to.slot) + 1) * slotMinutes;
    onChange?.(paintWeek(value, days, start, end, open));
  };

  useEffect(() => {
    if (stroke === null) return;
    const finish = () => {
      apply(stroke.anchor, stroke.current, stroke.open);
      setStroke(null);
    };
    window.addEventListener('mouseup', finish);
    return () => window.removeEventListener('mouseup', finish);
  });

  const stateOf = (day: number, slot: number) => coverage(value[WEEKDAYS[day]!], slot * slotMinutes, (slot + 1) * slotMinutes);

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, Cell> = {
      ArrowLeft: { day: focus.day, slot: Math.max(0, focus.slot - 1) },
      ArrowRight: { day: focus.day, slot: Math.min(slots - 1, focus.slot + 1) },
      ArrowUp: { day: Math.max(0, focus.day - 1), slot: focus.slot },
      ArrowDown: { day: Math.min(6, focus.day + 1), slot: focus.slot },
    };
    const next = moves[event.key];
    if (next) {
      event.preventDefault();
      setFocus(next);
      document.getElementById(cellId(next))?.focus();
    } else if (editable && (event.key === ' ' || event.key === 'Enter')) {
      event.preventDefault();
      apply(focus, focus, stateOf(focus.day, focus.slot) !== 'open');
    }
  };

  const cellId = (cell: Cell) => `weekly-grid-${cell.day}-${cell.slot}`;
  const hourEvery = 120 / slotMinutes;

  return (
    <div
      role="grid"
      aria-label="Weekly opening hours"
      aria-readonly={!editable}
      className={[classes.grid, !editable && classes.readOnly].filter(Boolean).join(' ')}
      style={{ ['--slots' as string]: slots }}
      onKeyDown={onKeyDown}
    >
      <div role="row" style={{ display: 'contents' }}>
        <span style={{ gridRow: 1, gridColumn: 1 }} />
        {Array.from({ length: slots / hourEvery }, (_, index) => (
          <span key={index} className={classes.hour} style={{ gridColumn: `${index * hourEvery + 2} / span ${hourEvery}` }}>
            {timeOf(index * hourEvery * slotMinutes)}
          </span>
        ))}
      </div>
      {WEEKDAYS.map((day, dayIndex) => (
        <div role="row" key={day} style={{ display: 'contents' }}>
          <span role="rowheader" className={classes.day} style={{ gridRow: dayIndex + 2, gridColumn: 1 }} title={DAY_NAMES[day]}>
            {DAY_LABELS[day]}
          </span>
          {Array.from({ length: slots }, (_, slot) => {
            const state = stateOf(dayIndex, slot);
            const preview = inStroke(stroke, dayIndex, slot) ? (stroke!.open ? 'open' : 'closed') : undefined;
            const focused = focus.day === dayIndex && focus.slot === slot;
            const from = timeOf(slot * slotMinutes);
            const to = timeOf((slot + 1) * slotMinutes);
            return (
              <div
                key={slot}
                id={cellId({ day: dayIndex, slot })}
                role="gridcell"
                aria-label={`${DAY_NAMES[day]} ${from}–${to}`}
                aria-selected={state === 'open'}
                data-state={state}
                data-preview={preview}
                tabIndex={focused ? 0 : -1}
                className={[classes.cell, (slot * slotMinutes) % 60 === 0 && classes.hourStart].filter(Boolean).join(' ')}
                style={{ gridRow: dayIndex + 2, gridColumn: slot + 2 }}
                title={`${DAY_NAMES[day]} ${from}–${to}: ${state}`}
                onFocus={() => setFocus({ day: dayIndex, slot })}
                onMouseDown={
                  editable
                    ? (event) => {
                        event.preventDefault();
                        const cell = { day: dayIndex, slot };
                        setFocus(cell);
                        setStroke({ anchor: cell, current: cell, open: state !== 'open' });
                      }
                    : undefined
                }
                onMouseEnter={stroke ? () => setStroke({ ...stroke, current: { day: dayIndex, slot } }) : undefined}
              />
            );
          })}
        </div>
      ))}
    </div>
  );
}
