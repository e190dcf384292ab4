import { MAX_STRING_LENGTH } from './limits';
import {
  containsValue,
  endsWithValue,
  finiteOrNull,
  startsWithValue,
  toNumber,
  toText,
  type ExprValue,
} from './values';

interface FunctionDefinition {
  readonly minArgs: number;
  /** Infinity for variadic functions. */
  readonly maxArgs: number;
  /** Called with between minArgs and maxArgs evaluated arguments; never throws. */
  apply(args: readonly ExprValue[]): ExprValue;
}

/**
 * The whitelist of callable functions. Text functions read their arguments as text (null is "", lists
 * are joined with ", "); lengths and positions count Unicode code points.
 */
export const FUNCTIONS = {
  lower: { minArgs: 1, maxArgs: 1, apply: ([value]) => text(value).toLowerCase() },
  upper: { minArgs: 1, maxArgs: 1, apply: ([value]) => text(value).toUpperCase() },
  trim: { minArgs: 1, maxArgs: 1, apply: ([value]) => text(value).trim() },
  /** Number of items of a list, else number of characters of the text (null → 0). */
  len: {
    minArgs: 1,
    maxArgs: 1,
    apply: ([value]) => (Array.isArray(value) ? value.length : Array.from(text(value)).length),
  },
  /**
   * substr(s, start, length?): `start` counts from 0, or from the end when negative; without `length`
   * the rest of the text. Non-integers are truncated; a non-numeric start or length gives null.
   */
  substr: { minArgs: 2, maxArgs: 3, apply: ([value, start, length]) => substr(value, start, length) },
  /** replace(s, find, with): every occurrence of the plain text `find`; an empty `find` changes nothing. */
  replace: { minArgs: 3, maxArgs: 3, apply: ([value, find, replacement]) => replaceAll(value, find, replacement) },
  digits: { minArgs: 1, maxArgs: 1, apply: ([value]) => text(value).replace(/\D/g, '') },
  /** The number a number or decimal string stands for, else null. */
  number: { minArgs: 1, maxArgs: 1, apply: ([value]) => toNumber(value ?? null) },
  string: { minArgs: 1, maxArgs: 1, apply: ([value]) => text(value) },
  /** The first argument that is neither null nor the empty string; null if there is none. */
  coalesce: {
    minArgs: 1,
    maxArgs: Infinity,
    apply: (args) => args.find((value) => value !== null && value !== '') ?? null,
  },
  /** Smallest of the arguments (list arguments contribute their items); null if any is not numeric. */
  min: { minArgs: 1, maxArgs: Infinity, apply: (args) => extreme(args, Math.min) },
  max: { minArgs: 1, maxArgs: Infinity, apply: (args) => extreme(args, Math.max) },
  /** round(x, places?): half away from zero; places is 0 to 10 (default 0), otherwise null. */
  round: { minArgs: 1, maxArgs: 2, apply: ([value, places]) => round(value, places) },
  startsWith: { minArgs: 2, maxArgs: 2, apply: ([value, prefix]) => startsWithValue(value ?? null, prefix ?? null) },
  endsWith: { minArgs: 2, maxArgs: 2, apply: ([value, suffix]) => endsWithValue(value ?? null, suffix ?? null) },
  /** contains(haystack, needle): same as `haystack contains needle`. */
  contains: { minArgs: 2, maxArgs: 2, apply: ([haystack, needle]) => containsValue(haystack ?? null, needle ?? null) },
} satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof FUNCTIONS;

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

function text(value: ExprValue | undefined): string {
  return toText(value ?? null);
}

function substr(value: ExprValue | undefined, start: ExprValue | undefined, length: ExprValue | undefined): ExprValue {
  const chars = Array.from(text(value));
  const startNumber = toNumber(start ?? null);
  if (startNumber === null) return null;
  const truncated = Math.trunc(startNumber);
  const from = truncated < 0 ? Math.max(0, chars.length + truncated) : truncated;
  if (length === undefined) return chars.slice(from).join('');
  const lengthNumber = toNumber(length);
  if (lengthNumber === null) return null;
  return chars.slice(from, from + Math.max(0, Math.trunc(lengthNumber))).join('');
}

function replaceAll(value: ExprValue | undefined, find: ExprValue | undefined, replacement: ExprValue | undefined): ExprValue {
  const subject = text(value);
  const target = text(find);
  if (target === '') return subject;
  const pieces = subject.split(target);
  const insert = text(replacement);
  const resultLength = subject.length + (pieces.length - 1) * (insert.length - target.length);
  return resultLength > MAX_STRING_LENGTH ? null : pieces.join(insert);
}

function extreme(args: readonly ExprValue[], pick: (a: number, b: number) => number): ExprValue {
  let result: number | null = null;
  for (const arg of args) {
    const items: readonly ExprValue[] = Array.isArray(arg) ? arg : [arg];
    for (const item of items) {
      const number = toNumber(item ?? null);
      if (number === null) return null;
      result = result === null ? number : pick(result, number);
    }
  }
  return result;
}

function round(value: ExprValue | undefined, places: ExprValue | undefined): ExprValue {
  const number = toNumber(value ?? null);
  const placesNumber = places === undefined ? 0 : toNumber(places);
  if (number === null || placesNumber === null) return null;
  const digits = Math.trunc(placesNumber);
  if (digits < 0 || digits > 10) return null;
  if (Math.abs(number) >= 1e15) return number;
  const factor = 10 ** digits;
  // toPrecision(15) absorbs binary representation error first, so round(1.005, 2) is 1.01, not 1.
  const scaled = Number((Math.abs(number) * factor).toPrecision(15));
  const rounded = (Math.sign(number) * Math.round(scaled)) / factor;
  return finiteOrNull(rounded + 0);
}
