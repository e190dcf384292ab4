/** What a NumberInput holds: a number, or the text typed so far ('' when empty). */
export type NumberValue = number | string;

/** A NumberInput's value for the schema: empty is missing (the schema says "enter a number"). */
export function numberOf(value: NumberValue): number | undefined {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? undefined : Number(value);
}

/** An optional text input: empty means null. */
export function nullIfBlank(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}

/** An `<input type="datetime-local">` value (the browser's time zone) as an ISO instant, or null when empty. */
export function instantOfLocal(value: string): string | null {
  if (value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** An ISO instant as an `<input type="datetime-local">` value in the browser's time zone. */
export function localOfInstant(instant: string | null): string {
  if (instant === null) return '';
  const date = new Date(instant);
  const pad = (part: number) => String(part).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
