import { evaluateExpression, parseExpression, type ExpressionContext, type ExprValue } from './index';
import { localTimeParts } from './local-time';

function at(iso: string, timeZone: string): ExpressionContext {
  return { vars: {}, caller: '', called: '', now: Date.parse(iso), timeZone };
}

function run(source: string, context: ExpressionContext): ExprValue {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`parse failed for ${source}: ${result.error.message}`);
  return evaluateExpression(result.expression, context);
}

const ALL_FIELDS = '[time.date, time.hhmm, time.hour, time.minute, time.weekday, time.year, time.month, time.day]';

describe('time values', () => {
  it.each<[string, string, ExprValue]>([
    // America/New_York, DST starts Sunday 2026-03-08 at 02:00 (clocks jump to 03:00).
    ['2026-03-08T06:59:00Z', 'America/New_York', ['2026-03-08', '01:59', 1, 59, 7, 2026, 3, 8]],
    ['2026-03-08T07:00:00Z', 'America/New_York', ['2026-03-08', '03:00', 3, 0, 7, 2026, 3, 8]],
    // DST ends Sunday 2026-11-01 at 02:00 (clocks fall back to 01:00, so 01:30 happens twice).
    ['2026-11-01T05:30:00Z', 'America/New_York', ['2026-11-01', '01:30', 1, 30, 7, 2026, 11, 1]],
    ['2026-11-01T06:30:00Z', 'America/New_York', ['2026-11-01', '01:30', 1, 30, 7, 2026, 11, 1]],
    ['2026-11-01T07:30:00Z', 'America/New_York', ['2026-11-01', '02:30', 2, 30, 7, 2026, 11, 1]],
    // Europe/Berlin: summer time from 2026-03-29 01:00 UTC until 2026-10-25 01:00 UTC.
    ['2026-03-29T00:59:00Z', 'Europe/Berlin', ['2026-03-29', '01:59', 1, 59, 7, 2026, 3, 29]],
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', ['2026-03-29', '03:00', 3, 0, 7, 2026, 3, 29]],
    ['2026-10-25T00:30:00Z', 'Europe/Berlin', ['2026-10-25', '02:30', 2, 30, 7, 2026, 10, 25]],
    ['2026-10-25T01:30:00Z', 'Europe/Berlin', ['2026-10-25', '02:30', 2, 30, 7, 2026, 10, 25]],
    // The local date differs from the UTC date.
    ['2026-11-26T03:00:00Z', 'America/New_York', ['2026-11-25', '22:00', 22, 0, 3, 2026, 11, 25]],
    ['2026-12-31T23:30:00Z', 'Asia/Tokyo', ['2027-01-01', '08:30', 8, 30, 5, 2027, 1, 1]],
    // Half-hour offset.
    ['2026-06-15T09:05:00Z', 'Asia/Kolkata', ['2026-06-15', '14:35', 14, 35, 1, 2026, 6, 15]],
    ['2026-06-15T09:05:00Z', 'UTC', ['2026-06-15', '09:05', 9, 5, 1, 2026, 6, 15]],
  ])('%s in %s', (iso, zone, expected) => {
    expect(run(ALL_FIELDS, at(iso, zone))).toEqual(expected);
  });

  it('supports typical business-hours conditions', () => {
    const morning = at('2026-11-02T14:05:00Z', 'America/New_York');
    expect(run('time.hhmm >= "09:00" and time.hhmm < "17:00"', morning)).toBe(true);
    expect(run('time.hour < 12', morning)).toBe(true);
    expect(run('time.weekday in [6, 7]', morning)).toBe(false);
    expect(run('time.date == "2026-11-02"', morning)).toBe(true);
    const evening = at('2026-11-02T23:05:00Z', 'America/New_York');
    expect(run('time.hhmm >= "09:00" and time.hhmm < "17:00"', evening)).toBe(false);
  });

  it('is null for a zone that is not an IANA name, including host-dependent ones', () => {
    for (const zone of ['Mars/Olympus', '', 'local', 'system', 'utc+3']) {
      expect(run(ALL_FIELDS, at('2026-06-15T09:05:00Z', zone))).toEqual([null, null, null, null, null, null, null, null]);
    }
  });

  it('is null when now is not a representable time', () => {
    expect(localTimeParts(Number.NaN, 'UTC')).toBeNull();
    expect(localTimeParts(Infinity, 'UTC')).toBeNull();
    expect(localTimeParts(8.64e15 + 1, 'UTC')).toBeNull();
  });

  it('pads years outside 1000-9999 so dates stay comparable', () => {
    expect(localTimeParts(Date.UTC(800, 0, 2), 'UTC')?.date).toBe('0800-01-02');
    expect(localTimeParts(-8.64e15, 'UTC')?.date).toBe('-271821-04-20');
  });
});
