import { DateTime, IANAZone } from 'luxon';

export interface LocalTimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  readonly weekday: number;
  /** "09:05": zero-padded 24-hour time, ordered correctly by string comparison. */
  readonly hhmm: string;
  /** "2026-11-26". */
  readonly date: string;
}

/**
 * The wall-clock parts of `now` in an IANA time zone, or null when the zone is not a valid IANA name or
 * `now` is outside the representable range. The zone is resolved as IANA only, so names such as
 * "local" or "system" (which luxon would map to the host's zone) never make results machine-dependent.
 * Digits are formatted by hand, never through locale-aware formatting.
 */
export function localTimeParts(now: number, timeZone: string): LocalTimeParts | null {
  if (!Number.isFinite(now)) return null;
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) return null;
  const time = DateTime.fromMillis(now, { zone });
  if (!time.isValid) return null;
  const month = pad(time.month, 2);
  const day = pad(time.day, 2);
  return {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.hour,
    minute: time.minute,
    weekday: time.weekday,
    hhmm: `${pad(time.hour, 2)}:${pad(time.minute, 2)}`,
    date: `${time.year < 0 ? '-' : ''}${pad(Math.abs(time.year), 4)}-${month}-${day}`,
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
