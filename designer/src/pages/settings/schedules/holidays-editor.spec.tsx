import type { Holiday, HolidayPresetView } from '@callflow/schemas';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { renderWithTheme } from '../../../../test/render';
import { describeRule } from './holiday-rules';
import { HolidaysEditor } from './holidays-editor';

const christmas: Holiday = { id: 'us-christmas', name: 'Christmas Day', rule: { type: 'yearly-date', month: 12, day: 25, observedShift: 'nearest-weekday' } };
const thanksgiving: Holiday = { id: 'us-thanksgiving', name: 'Thanksgiving Day', rule: { type: 'yearly-weekday', month: 11, weekday: 4, nth: 4 } };
const usPreset: HolidayPresetView = {
  country: 'US',
  name: 'United States',
  holidays: [christmas, thanksgiving],
  year: 2026,
  dates: [
    { date: '2026-11-26', holidayId: 'us-thanksgiving', name: 'Thanksgiving Day', observed: false },
    { date: '2026-12-25', holidayId: 'us-christmas', name: 'Christmas Day', observed: false },
  ],
};

function renderEditor(initial: Holiday[]) {
  const latest: { holidays: Holiday[] } = { holidays: initial };
  function Harness() {
    const [holidays, setHolidays] = useState(initial);
    latest.holidays = holidays;
    return <HolidaysEditor holidays={holidays} onChange={setHolidays} presets={[usPreset]} errorOf={() => null} />;
  }
  renderWithTheme(<Harness />);
  return { latest, user: userEvent.setup({ delay: null }) };
}

// Each test fills a whole form, re-rendered on every change: it can take tens of seconds in jsdom on a loaded machine.
jest.setTimeout(60_000);

describe('holidays of a schedule', () => {
  it('describes one-off and recurring rules in words', () => {
    expect(describeRule(christmas.rule)).toBe('Every 25 December, or the nearest weekday');
    expect(describeRule(thanksgiving.rule)).toBe('Fourth Thursday of November');
    expect(describeRule({ type: 'yearly-weekday', month: 5, weekday: 1, nth: -1 })).toBe('Last Monday of May');
    expect(describeRule({ type: 'yearly-easter', offsetDays: -2 })).toBe('2 days before Easter Sunday');
    expect(describeRule({ type: 'range', from: '2026-08-03', to: '2026-08-14' })).toBe('3 August 2026 – 14 August 2026');
  });

  it("adds a country's public holidays, leaving out those already there", async () => {
    const { latest, user } = renderEditor([christmas]);
    await user.click(screen.getByRole('combobox', { name: 'Public holidays of' }));
    await user.click(screen.getByRole('option', { name: 'United States' }));
    await user.click(screen.getByRole('button', { name: 'Add 1 holidays' }));
    expect(latest.holidays.map((holiday) => holiday.id)).toEqual(['us-christmas', 'us-thanksgiving']);
    expect(screen.getByRole('button', { name: 'All added' })).toBeDisabled();
    expect(screen.getByText('Fourth Thursday of November')).toBeInTheDocument();
  });

  it("adds a recurring holiday checked with the API's schema, with hours open that day", async () => {
    const { latest, user } = renderEditor([]);
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    expect(screen.getByText('name must not be empty')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Christmas Eve');
    await user.click(screen.getByRole('combobox', { name: 'Occurs' }));
    await user.click(screen.getByRole('option', { name: 'Every year on a date' }));
    await user.clear(screen.getByRole('textbox', { name: 'Day' }));
    await user.type(screen.getByRole('textbox', { name: 'Day' }), '24');
    await user.click(screen.getByRole('switch', { name: 'Open some hours that day' }));
    await user.type(screen.getByRole('textbox', { name: 'Open' }), 'morning');
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    expect(screen.getByText('write the hours as 09:00-12:00, 13:00-15:00')).toBeInTheDocument();

    await user.clear(screen.getByRole('textbox', { name: 'Open' }));
    await user.type(screen.getByRole('textbox', { name: 'Open' }), '09:00-12:00');
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    expect(latest.holidays).toEqual([
      { id: 'christmas-eve', name: 'Christmas Eve', rule: { type: 'yearly-date', month: 12, day: 24, observedShift: 'none' }, hours: [{ open: '09:00', close: '12:00' }] },
    ]);
    expect(screen.getByText('Open 09:00–12:00')).toBeInTheDocument();
  });
});
